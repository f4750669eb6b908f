"""The lead model: shipped up to date with the tuning cases, trained on nothing else, and it
moves the sentence that answers to the front, with any sentence that leans on it."""

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.answer.extractive import Query, Selected
from assistant.answer.lead import (
    LeadModel,
    LeadQuestion,
    LeadRanker,
    cases_hash,
    fit,
    shipped_model_path,
)
from assistant.evals.lead_training import cross_validate, tuning_files
from assistant.schema import Chunk, Passage

ANSWERS = Path(__file__).resolve().parent.parent / "evals" / "answers"


def _selected(sentence: str, chunk: str = "c1", position: int = 0) -> Selected:
    passage = Passage(
        chunk=Chunk(
            chunk_id=chunk,
            doc_id="d",
            ref=6,
            section="s",
            text=sentence,
            cites=(),
            title="t",
            year=None,
            study_type="review",
            match_confidence=None,
            start=0,
            end=len(sentence),
        ),
        score=0.1,
    )
    return Selected(sentence, passage, position, similarity=0.5, score=0.5)


class _Scripted(LeadRanker):
    """The real ordering on given feature rows: row i's first entry is its score."""

    def __init__(self, scores: list[float]) -> None:
        super().__init__(None, None, None, LeadModel(np.array([1.0]), 0.0, "m", "h"))  # type: ignore[arg-type]
        self._rows = np.array([[s] for s in scores], dtype=np.float32)

    def features(self, question: LeadQuestion, chosen: list[Selected]) -> np.ndarray:
        return self._rows


QUESTION = LeadQuestion("q", "open", "", Query("q", np.zeros(3), np.zeros(3)), np.zeros(3))


def test_the_best_scoring_sentence_leads_and_takes_the_sentence_leaning_on_it_along() -> None:
    chosen = [
        _selected("A first sentence.", "c1", 0),
        _selected("The direct answer.", "c2", 3),
        _selected("These results held.", "c2", 4),
        _selected("Another one.", "c3", 0),
    ]
    ordered = _Scripted([0.1, 2.0, 0.5, 0.3]).order(QUESTION, chosen)
    assert [s.sentence for s in ordered] == [
        "The direct answer.",
        "These results held.",
        "A first sentence.",
        "Another one.",
    ]


def test_a_sentence_opening_with_an_anaphor_never_leads() -> None:
    chosen = [_selected("Plain first.", "c1", 0), _selected("This condition is rare.", "c2", 1)]
    assert _Scripted([0.0, 5.0]).order(QUESTION, chosen) == chosen


def test_fit_learns_which_row_answers_and_cross_validation_counts_held_out_files() -> None:
    rng = np.random.default_rng(0)

    def example(answer_at: int) -> tuple[np.ndarray, list[bool], list[str]]:
        rows = rng.normal(size=(3, 4)).astype(np.float32)
        rows[answer_at, 0] += 4.0
        return rows, [i == answer_at for i in range(3)], ["a.", "b.", "c."]

    examples = {name: [example(int(i % 3)) for i in range(30)] for name in ("one.yaml", "two.yaml")}

    def fitter(rows: list[tuple[np.ndarray, list[bool], list[str]]]) -> LeadModel:
        return fit(rows, "m", "h")

    report = cross_validate(examples, fitter)
    assert report.answers == 60
    assert report.rules_first == 20
    assert report.model_first >= 55


def test_it_trains_on_the_tuning_files_only() -> None:
    names = {path.name for path in tuning_files(ANSWERS)}
    assert names and all(name.startswith("tune") for name in names)
    assert "test.yaml" not in names and not any("holdout" in n for n in names)


@pytest.mark.slow
def test_shipped_model_matches_the_tuning_cases_and_the_embedding_model(embeddings: Any) -> None:
    model = LeadModel.load(shipped_model_path())
    assert model.data_hash == cases_hash(tuning_files(ANSWERS)), "run `assistant train-lead`"
    assert model.model == embeddings.name


@pytest.mark.slow
def test_the_model_is_off_when_asked_or_for_another_embedding_model(
    make_settings: Any, embeddings: Any
) -> None:
    from types import SimpleNamespace

    from assistant.factory import load_lead_model

    assert load_lead_model(make_settings(), embeddings) is not None
    assert load_lead_model(make_settings(lead_model=False), embeddings) is None
    other = SimpleNamespace(name="someone/another-model")
    assert load_lead_model(make_settings(), other) is None  # type: ignore[arg-type]


def test_a_saved_model_loads_back_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    model = LeadModel(np.array([0.5, -1.0], dtype=np.float32), 0.25, "m", "h")
    path = tmp_path / "lead.npz"
    model.save(path)
    loaded = LeadModel.load(path)
    assert np.array_equal(loaded.weights, model.weights) and loaded.bias == 0.25
    assert (loaded.model, loaded.data_hash) == ("m", "h")
    assert [p.name for p in tmp_path.iterdir()] == ["lead.npz"]
