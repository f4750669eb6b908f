"""The typed values that flow one way: Document -> Chunk -> Passage -> Answer.

Every surface (CLI, UI, HTTP API, evals) reads and writes these; they are defined once, here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SYNTHESIS: Literal["synthesis"] = "synthesis"
Ref = int | Literal["synthesis"]
Confidence = Literal["high", "medium", "low"]
AnswerStatus = Literal["answered", "insufficient_evidence", "urgent", "out_of_scope", "safety_net"]
# What sits below an urgent banner or a reminder: the kind of reply the rest of the text is.
ReplyKind = Literal["answer", "refusal", "out_of_scope", "safety_net", "none"]
ComposerName = Literal["extractive", "llm", "llm_fallback"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceCard(_Frozen):
    """The front matter of a source card: the paper the synthesis cites by `ref`."""

    ref: int = Field(ge=1, description="The number the synthesis cites this paper by.")
    title: str = Field(min_length=1)
    authors: list[str] = Field(min_length=1)
    journal: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    doi: str | None = Field(None, pattern=r"^10\.\d{4,9}/\S+$")
    pmid: str | None = Field(None, pattern=r"^\d{1,9}$")
    url: str | None = Field(None, pattern=r"^https://\S+$")
    study_type: str = Field(min_length=1)
    match_confidence: Confidence
    identifiers_verified: bool
    identifiers_note: str = ""
    match_note: str = ""
    alternatives: list[str]


class SynthesisInfo(_Frozen):
    """The front matter of the synthesis document."""

    doc_id: Literal["synthesis"]
    title: str = Field(min_length=1)
    study_type: str = Field(min_length=1)
    note: str = ""


class Reference(_Frozen):
    """What a reader needs to find and weigh a cited document."""

    ref: Ref
    title: str
    authors: list[str] = []
    year: int | None = None
    journal: str | None = None
    study_type: str
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    match_confidence: Confidence | None = None
    identifiers_verified: bool | None = None


class Document(_Frozen):
    """One corpus file: the synthesis or a source card, with its Markdown body."""

    doc_id: str
    ref: Ref
    path: Path
    text: str = Field(description="The Markdown body, after the front matter.")
    body_offset: int = Field(description="Where `text` starts in the file, in characters.")
    reference: Reference
    card: SourceCard | None = None


class Chunk(_Frozen):
    """A retrievable unit: one finding of a card, or one citation group of the synthesis."""

    chunk_id: str
    doc_id: str
    ref: Ref
    section: str = Field(
        description="Heading path, e.g. 'Diagnostic Approaches > Diagnostic Injections'."
    )
    text: str = Field(
        description="The passage as a reader sees it, inline citation numbers removed."
    )
    cites: tuple[int, ...] = Field(description="Refs a synthesis passage cites; empty for cards.")
    title: str
    year: int | None
    study_type: str
    match_confidence: Confidence | None
    start: int = Field(description="Start offset of the passage in its file.")
    end: int = Field(description="End offset of the passage in its file.")

    @property
    def embedding_text(self) -> str:
        """The passage with its section heading as context: what the dense index embeds."""
        return f"{self.section}\n{self.text}"


class Passage(_Frozen):
    """A chunk as retrieved for one question, with the scores that ranked it."""

    chunk: Chunk
    score: float = Field(description="Fused score (reciprocal rank fusion in hybrid mode).")
    dense_score: float | None = Field(None, description="Cosine similarity to the question.")
    lexical_score: float | None = Field(None, description="BM25 score.")


class Citation(_Frozen):
    """One numbered marker in an answer, resolved to its passage and document."""

    n: int = Field(ge=1, description="The marker number, [n] in the answer text.")
    chunk_id: str
    ref: Ref
    cites: list[int] = Field(description="Refs the cited synthesis passage cites, else empty.")
    quote: str
    section: str
    title: str
    authors: list[str]
    year: int | None
    journal: str | None
    study_type: str
    url: str | None
    match_confidence: Confidence | None
    identifiers_verified: bool | None
    byline: str = Field(
        description="Authors, journal, year, study type and any doubt about the reference, "
        "as every surface shows it."
    )


class RetrievedPassage(_Frozen):
    """A ranked passage as reported in the result, whether or not the answer cited it."""

    rank: int
    chunk_id: str
    ref: Ref
    cites: list[int]
    score: float
    dense_score: float | None
    lexical_score: float | None
    title: str
    section: str
    text: str


class RedFlagHit(_Frozen):
    """A red flag recognised in the conversation."""

    id: str
    family: str
    name: str = Field(description="What was recognised, in plain words.")
    suggests: str
    urgency: Literal["emergency", "same_day"]
    guidelines: list[str]
    matched: str = Field(description="The words in the conversation that raised it.")
    signal: str = Field(
        description="What raised it: rule (concept rules), number (a measured value such as a "
        "temperature or age), classifier (the clause classifier), or several joined by +."
    )


class TriageReport(_Frozen):
    """The red flags found, and the urgent message that goes above any answer."""

    urgency: Literal["emergency", "same_day"]
    flags: list[RedFlagHit]
    message: str = Field(description="The urgent message, shown in full when a flag is new.")
    new: bool = Field(
        True, description="A flag was first raised by this message; else `reminder` is shown."
    )
    reminder: str = Field("", description="One line recalling a flag raised in an earlier turn.")


class SafetyNetItem(_Frozen):
    """One group of symptoms that need urgent care, and what choosing it sends."""

    family: str
    text: str
    reply: str


class SafetyNet(_Frozen):
    """The checklist that ends a reply to someone describing back pain with no red flag."""

    text: str = Field(description="The checklist in one sentence, as appended to the answer.")
    items: list[SafetyNetItem]
    none_reply: str = Field(description="The quick reply that says none of these apply.")


class SentenceSupport(_Frozen):
    """How well one composed sentence is supported by the passages it cites."""

    sentence: str
    supported: bool = Field(description="Shown only when true.")
    score: float = Field(
        description="Meaning similarity to the cited passage (0 when a test failed)."
    )
    reasons: list[str] = Field([], description="Why it was not shown.")


class Answer(_Frozen):
    """The result object every surface shows: status, cited text and the evidence behind it."""

    id: str
    question: str
    query: str = Field(description="What was searched: the question, made self-contained.")
    status: AnswerStatus
    answer: str
    citations: list[Citation]
    references: list[Reference] = Field(
        description="Every document cited, directly or through a synthesis passage's refs."
    )
    retrieved: list[RetrievedPassage]
    triage: TriageReport | None = Field(
        None, description="Set when the conversation has a red flag (new, or a reminder)."
    )
    reply_kind: ReplyKind = Field(
        "answer", description="What the text is, below any urgent banner or reminder."
    )
    safety_net: SafetyNet | None = Field(
        None, description="The urgent-symptom checklist, when the reply ends with one."
    )
    not_covered: list[str] = Field(
        [], description="What the question asks that the evidence does not cover."
    )
    disclaimer: str
    latency_ms: float
    corpus_version: str = Field(
        "", description="The corpus version the answer was drawn from (for the audit trail)."
    )
    composer: ComposerName = Field(
        "extractive",
        description="Who wrote the answer: corpus sentences (extractive), a language model whose "
        "every shown sentence passed the support check (llm), or corpus sentences because the "
        "model failed or nothing it wrote was supported (llm_fallback).",
    )
    composer_note: str | None = Field(None, description="Why the model's answer was not used.")
    composer_label: str | None = Field(
        None,
        description="One line for the reader on who wrote the answer and how it was checked "
        "(set when a language model was asked).",
    )
    support: list[SentenceSupport] = Field(
        [], description="Every sentence the model wrote, with its support check."
    )


class AnswerDelta(_Frozen):
    """A piece of answer text as it is produced, for streaming surfaces."""

    text: str
