"""Spelling slips are mended toward the lexicon, and only toward it."""

import pytest

from assistant.safety.nlp import normalise
from assistant.safety.spelling import English, Speller

VOCABULARY = {"sciatica", "numb", "bottom", "weaker", "tripping", "back", "tummy", "bladder",
              "fever", "legs", "leg", "daughter", "shower", "roof", "sudden", "melanoma",
              "aneurysm", "weakness"}  # fmt: skip


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(VOCABULARY, English())


@pytest.mark.parametrize(
    ("slip", "word"),
    [("sciatcia", "sciatica"), ("numm", "numb"), ("bottm", "bottom"), ("weeker", "weaker"),
     ("trippin", "tripping"), ("bak", "back"), ("tumy", "tummy"), ("bladdr", "bladder"),
     ("feever", "fever"), ("legz", "legs"), ("rof", "roof"), ("sudn", "sudden"),
     ("wekness", "weakness")],
)  # fmt: skip
def test_slips_become_lexicon_words(speller: Speller, slip: str, word: str) -> None:
    assert speller.correct(slip) == word


@pytest.mark.parametrize(
    "word", ["bus", "ladder", "week", "sholder", "bladr", "xyzzy", "a1c", "slrt"]
)
def test_real_words_and_far_slips_are_left_alone(speller: Speller, word: str) -> None:
    assert speller.correct(word) == word


@pytest.mark.parametrize(
    ("first", "second", "word"),
    [("melon", "oma", "melanoma"), ("an", "eurysm", "aneurysm"), ("my", "oma", None),
     ("back", "pain", None), ("sud", "den", None)],
)  # fmt: skip
def test_a_word_split_by_a_stray_space_is_joined(
    speller: Speller, first: str, second: str, word: str | None
) -> None:
    assert speller.joined(first, second) == word


def test_text_speak_and_contractions_are_spelled_out() -> None:
    assert normalise("I can't pee n it's worse, c/o numbness, im 58") == (
        "i can not pee and it is worse, complains of numbness, i am 58"
    )
