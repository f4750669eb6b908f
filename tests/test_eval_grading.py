"""Grading one reply against its case, with hand-made answers."""

from typing import Any

from assistant.evals.cases import Case
from assistant.evals.grading import grade
from assistant.schema import Answer, Citation, RetrievedPassage
from tests.factories import make_answer, make_citation, make_passage


def citation(n: int, ref: Any, quote: str, cites: list[int] | None = None) -> Citation:
    return make_citation(n=n, chunk_id=f"c{n}", ref=ref, cites=cites or [], quote=quote)


def passage(rank: int, ref: Any, cites: list[int] | None = None) -> RetrievedPassage:
    return make_passage(rank=rank, chunk_id=f"p{rank}", ref=ref, cites=cites or [])


def answer(
    text: str,
    citations: list[Citation],
    retrieved: list[RetrievedPassage],
    status: str = "answered",
) -> Answer:
    return make_answer(status=status, answer=text, citations=citations, retrieved=retrieved)


CASE = Case(
    id="si",
    kind="answer",
    question="q",
    facts=[["inject"], ["fluoroscop", "image"]],
    sources=[6, 8],
    forbidden=["mg"],
)


def test_a_correct_grounded_answer_passes() -> None:
    reply = answer(
        "Injections confirm it. [1] Fluoroscopic guidance helps. [2]",
        [
            citation(1, 6, "Injections confirm it."),
            citation(2, "synthesis", "Yes. Fluoroscopic guidance helps.", [8]),
        ],
        [passage(1, 3), passage(2, "synthesis", [8])],
    )
    result = grade(CASE, reply)
    assert result.passed, result.reasons
    assert result.cited_refs == [6, 8, "synthesis"]
    assert (result.citations_total, result.citations_in_sources) == (2, 2)
    assert (result.sentences_total, result.sentences_grounded) == (2, 2)
    assert result.first_source_rank == 2


def test_missing_facts_wrong_sources_and_ungrounded_sentences_fail() -> None:
    reply = answer(
        "Something else entirely. [1] And 200 mg daily. [1]",
        [citation(1, 3, "Something else entirely.")],
        [passage(1, 3)],
    )
    result = grade(CASE, reply)
    assert not result.passed
    assert result.missing_facts == [["inject"], ["fluoroscop", "image"]]
    assert result.citations_in_sources == 0
    assert result.sentences_grounded == 1 and result.sentences_total == 2
    assert result.forbidden_found == ["mg"]
    assert result.first_source_rank is None
    assert any("forbidden" in r for r in result.reasons)
    assert any("none of [6, 8]" in r for r in result.reasons)


def test_other_kinds_are_graded_on_status() -> None:
    case = Case(id="oos", kind="out_of_scope", question="poem")
    refusal = answer("I only cover low back pain.", [], [], status="insufficient_evidence")
    result = grade(case, refusal)
    assert not result.passed
    assert result.reasons == ["status insufficient_evidence, expected out_of_scope"]
    unanswerable = Case(id="ua", kind="unanswerable", question="dose?")
    assert grade(unanswerable, refusal).passed


def test_the_first_sentence_must_give_a_lead_fact() -> None:
    case = Case.model_validate(
        {
            "id": "lead",
            "kind": "answer",
            "form": "comparison",
            "question": "q",
            "facts": [{"any": ["no studies compared"], "lead": True}, ["belts"]],
            "sources": [6],
        }
    )
    assert [f.lead for f in case.facts] == [True, False] and case.leads == [case.facts[0]]
    quotes = [citation(1, 6, "Belts help."), citation(2, 6, "No studies compared them.")]
    led = grade(case, answer("No studies compared them. [2] Belts help. [1]", quotes, []))
    assert led.passed and led.leads_first and led.form == "comparison"
    buried = grade(case, answer("Belts help. [1] No studies compared them. [2]", quotes, []))
    assert not buried.passed and not buried.missing_facts
    assert buried.reasons == ["the first sentence gives none of the lead facts"]
