"""The composed reply: the model's sentences, each shown only once the support check passes,
renumbered by first use; or, when the model fails or nothing it wrote is supported, the
extractive answer it was given, with the reason."""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field

from assistant.answer.llm import ComposerError, LLMComposer
from assistant.answer.markers import CitedSentence
from assistant.answer.support import SupportCheck
from assistant.schema import AnswerDelta, Citation, ComposerName, SentenceSupport

NOTHING_SUPPORTED = "no sentence the language model wrote was supported by its passages"
SAID_NOT_ANSWERED = "the language model said the passages do not answer the question"


@dataclass(frozen=True)
class Composed:
    """The reply's cited pieces and citations, who wrote them, and each sentence's check."""

    pieces: list[str]
    citations: list[Citation]
    composer: ComposerName = "extractive"
    note: str | None = None
    support: list[SentenceSupport] = field(default_factory=list)


class ComposedAnswers:
    """A language model's answer over the extractive answer's passages, checked per sentence."""

    def __init__(self, llm: LLMComposer, support: SupportCheck) -> None:
        self._llm = llm
        self._support = support

    def compose(
        self, question: str, pieces: list[str], citations: list[Citation]
    ) -> Generator[AnswerDelta, None, Composed]:
        """Yield each supported sentence as it passes; return the whole reply. `pieces` and
        `citations` are the extractive answer: its passages are what the model is given, and
        it is the reply when the model's is not used."""
        checked: list[SentenceSupport] = []
        shown: list[str] = []
        numbers: dict[int, int] = {}
        note: str | None = None
        try:
            for drafted in self._llm.sentences(question, [c.quote for c in citations]):
                if _says(drafted.text, self._llm.fixed_phrase):
                    note = SAID_NOT_ANSWERED
                    break
                verdict = self._check(drafted, citations)
                checked.append(verdict)
                if verdict.supported:
                    for n in drafted.markers:
                        numbers.setdefault(n, len(numbers) + 1)
                    marks = " ".join(f"[{numbers[n]}]" for n in dict.fromkeys(drafted.markers))
                    piece = f"{drafted.text} {marks}"
                    yield AnswerDelta(text=f" {piece}" if shown else piece)
                    shown.append(piece)
        except ComposerError as exc:
            note = exc.message
        if not shown:
            yield from deltas(pieces)
            return Composed(pieces, citations, "llm_fallback", note or NOTHING_SUPPORTED, checked)
        used = sorted(numbers, key=lambda n: numbers[n])
        renumbered = [citations[n - 1].model_copy(update={"n": numbers[n]}) for n in used]
        return Composed(shown, renumbered, "llm", note, checked)

    def _check(self, drafted: CitedSentence, citations: Sequence[Citation]) -> SentenceSupport:
        given = [n for n in drafted.markers if 0 < n <= len(citations)]
        if len(given) < len(drafted.markers):
            return SentenceSupport(
                sentence=drafted.text,
                supported=False,
                score=0.0,
                reasons=["cites a passage it was not given"],
            )
        verdict = self._support.check(drafted.text, [citations[n - 1].quote for n in given])
        return SentenceSupport(
            sentence=drafted.text,
            supported=verdict.supported,
            score=verdict.score,
            reasons=list(verdict.reasons),
        )


def deltas(pieces: Sequence[str]) -> Iterator[AnswerDelta]:
    """The pieces as streamed text: a space before each one after the first."""
    for i, piece in enumerate(pieces):
        yield AnswerDelta(text=piece if i == 0 else f" {piece}")


def _says(text: str, phrase: str) -> bool:
    return phrase.rstrip(".").lower() in text.lower()


def label(composed: Composed) -> str | None:
    """One line for the reader on who wrote the answer and how it was checked; None when no
    language model was asked."""
    if composed.composer == "extractive":
        return None
    if composed.composer == "llm_fallback":
        return f"Quoted from the passages: {composed.note or NOTHING_SUPPORTED}."
    scores = [s.score for s in composed.support if s.supported]
    removed = sum(not s.supported for s in composed.support)
    line = (
        "Written by a language model; each sentence checked against its passage "
        f"(lowest support {min(scores):.2f})"
    )
    return line + (f"; {removed} unsupported sentence(s) removed." if removed else ".")
