"""The clause classifier: shipped head up to date, and it catches descriptions no rule lists."""

from typing import Any

import pytest

from assistant.safety.classifier import (
    ClauseClassifier,
    Head,
    shipped_head_path,
    train,
    training_examples,
    training_hash,
)
from tests.factories import CountingEncoder

pytestmark = pytest.mark.slow


def test_shipped_head_was_trained_on_the_current_training_file(embeddings: Any) -> None:
    head = Head.load(shipped_head_path())
    assert head.data_hash == training_hash(), "run `assistant train-triage`"
    assert head.model == embeddings.name
    assert set(head.classes) == set(training_examples()[1])


def test_training_is_reproducible(embeddings: Any) -> None:
    shipped = Head.load(shipped_head_path())
    fresh = train(embeddings)
    assert fresh.classes == shipped.classes
    assert abs(fresh.weights - shipped.weights).max() < 1e-3


@pytest.mark.parametrize(
    ("clause", "family"),
    [
        ("my pee just dribbles out and I can't tell when I'm done", "cauda_equina"),
        ("sex feels like nothing down there now", "cauda_equina"),
        ("shivering under three duvets and then drenched", "infection"),
        ("a heartbeat in my stomach I can feel with my hand", "aneurysm"),
        ("my right shoe keeps slapping the pavement", "neuro_deficit"),
    ],
)
def test_indirect_descriptions_are_caught(embeddings: Any, clause: str, family: str) -> None:
    [(label, p)] = ClauseClassifier(embeddings, threshold=0.5).classify([clause])
    assert label == family, (label, p)


def test_ordinary_clauses_stay_none(embeddings: Any) -> None:
    labels = ClauseClassifier(embeddings, threshold=0.9).classify(
        ["my back is stiff after gardening", "what exercises help sacroiliac pain?"]
    )
    assert [label for label, _ in labels] == ["none", "none"]


def test_each_clause_is_encoded_once_and_a_recent_one_not_again(embeddings: Any) -> None:
    counting = CountingEncoder(embeddings)
    classifier = ClauseClassifier(counting, threshold=0.5)
    clauses = ["my pee just dribbles out", "my back is stiff", "my pee just dribbles out"]
    first = classifier.classify(clauses)
    assert counting.encoded == ["my pee just dribbles out", "my back is stiff"]
    assert first[0] == first[2] and first[0][0] == "cauda_equina"
    again = classifier.classify(["my back is stiff", "sex feels like nothing down there now"])
    assert counting.encoded[2:] == ["sex feels like nothing down there now"]
    assert again[0] == first[1]
