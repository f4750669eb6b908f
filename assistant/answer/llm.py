"""A composed answer from a language model behind an OpenAI-compatible API, via LangChain.

The model sees the numbered passages the extractive answerer chose and the question, both
delimited as data, and the rules in prompts/compose_system.txt. Its reply is streamed and cut
into sentences as they complete; each sentence carries the passage numbers it cites. Checking
them is the caller's job (support.py); this module only talks to the model and never raises
anything but `ComposerError`.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.prompts import ChatPromptTemplate

from assistant.answer.markers import CitedSentence
from assistant.errors import AssistantError
from assistant.prompts import Prompts
from assistant.settings import Settings

log = logging.getLogger(__name__)

# A sentence with its markers: "Belts help. [2]" or "Belts help [2]." (markers may repeat).
_CITED = re.compile(r"\s*(?P<text>[^\[\]]+?)\s*(?P<markers>(?:\[\d+\]\s*)+)\.?(?=\s|$)")
_MARKER = re.compile(r"\[(\d+)\]")


class ComposerError(AssistantError):
    """The model could not be asked or did not answer in time (the reply falls back)."""


def chat_model(settings: Settings) -> BaseChatModel:
    """The LangChain chat model for the configured backend (an OpenAI-compatible server)."""
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
        # langchain-openai sends the limit as max_completion_tokens, which llama.cpp's and
        # some other compatible servers ignore; the classic field bounds them too.
        extra_body={"max_tokens": settings.llm_max_tokens},
        timeout=settings.llm_timeout_s,
        max_retries=0,
        streaming=True,
    )


class LLMComposer:
    """Asks the model for a cited answer and hands back its sentences as they complete."""

    def __init__(self, model: BaseChatModel, prompts: Prompts, settings: Settings) -> None:
        self._prompts = prompts
        self._settings = settings
        self.fixed_phrase = prompts.render("compose_fixed_phrase")
        template = ChatPromptTemplate.from_messages([("system", "{system}"), ("human", "{user}")])
        self._chain = template | model

    def sentences(self, question: str, passages: Sequence[str]) -> Iterator[CitedSentence]:
        """The reply's sentences, each as soon as it is complete. The passages and question
        are passed as values, never parsed as a template."""
        system = self._prompts.render("compose_system", fixed_phrase=self.fixed_phrase)
        numbered = "\n\n".join(f"[{n}] {text}" for n, text in enumerate(passages, start=1))
        user = self._prompts.render("compose_user", passages=numbered, question=question)
        deadline = time.monotonic() + self._settings.llm_timeout_s
        buffer = ""
        try:
            for chunk in self._chain.stream({"system": system, "user": user}):
                buffer += _text(chunk.content)
                done, buffer = _complete(buffer)
                yield from done
                if time.monotonic() > deadline:
                    raise ComposerError(f"no answer within {self._settings.llm_timeout_s:g} s")
        except ComposerError:
            raise
        except Exception as exc:  # any client, network or server error: the reply falls back
            log.warning("language model failed: %s", type(exc).__name__)
            raise ComposerError(f"the language model failed ({type(exc).__name__})") from exc
        yield from _rest(buffer)


def _text(content: object) -> str:
    """A streamed chunk's text (content is a string, or a list of parts for some servers)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)
    return ""


def _complete(buffer: str) -> tuple[list[CitedSentence], str]:
    """Sentences that are certainly finished (more text follows their markers), and the rest."""
    done: list[CitedSentence] = []
    end = 0
    for match in _CITED.finditer(buffer):
        if match.end() >= len(buffer.rstrip()):
            break
        done.append(_drafted(match))
        end = match.end()
    return done, buffer[end:]


def _rest(buffer: str) -> list[CitedSentence]:
    found = [_drafted(m) for m in _CITED.finditer(buffer)]
    tail = _CITED.sub("", buffer).strip()
    return found + ([CitedSentence(tail, ())] if tail else [])


def _drafted(match: re.Match[str]) -> CitedSentence:
    text = match.group("text").strip()
    if not text.endswith((".", "!", "?")):
        text += "."
    return CitedSentence(text, tuple(int(n) for n in _MARKER.findall(match.group("markers"))))
