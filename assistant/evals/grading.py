"""Grading one case: what the reply contains, cites and retrieved, and whether it passes."""

from __future__ import annotations

from collections.abc import Collection

from pydantic import BaseModel, ConfigDict

from assistant.answer.markers import cited_sentences
from assistant.evals.cases import Case, CaseKind
from assistant.schema import SYNTHESIS, Answer, Citation, Ref, RetrievedPassage

EXPECTED_STATUS: dict[CaseKind, str] = {
    "answer": "answered",
    "red_flag": "urgent",
    "out_of_scope": "out_of_scope",
    "unanswerable": "insufficient_evidence",
    "no_alarm": "any reply without a red flag",
}


class CaseResult(BaseModel):
    """Everything the metrics and reports need about one case."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: CaseKind
    question: str
    status: str
    passed: bool
    reasons: list[str]
    answer: str
    cited_refs: list[Ref]
    retrieved_refs: list[Ref]
    first_source_rank: int | None
    facts_total: int
    missing_facts: list[list[str]]
    leads_first: bool = True
    citations_total: int
    citations_in_sources: int
    sentences_total: int
    sentences_grounded: int
    forbidden_found: list[str]
    latency_ms: float
    composer: str = "extractive"
    family: str | None = None
    form: str | None = None
    flagged: list[str] = []
    flag_words: list[str] = []


def grade(case: Case, answer: Answer) -> CaseResult:
    """Compare the reply with the case's expectations; `reasons` says why it failed."""
    text = answer.answer.lower()
    missing = [fact.any for fact in case.facts if not fact.found_in(text)]
    forbidden = [word for word in case.forbidden if word.lower() in text]
    sources = set(case.sources)
    in_sources = [c for c in answer.citations if _points_into(c.ref, c.cites, sources)]
    sentences = cited_sentences(answer.answer) if answer.status == "answered" else []
    first = sentences[0].text if sentences else ""
    checked = {v.sentence for v in answer.support if v.supported}
    grounded = [s for s in sentences if _grounded(s.text, s.markers, answer.citations, checked)]
    result = CaseResult(
        id=case.id,
        kind=case.kind,
        question=case.question,
        status=answer.status,
        passed=False,
        reasons=[],
        answer=answer.answer,
        cited_refs=_sorted_refs({r for c in answer.citations for r in (c.ref, *c.cites)}),
        retrieved_refs=[p.ref for p in answer.retrieved],
        first_source_rank=_first_source_rank(answer.retrieved, sources),
        facts_total=len(case.facts),
        missing_facts=missing,
        leads_first=not case.leads or any(fact.found_in(first) for fact in case.leads),
        citations_total=len(answer.citations),
        citations_in_sources=len(in_sources),
        sentences_total=len(sentences),
        sentences_grounded=len(grounded),
        forbidden_found=forbidden,
        latency_ms=answer.latency_ms,
        composer=answer.composer,
        family=case.family,
        form=case.form,
        flagged=sorted({hit.family for hit in answer.triage.flags}) if answer.triage else [],
        flag_words=[f"{h.id}: {h.matched} ({h.signal})" for h in answer.triage.flags]
        if answer.triage
        else [],
    )
    reasons = _reasons(case, result)
    return result.model_copy(update={"passed": not reasons, "reasons": reasons})


def _reasons(case: Case, result: CaseResult) -> list[str]:
    """Why a case failed. A red flag passes when the conversation carries it (a new urgent
    message or a reminder of one); with a family, that family must be among those raised."""
    if case.kind in ("red_flag", "no_alarm"):
        return _alarm_reasons(case, result)
    reasons = []
    if result.status != EXPECTED_STATUS[case.kind]:
        reasons.append(f"status {result.status}, expected {EXPECTED_STATUS[case.kind]}")
    elif result.flagged:
        reasons.append(f"raised {', '.join(result.flagged)} on a case with no red flag")
    if case.kind == "answer":
        reasons += [f"missing fact {' | '.join(fact)}" for fact in result.missing_facts]
        if result.status == "answered" and not result.leads_first:
            reasons.append("the first sentence gives none of the lead facts")
        if result.citations_total and not result.citations_in_sources:
            reasons.append(f"cites {result.cited_refs}, none of {case.sources}")
        if result.sentences_grounded < result.sentences_total:
            reasons.append("a sentence is not in the passage it cites")
    reasons += [f"contains forbidden {word!r}" for word in result.forbidden_found]
    return reasons


def _alarm_reasons(case: Case, result: CaseResult) -> list[str]:
    if case.kind == "no_alarm":
        return [f"false alarm: {'; '.join(result.flag_words)}"] if result.flagged else []
    if not result.flagged:
        return ["no red flag raised"]
    if case.family and case.family not in result.flagged:
        return [f"raised {', '.join(result.flagged)}, expected {case.family}"]
    return []


def _points_into(ref: Ref, cites: Collection[int], sources: set[Ref]) -> bool:
    """A synthesis passage counts as citing the refs it cites."""
    return ref in sources or bool(sources.intersection(cites))


def _grounded(
    sentence: str, markers: tuple[int, ...], citations: list[Citation], checked: set[str]
) -> bool:
    """Word for word in the passages it cites, or (a composed sentence) passed the support
    check against them."""
    quotes = {c.n: c.quote for c in citations}
    cited = bool(markers) and all(n in quotes for n in markers)
    return cited and (sentence in checked or all(sentence in quotes[n] for n in markers))


def _first_source_rank(retrieved: list[RetrievedPassage], sources: set[Ref]) -> int | None:
    for passage in retrieved:
        if _points_into(passage.ref, passage.cites, sources):
            return passage.rank
    return None


def _sorted_refs(refs: set[Ref]) -> list[Ref]:
    return sorted(refs, key=lambda r: (r == SYNTHESIS, r if isinstance(r, int) else 0))
