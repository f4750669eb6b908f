"""Answering one question: validate -> triage -> scope -> retrieve -> select -> check the
evidence covers it -> cite -> result."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from time import perf_counter

from assistant.answer.citations import cite, references
from assistant.answer.compose import Composer
from assistant.answer.composed import Composed, ComposedAnswers, deltas, label
from assistant.answer.coverage import EvidenceCheck
from assistant.answer.extractive import Query, blend
from assistant.answer.forms import QuestionForms
from assistant.answer.roles import SentenceRoles
from assistant.answer.sentences import SentenceBank
from assistant.conversation import Turn, standalone_query
from assistant.corpus.loader import Corpus
from assistant.errors import InvalidQuestionError
from assistant.prompts import Prompts
from assistant.retrieval.mending import QuestionMender
from assistant.retrieval.retriever import HybridRetriever
from assistant.safety.replies import user_turns
from assistant.safety.scope import ScopeGuard
from assistant.safety.triage import Assessment, Triage
from assistant.schema import (
    Answer,
    AnswerDelta,
    AnswerStatus,
    Citation,
    Passage,
    ReplyKind,
    RetrievedPassage,
    SafetyNet,
    TriageReport,
)
from assistant.settings import Audience, RetrievalMode, Settings

MOSTLY_KNOWN = 0.5  # share of a terse ask's words the corpus must use for it to be a follow-up
_KIND: dict[str, ReplyKind] = {
    "answered": "answer",
    "insufficient_evidence": "refusal",
    "out_of_scope": "out_of_scope",
    "safety_net": "safety_net",
}


@dataclass(frozen=True)
class _Draft:
    """The reply below any urgent message: cited sentences, or the fixed reason there are none."""

    status: AnswerStatus
    pieces: list[str]
    passages: list[Passage] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    not_covered: list[str] = field(default_factory=list)
    refusal: str | None = None


class Assistant:
    """The one code path every surface (CLI, UI, API, evals) uses to answer."""

    def __init__(
        self,
        *,
        settings: Settings,
        corpus: Corpus,
        bank: SentenceBank,
        retriever: HybridRetriever,
        composer: Composer,
        forms: QuestionForms,
        roles: SentenceRoles,
        evidence: EvidenceCheck,
        triage: Triage,
        scope: ScopeGuard,
        prompts: Prompts,
        mender: QuestionMender,
        llm: ComposedAnswers | None = None,
    ) -> None:
        self.settings = settings
        self.corpus = corpus
        self._bank = bank
        self._retriever = retriever
        self._composer = composer
        self._forms = forms
        self._roles = roles
        self._evidence = evidence
        self._triage = triage
        self._scope = scope
        self._prompts = prompts
        self._mender = mender
        self._llm = llm

    def ask(
        self,
        question: str,
        *,
        history: Sequence[Turn] = (),
        mode: RetrievalMode | None = None,
        audience: Audience | None = None,
    ) -> Answer:
        """Triage, then answer from the corpus with a citation on every sentence, or say why not."""
        for event in self.stream(question, history=history, mode=mode, audience=audience):
            if isinstance(event, Answer):
                return event
        raise AssertionError("the stream ends with the answer")

    def stream(
        self,
        question: str,
        *,
        history: Sequence[Turn] = (),
        mode: RetrievalMode | None = None,
        audience: Audience | None = None,
    ) -> Iterator[TriageReport | AnswerDelta | Answer]:
        """The urgent report first (if any), the reply one cited sentence at a time (a composed
        sentence only once it has passed the support check), then the complete result."""
        started = perf_counter()
        question = self.validate(question)
        audience = audience or self.settings.audience
        said = user_turns(history, question)
        assessment = self._triage.assess(said, audience)
        recent = list(history)[max(len(history) - self.settings.history_turns, 0) :]
        asked = self._mender.mend(question)
        query = standalone_query(asked, recent, self._stands_alone)
        shown = " ".join(turn.content for turn in recent if turn.role == "assistant")
        draft, status, safety_net = self._reply(
            asked, query, mode, assessment, audience=audience, shown=shown
        )
        triage = assessment.report
        if triage is not None:
            yield triage
        composed = Composed(draft.pieces, draft.citations)
        if self._llm is not None and status == "answered":
            composed = yield from self._llm.compose(question, draft.pieces, draft.citations)
        else:
            yield from deltas(draft.pieces)
        yield Answer(
            id=uuid.uuid4().hex,
            question=question,
            query=query,
            status=status,
            answer=" ".join(composed.pieces) or (triage.message if triage else ""),
            citations=composed.citations,
            references=references(composed.citations, self.corpus),
            retrieved=_report(draft.passages),
            triage=triage,
            reply_kind=_KIND[draft.status] if draft.pieces else "none",
            safety_net=safety_net,
            not_covered=draft.not_covered,
            disclaimer=self._prompts.render(f"disclaimer_{audience}"),
            latency_ms=round((perf_counter() - started) * 1000, 1),
            corpus_version=self.corpus.version,
            composer=composed.composer,
            composer_note=composed.note,
            composer_label=label(composed),
            support=composed.support,
        )

    def _stands_alone(self, question: str) -> bool:
        """A question names its own subject (a condition, test, treatment or part of the
        body), or is mostly words the corpus never uses ("the capital of France?");
        otherwise a terse ask ("Inter-rater reliability?") is about the last exchange."""
        if self._roles.names_subject(question):
            return True
        return self._retriever.known_share(question) < MOSTLY_KNOWN

    def validate(self, question: str) -> str:
        """The question stripped of surrounding space; one with no letter or digit (empty,
        invisible characters only), a broken or control character, or over-long is refused."""
        stripped = question.strip()
        if any(unicodedata.category(c) == "Cs" for c in stripped):
            raise InvalidQuestionError(
                "the question contains a broken character (a lone UTF-16 surrogate)",
                hint="send the text as valid Unicode",
            )
        if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in stripped):
            raise InvalidQuestionError(
                "the question contains a control character (such as NUL or ESC)",
                hint="send plain text",
            )
        if not any(unicodedata.category(c)[0] in "LN" for c in stripped):
            raise InvalidQuestionError("the question is empty; type a question about low back pain")
        limit = self.settings.max_question_chars
        if len(stripped) > limit:
            raise InvalidQuestionError(
                f"the question is {len(stripped)} characters long; the limit is {limit}",
                hint="shorten it, or raise ASSISTANT_MAX_QUESTION_CHARS",
            )
        return stripped

    def _reply(
        self,
        question: str,
        query: str,
        mode: RetrievalMode | None,
        assessment: Assessment,
        *,
        audience: Audience,
        shown: str = "",
    ) -> tuple[_Draft, AnswerStatus, SafetyNet | None]:
        """The conversation policy: a new flag leads, with evidence only about it; a flag from
        an earlier turn is a reminder above a normal reply; with no flag, a patient describing
        their own back pain, or asking for the warning signs, gets the checklist."""
        report = assessment.report
        if report is not None and report.new:
            draft = self._draft(question, query, mode, shown, keep=self._triage.about(report))
            if draft.status != "answered":
                draft = _Draft(draft.status, [])
            return draft, "urgent", None
        if report is None and assessment.asks_for_warning_signs:
            net = self._triage.safety_net(audience)
            return _Draft("safety_net", [net.text]), "safety_net", net
        if report is None and self._triage.is_none_of_these(question):
            ack = self._prompts.render("safety_net_ack")
            return _Draft("safety_net", [ack]), "safety_net", None
        draft = self._draft(question, query, mode, shown)
        wants_net = report is None and assessment.describes_back_pain and draft.refusal is None
        return draft, draft.status, self._triage.safety_net(audience) if wants_net else None

    def _draft(
        self,
        question: str,
        query: str,
        mode: RetrievalMode | None,
        shown: str = "",
        *,
        keep: Callable[[str], bool] | None = None,
    ) -> _Draft:
        """The reply from the corpus; `shown` is what earlier replies said, not said again.
        A long question is read in part (its asks and the statements nearest them), after its
        red-flag mentions are masked, so the masking meets the clauses triage has just read."""
        chars = self.settings.answer_read_chars
        follow_up = query != question
        story = self._forms.read(self._triage.mask(question), chars)
        asked = self._forms.read(self._triage.mask(query), chars) if follow_up else story
        question = self._forms.read(question, chars)
        query = self._forms.read(query, chars) if follow_up else question
        vector = self._bank.embed(self._retriever.unnamed(query))
        refusal = self._scope.refusal(question, query, vector)
        if refusal is not None:
            return _Draft("out_of_scope", [self._prompts.render(refusal)], refusal=refusal)
        passages = self._retriever.retrieve(query, [float(x) for x in vector], mode)
        if follow_up:
            focus = blend(vector, self._bank.embed(self._retriever.unnamed(question)))
        else:
            focus = vector
        query_ = Query(query, vector, focus)
        selected = self._composer.compose(
            question, query_, passages, mode=mode, shown=shown, story=story
        )
        if keep is not None:
            selected = [item for item in selected if keep(item.sentence)]
        missing = self._evidence.not_covered(asked, selected, story if follow_up else None)
        if not selected or missing:
            return _Draft(
                "insufficient_evidence", [self._insufficient(missing)], passages, [], missing
            )
        sentences, citations = cite(selected, self.corpus)
        return _Draft("answered", sentences, passages, citations)

    def _insufficient(self, missing: list[str]) -> str:
        if not missing:
            return self._prompts.render("insufficient_evidence")
        named = ", ".join(f'"{m}"' if " " not in m else m for m in missing)
        return self._prompts.render("insufficient_evidence_named", missing=named)


def _report(passages: Sequence[Passage]) -> list[RetrievedPassage]:
    return [
        RetrievedPassage(
            rank=rank,
            chunk_id=p.chunk.chunk_id,
            ref=p.chunk.ref,
            cites=list(p.chunk.cites),
            score=round(p.score, 6),
            dense_score=None if p.dense_score is None else round(p.dense_score, 4),
            lexical_score=None if p.lexical_score is None else round(p.lexical_score, 4),
            title=p.chunk.title,
            section=p.chunk.section,
            text=p.chunk.text,
        )
        for rank, p in enumerate(passages, start=1)
    ]
