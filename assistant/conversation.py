"""Earlier turns of a conversation, and how a follow-up question borrows their topic."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.text import STOPWORDS

SHORT_QUESTION = 10  # words; a longer question carries its own topic
TERSE_ASK = 6  # words; an ask this short that names nothing is about the last exchange
_WORDS = re.compile(r"[a-z0-9]+", re.IGNORECASE)
_OPENERS = re.compile(r"^\s*(and|but|also|so|ok|okay|then|what about|how about)\b", re.IGNORECASE)
_BACK_REFERENCES = re.compile(
    r"\b(it|its|it's|that|this|they|them|their|those|these|there)\b", re.IGNORECASE
)
# A short question about "the results" or "the two" points back to the study or the pair the last
# exchange named ("Did the result vary with age?", "Which of the two did better early on?").
_DEFINITE_REFERENCES = re.compile(
    r"\b(the|both) (results?|study|studies|findings?|authors?|trial|review|reviews|paper|papers|"
    r"case|patients?|pts|sample|cohort|two|other one|former|latter|same|first one|second one)\b",
    re.IGNORECASE,
)


class Turn(BaseModel):
    """One earlier message; the assistant's are kept only to show, never as evidence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["user", "assistant"]
    content: str = Field(max_length=20_000)


def is_follow_up(
    question: str,
    history: Sequence[Turn] = (),
    stands_alone: Callable[[str], bool] | None = None,
) -> bool:
    """'And how is it treated?', 'What about X?', 'Which scans showed it?'; a short question
    that picks up a word of the last exchange ('Which block did better early on?' after a
    question about two blocks); or a terse ask that does not stand alone ('Management if
    symptomatic?', 'Inter-rater reliability?'), when `stands_alone` can tell; or a short one about
    "the results" or "the two" of the last exchange."""
    if _OPENERS.match(question) or _BACK_REFERENCES.search(question):
        return True
    words = _topic_words(question)
    length = len(_WORDS.findall(question))
    if not history or length > SHORT_QUESTION:
        return False
    if _DEFINITE_REFERENCES.search(question):
        return True
    if stands_alone is not None and length <= TERSE_ASK and not stands_alone(question):
        return True
    last = [t for t in history if t.role == "user"][-1:] + [
        t for t in history if t.role == "assistant"
    ][-1:]
    return bool(words & {w for turn in last for w in _topic_words(turn.content)})


CHAINED_TURNS = 3  # a follow-up's own question and at most this many before it


def standalone_query(
    question: str,
    history: Sequence[Turn],
    stands_alone: Callable[[str], bool] | None = None,
) -> str:
    """The question made self-contained for retrieval: a follow-up is prefixed with the last
    question the user asked, so 'And how is it treated?' searches for what 'it' was; when that
    question was itself a follow-up ('where would I feel it?'), with the one it followed too,
    back to one that stands alone (at most CHAINED_TURNS questions)."""
    asked = [i for i, turn in enumerate(history) if turn.role == "user"]
    if not asked or not is_follow_up(question, history, stands_alone):
        return question
    chain = [question]
    for position in reversed(asked):
        chain.insert(0, history[position].content.strip())
        before = history[:position]
        if len(chain) > CHAINED_TURNS or not is_follow_up(chain[0], before, stands_alone):
            break
    return " ".join(chain)


def _topic_words(text: str) -> set[str]:
    """Content words, cut to their first five letters (a crude stem: 'blocks' ~ 'block')."""
    return {w[:5] for w in _WORDS.findall(text.lower()) if len(w) > 3 and w not in STOPWORDS}
