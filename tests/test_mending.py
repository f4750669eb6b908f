"""Slips in a question are mended towards the corpus's own words, and only towards them."""

import pytest

from assistant.retrieval.mending import QuestionMender
from assistant.safety.spelling import english

MENDER = QuestionMender(
    ["sacroiliac joint dysfunction", "surgical release of the nerve (neurolysis)",
     "radicular or referred pain", "the superior cluneal nerve"],
    english(),
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "mended"),
    [
        ("what is sacroilliac joint disfunction??", "what is sacroiliac joint dysfunction??"),
        ("What is Neurolisis?", "What is neurolysis?"),
        ("is it radiculer or reffered", "is it radicular or referred"),
        ("the clunial nerve", "the cluneal nerve"),
    ],
)
def test_slips_become_the_corpus_words_they_miss(question: str, mended: str) -> None:
    assert MENDER.mend(question) == mended


@pytest.mark.parametrize(
    "question",
    [
        "would etanercept help?",  # a drug the corpus never names stays what it is
        "is acupuncture any good for SIJ pain",  # an English word is no slip
        "PSIS, SLR and MRI",  # abbreviations
        "what meds help? my wife says I'm a hypochondriac lol",  # text-speak is no slip
    ],
)
def test_words_that_are_no_slip_of_a_corpus_word_stay(question: str) -> None:
    assert MENDER.mend(question) == question
