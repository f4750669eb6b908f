"""The support check on the real corpus and model: what a language model may and may not say."""

import pytest

from assistant.answer.support import SupportCheck
from assistant.factory import load_components, support_check

PASSAGE = (
    "Compared with the straight leg raise test, the BUAS test had a sensitivity of 82% and a "
    "negative predictive value of 82%, but a specificity and positive predictive value of only "
    "40%."
)
CONSERVATIVE = (
    "Conservative treatment of sacroiliac joint pain, with mobilisation, anti-inflammatory "
    "medication and sacroiliac belts, usually succeeds."
)


@pytest.fixture(scope="module")
def check(real_index_settings) -> SupportCheck:  # type: ignore[no-untyped-def]
    return support_check(real_index_settings, load_components(real_index_settings))


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("Against the straight leg raise, the BUAS test's sensitivity was 82%.", PASSAGE),
        ("Mobilisation, anti-inflammatories and SI belts usually work for SI pain.", CONSERVATIVE),
    ],
)
def test_a_faithful_paraphrase_is_kept(check: SupportCheck, sentence: str, passage: str) -> None:
    verdict = check.check(sentence, [passage])
    assert verdict.supported, verdict.reasons
    assert 0.6 <= verdict.score <= 1


@pytest.mark.parametrize(
    ("sentence", "passage", "reason"),
    [
        ("Against the straight leg raise, the BUAS test's sensitivity was 92%.", PASSAGE,
         "figure 92"),
        ("Conservative treatment of SI joint pain usually does not succeed.", CONSERVATIVE,
         "flips a negation"),
        ("Radiofrequency denervation of the SI joint usually succeeds.", CONSERVATIVE,
         "names"),
        ("Take ibuprofen for SI joint pain; conservative treatment usually succeeds.",
         CONSERVATIVE, "ibuprofen"),
        ("The weather in Paris is mild in spring.", CONSERVATIVE, "meaning too far"),
    ],
)  # fmt: skip
def test_a_changed_or_invented_claim_is_caught(
    check: SupportCheck, sentence: str, passage: str, reason: str
) -> None:
    verdict = check.check(sentence, [passage])
    assert not verdict.supported and verdict.score == 0.0
    assert any(reason in r for r in verdict.reasons), verdict.reasons


def test_a_sentence_citing_nothing_is_not_supported(check: SupportCheck) -> None:
    verdict = check.check("Belts help.", [])
    assert not verdict.supported and verdict.reasons == ("cites no passage it was given",)
