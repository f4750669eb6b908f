"""The Gradio chat UI; it only calls the assistant and the formatting functions."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any

from assistant.answer.plain import plain_text
from assistant.conversation import Turn
from assistant.errors import AssistantError, IndexUnavailableError, InvalidQuestionError
from assistant.schema import Answer, TriageReport
from assistant.service import Service
from assistant.ui.format import (
    EMPTY_SOURCES,
    answer_markdown,
    linked_markers,
    sources_html,
    triage_markdown,
)

if TYPE_CHECKING:
    import gradio as gr

EXAMPLES = [
    "How is sacroiliac joint pain confirmed?",
    "What treatments help sacroiliac joint pain?",
    "Can a sacral stress fracture happen after childbirth?",
    "How accurate is the buttock applied strain test?",
]
TITLE = "Lumbar Guide"
INTRO = (
    "Evidence-grounded answers on low back pain above the buttocks. Every sentence cites the "
    "passage it comes from; markers open the source. Decision support only: it does not "
    "replace a clinician."
)
UPDATING = "**The assistant is being updated.** Please ask again in a few seconds."
_MARKDOWN_SIGNS = re.compile(r"[\\`*_{}\[\]()#+\-!|~:]|(?<=\d)\.(?=\s)")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-!|~:.])")
_ANSWER_ID = re.compile(r'<span class="lg-answer-id">([0-9a-f]{32})</span>')


def static_text(name: str) -> str:
    """A file shipped in assistant/ui/static (CSS and JS stay out of Python strings)."""
    return resources.files("assistant.ui").joinpath("static", name).read_text(encoding="utf-8")


def head_html() -> str:
    return f"<script>{static_text('chat.js')}</script>"


def turns(history: list[dict[str, Any]]) -> list[Turn]:
    """Gradio's message history as conversation turns (text only)."""
    found = []
    for message in history:
        content = message.get("content")
        if isinstance(content, list):
            content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
        if message.get("role") in {"user", "assistant"} and isinstance(content, str) and content:
            text = as_typed(content) if message["role"] == "user" else content
            found.append(Turn(role=message["role"], content=text))
    return found


ChatReply = str | dict[str, Any]


def respond(
    service: Service, message: str, history: list[dict[str, Any]] | None = None
) -> Iterator[tuple[ChatReply, str, str]]:
    """(chat message, sources panel, plain text to copy) as the answer streams in. The finished
    message carries its answer id, hidden, so a thumbs up or down can name the answer, and the
    safety-net checklist's quick replies as options."""
    try:
        banner, text = "", ""
        assistant = service.assistant()
        for event in assistant.stream(as_typed(message), history=turns(history or [])):
            if isinstance(event, Answer):
                answer = service.finish(event, "chat")
                tagged = f'{answer_markdown(answer)}\n<span class="lg-answer-id">{answer.id}</span>'
                yield _with_options(tagged, answer), sources_html(answer), plain_text(answer)
            elif isinstance(event, TriageReport):
                banner = triage_markdown(event)
                yield banner, EMPTY_SOURCES, ""
            else:
                text += event.text
                yield "\n\n".join(filter(None, [banner, linked_markers(text)])), EMPTY_SOURCES, ""
    except InvalidQuestionError as exc:
        yield f"**Please rephrase.** {exc.message}.", EMPTY_SOURCES, ""
    except IndexUnavailableError:
        yield UPDATING, EMPTY_SOURCES, ""


def _with_options(text: str, answer: Answer) -> ChatReply:
    """The message, with one quick reply per symptom group and "None of these" when the reply
    ends with the safety-net checklist; choosing one sends its words as the next message."""
    if answer.safety_net is None:
        return text
    net = answer.safety_net
    options = [{"label": item.reply, "value": item.reply} for item in net.items]
    options.append({"label": net.none_reply, "value": net.none_reply})
    return {"role": "assistant", "content": text, "options": options}


