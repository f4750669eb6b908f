import pytest

from assistant.safety.negation import is_negated, negated_extent, negation_cue


def negated(text: str, mention: str) -> bool:
    return is_negated(text, text.index(mention))


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("No fever.", "fever"),
        ("Denies incontinence or saddle numbness", "saddle numbness"),
        ("She is not on steroids", "on steroids"),
        ("without any chills", "chills"),
        ("negative for night sweats", "night sweats"),
        ("no history of cancer", "history of cancer"),
        ("I haven't had a fall", "fall"),
    ],
)
def test_cues_before_a_mention_negate_it(text: str, mention: str) -> None:
    assert negated(text, mention)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("I have a fever", "fever"),
        ("No pain at rest, but I wet myself", "wet myself"),
        ("No fever and I wet myself", "wet myself"),
        ("No fever, my legs are weak", "legs are weak"),
        ("I'm not sure if I wet myself", "wet myself"),
        ("No idea why I wet myself", "wet myself"),
        ("No fever. Now I have chills", "chills"),
        (
            "It is not the first time, not at all, not really a problem, I can no longer feel it",
            "feel it",
        ),
    ],
)
def test_other_clauses_and_uncertainty_do_not_negate(text: str, mention: str) -> None:
    assert not negated(text, mention)


def test_cue_position_and_extent() -> None:
    text = "I haven't had a fall or an accident, and I'm fine"
    start = text.index("fall")
    cue = negation_cue(text, start)
    assert cue == text.index("haven't")
    assert (
        text[cue : negated_extent(text, start + len("fall"))] == "haven't had a fall or an accident"
    )
