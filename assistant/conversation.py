"""Earlier turns of a conversation, and how a follow-up question borrows their topic."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_OPENERS = re.compile(r"^\s*(and|but|also|so|ok|okay|then|what about|how about)\b", re.IGNORECASE)
_BACK_REFERENCES = re.compile(
    r"\b(it|its|it's|that|this|they|them|their|those|these|there)\b", re.IGNORECASE
)


class Turn(BaseModel):
    """One earlier message; the assistant's are kept only to show, never as evidence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["user", "assistant"]
    content: str = Field(max_length=20_000)


def is_follow_up(question: str) -> bool:
    """'And how is it treated?', 'What about X?', 'Which scans showed it?'."""
    return bool(_OPENERS.match(question) or _BACK_REFERENCES.search(question))


def standalone_query(question: str, history: Sequence[Turn]) -> str:
    """The question made self-contained for retrieval: a follow-up is prefixed with the last
    question the user asked, so 'And how is it treated?' searches for what 'it' was."""
    earlier = [turn.content for turn in history if turn.role == "user"]
    if not earlier or not is_follow_up(question):
        return question
    return f"{earlier[-1].strip()} {question}"
