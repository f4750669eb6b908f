"""Fusion math on hand-made rankings, and hybrid retrieval on the real corpus and model."""

import pytest

from assistant.retrieval.fusion import drop_near_duplicates, reciprocal_rank_fusion
from assistant.schema import Chunk, Passage

QUESTION_PER_REF = {
    1: "What did CT show about the osteochondroma on the iliac spine?",
    2: "Did a nerve root block or a facet joint block help buttock pain more in stenosis?",
    3: "How common is superior cluneal nerve entrapment in low back pain?",
    4: "Are there accepted guidelines for diagnosing sacroiliac joint instability?",
    5: "What is the sensitivity of the buttock applied strain test compared with painDETECT?",
    6: "Do patients with SI joint pain report pain above L5?",
    7: "Can a sacral stress fracture develop after a caesarean delivery?",
    8: "Is any single provocation test valid for sacroiliac joint pain?",
    9: "What phosphate level was found after ferric carboxymaltose infusions?",
    10: "What share of patients with chronic low back pain screened positive for neuropathic pain?",
}


def test_rrf_rewards_agreement_between_rankings() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "a", "d"]], k=60)
    assert fused["a"] == fused["b"] == pytest.approx(1 / 61 + 1 / 62)
    assert fused["c"] == pytest.approx(1 / 63)
    assert fused["c"] == fused["d"] < fused["a"]


def test_rrf_constant_flattens_rank_differences() -> None:
    sharp = reciprocal_rank_fusion([["a", "b"]], k=1)
    flat = reciprocal_rank_fusion([["a", "b"]], k=100)
    assert sharp["a"] / sharp["b"] > flat["a"] / flat["b"]


def _passage(chunk_id: str, text: str) -> Passage:
    chunk = Chunk(
        chunk_id=chunk_id,
        doc_id="d",
        ref=1,
        section="s",
        text=text,
        cites=(),
        title="t",
        year=2020,
        study_type="review",
        match_confidence="high",
        start=0,
        end=len(text),
    )
    return Passage(chunk=chunk, score=1.0)


def test_near_duplicates_keep_the_better_ranked_passage() -> None:
    passages = [
        _passage("first", "Shock wave therapy reduced heel pain at twelve weeks."),
        _passage("copy", "Shock wave therapy reduced the heel pain at twelve weeks."),
        _passage("other", "Stretching relieves plantar fasciitis."),
    ]
    kept = drop_near_duplicates(passages, threshold=0.8)
    assert [p.chunk.chunk_id for p in kept] == ["first", "other"]
    assert len(drop_near_duplicates(passages, threshold=1.01)) == 3


@pytest.mark.parametrize(("ref", "question"), QUESTION_PER_REF.items())
def test_hybrid_ranks_the_right_card_first(assistant, ref: int, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.retrieved[0].ref == ref


@pytest.mark.parametrize("mode", ["dense", "bm25", "hybrid"])
def test_each_mode_returns_ranked_scored_passages(assistant, mode: str) -> None:
    answer = assistant.ask("How accurate is the buttock applied strain test?", mode=mode)
    retrieved = answer.retrieved
    assert 0 < len(retrieved) <= assistant.settings.top_k
    assert [p.rank for p in retrieved] == list(range(1, len(retrieved) + 1))
    assert retrieved[0].ref == 5
    assert all((p.dense_score is None) == (mode == "bm25") for p in retrieved if mode != "hybrid")
    assert all((p.lexical_score is None) for p in retrieved) is (mode == "dense")
    assert len({p.chunk_id for p in retrieved}) == len(retrieved)


def test_a_paper_named_by_its_first_author_is_the_evidence(assistant) -> None:
    answer = assistant.ask("Orita: which pain regions were recorded?")
    assert {p.ref for p in answer.retrieved} == {10}
    assert {p.ref for p in assistant.ask("Foley review - how common is SIJ pain?").retrieved} == {8}


def test_a_surname_that_is_an_english_word_needs_its_capital() -> None:
    from assistant.retrieval.papers import NamedPapers
    from assistant.schema import Document, Reference

    def card(doc_id: str, author: str) -> Document:
        reference = Reference(ref=1, title="t", authors=[author], study_type="review")
        return Document(
            doc_id=doc_id, ref=1, path="x.md", text="t", body_offset=0, reference=reference
        )

    papers = NamedPapers(
        [card("foley", "Foley BS"), card("orita", "Orita S")], {"foley"}.__contains__
    )
    assert papers.named("what does Foley say?") == {"foley"}
    assert papers.named("my foley catheter") == set()
    assert papers.named("orita 2016 figures") == {"orita"}
    assert papers.unnamed("Orita et al. (2016) - which region?") == "- which region?"
    assert papers.unnamed("back pain since 2019, worse at night") == (
        "back pain since 2019, worse at night"
    )


def test_a_named_paper_is_searched_without_its_authors_name(assistant) -> None:
    answer = assistant.ask("In the Orita study, which region was mainly neuropathic?")
    assert answer.status == "answered"
    assert answer.answer.startswith("Leg pain")


def test_a_terse_ask_about_a_named_paper_is_answered_from_it(assistant) -> None:
    answer = assistant.ask("Orita 2016 - how many pts, and what % screened positive?")
    assert "1,804 consecutive patients" in answer.answer
    assert "31.9%" in answer.answer