def rate(service: Service, message: Any, liked: bool) -> bool:
    """Store a thumbs up or down for the answer a chat message shows; False if it has none
    (or the rating could not be stored: a like button has nowhere to show an error)."""
    found = _ANSWER_ID.search(str(message))
    if found is None:
        return False
    try:
        service.rate(found.group(1), "up" if liked else "down", None)
    except AssistantError:
        return False
    return True


def shown_as_text(text: str) -> str:
    """A user's message escaped so the chat shows it as typed: no HTML, no Markdown (an image
    in a message would otherwise be fetched from wherever it points). Escaping what is already
    escaped changes nothing (Gradio hands a shown message back on retry)."""
    escaped = _MARKDOWN_SIGNS.sub(r"\\\g<0>", as_typed(text))
    return html.escape(escaped, quote=False)


def as_typed(text: str) -> str:
    """The inverse of `shown_as_text`: what the user typed, from what the chat shows."""
    return _ESCAPED.sub(r"\1", html.unescape(text))


def _user_as_text(message: Any) -> Any:
    if isinstance(message, dict) and message.get("role") == "user":
        content = message.get("content")
        if isinstance(content, str):
            return {**message, "content": shown_as_text(content)}
    return message


def _users_as_text(chatbot: gr.Chatbot) -> None:
    """The chatbot shows users' messages as typed, answers with their formatting. (Wrapping
    the instance's postprocess: a subclass of a Gradio component makes Gradio write a .pyi
    stub next to this module at import.)"""
    shown = chatbot.postprocess
    chatbot.postprocess = lambda value: shown([_user_as_text(m) for m in value or []])  # type: ignore[method-assign]


def build_ui(service: Service) -> gr.Blocks:
    """The chat and its sources panel, side by side (stacked on a narrow screen)."""
    import gradio as gr

    def chat_fn(
        message: str, history: list[dict[str, Any]]
    ) -> Iterator[tuple[ChatReply, str, str]]:
        yield from respond(service, message, history)

    def on_like(data: gr.LikeData) -> None:
        rate(service, data.value, bool(data.liked))

    on_like.__annotations__["data"] = gr.LikeData  # Gradio injects event data by this type

    with gr.Blocks(title=TITLE) as ui:
        gr.Markdown(f"# {TITLE}\n{INTRO}", elem_id="lg-intro")
        copy_text = gr.Textbox(visible="hidden", elem_id="lg-copy-text", label="copy")
        with gr.Row(equal_height=False, elem_id="lg-layout"):
            with gr.Column(scale=3, min_width=300):
                sources = gr.HTML(EMPTY_SOURCES, render=False, elem_id="lg-sources-panel")
                chatbot = gr.Chatbot(
                    height=560, label="Lumbar Guide", elem_id="lg-chatbot",
                    feedback_options=("Like", "Dislike"), buttons=["copy"],
                )  # fmt: skip
                _users_as_text(chatbot)
                question = gr.Textbox(
                    placeholder="Ask about low back pain above the buttocks...",
                    elem_id="lg-question", show_label=False, submit_btn=True,
                )  # fmt: skip
                chat = gr.ChatInterface(
                    chat_fn,
                    chatbot=chatbot,
                    textbox=question,
                    additional_outputs=[sources, copy_text],
                    examples=EXAMPLES,
                    api_visibility="private",
                    fill_height=False,
                )
                with gr.Row():
                    gr.Button("Copy answer with references", size="sm", elem_id="lg-copy").click(
                        None, js="() => window.lumbarGuideCopy()"
                    )
                    gr.Button("New conversation", size="sm", elem_id="lg-new").click(
                        lambda: ([], [], EMPTY_SOURCES, ""),
                        outputs=[chatbot, chat.chatbot_state, sources, copy_text],
                        api_visibility="private",
                        queue=False,
                    )
            with gr.Column(scale=2, min_width=280, elem_id="lg-sources-column"):
                gr.Markdown("### Sources")
                sources.render()  # type: ignore[no-untyped-call]
        chatbot.like(on_like)
    blocks: gr.Blocks = ui
    return blocks
