"""Request and response bodies of the HTTP API (the answer itself is assistant.schema.Answer)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.conversation import Turn
from assistant.feedback import Rating
from assistant.settings import Audience


class AskRequest(BaseModel):
    """A question, with the earlier turns of the conversation for follow-ups and triage."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="The question, up to ASSISTANT_MAX_QUESTION_CHARS.")
    history: list[Turn] = Field([], description="Earlier turns, oldest first.", max_length=50)
    audience: Audience | None = Field(None, description="Wording for a clinician or a patient.")


class FeedbackRequest(BaseModel):
    """A rating of one answer, by the answer's id."""

    model_config = ConfigDict(extra="forbid")

    answer_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    rating: Rating
    comment: str | None = Field(None, max_length=1000)


class FeedbackReceipt(BaseModel):
    id: int


class Health(BaseModel):
    status: str = Field(description="ok, or degraded while questions cannot be answered.")
    state: str = Field(
        description="ready, loading (a new corpus version), rebuilding (an ingest is running), "
        "stale, missing or unreachable."
    )
    detail: str
    index_loaded: bool = Field(description="Whether questions can be answered now.")
    chunks: int = Field(description="Chunks in the index (0 when it cannot be read).")
    corpus_version: str = Field(description="The corpus version the index holds.")
    served_version: str = Field(description="The corpus version answers are drawn from.")
    embedding_model: str
