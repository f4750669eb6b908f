"""ConText on the detector: who has a finding, whether it is negated, past, hypothetical."""

from typing import Any

import pytest

from assistant.safety.classifier import ClauseClassifier
from assistant.safety.detector import Detector
from assistant.safety.flags import load_knowledge

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector(embeddings: Any) -> Detector:
    return Detector(load_knowledge(), ClauseClassifier(embeddings, threshold=0.9))


def status(detector: Detector, text: str, concept: str) -> str:
    found = [f.status for f in detector.read(text).findings if f.concept == concept]
    assert found, f"{concept} not found in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "concept", "expected"),
    [
        ("No fever.", "fever", "negated"),
        ("Denies incontinence or saddle numbness", "bladder_dysfunction", "negated"),
        ("without any chills", "fever", "negated"),
        ("negative for night sweats", "fever", "negated"),
        ("I have a fever", "fever", "affirmed"),
        ("No pain at rest, but I wet myself", "bladder_dysfunction", "affirmed"),
        ("No fever and I wet myself", "bladder_dysfunction", "affirmed"),
        ("I'm not sure if I wet myself", "bladder_dysfunction", "affirmed"),
        ("No headache. Now I have chills", "fever", "affirmed"),
        ("My dad had bowel cancer", "cancer_history", "family"),
        ("My mum has an aortic aneurysm", "aneurysm_known", "family"),
        ("What if I lose control of my bladder?", "bladder_dysfunction", "hypothetical"),
        ("If someone got a fever with back pain, would that be bad?", "fever", "hypothetical"),
        ("Is saddle anaesthesia an emergency?", "cauda_equina_named", "hypothetical"),
        ("I had a fever last winter, gone now", "fever", "historical"),
        ("I had breast cancer ten years ago", "cancer_history", "affirmed"),
        ("I'm worried I have cancer", "cancer_history", "uncertain"),
        ("I lost 8 kg on a diet", "weight_loss", "intentional"),
        ("The numbness in my arm is spreading up", "spreading_numbness", "elsewhere"),
        ("My 9 year old son has a fever", "fever", "child"),
        ("39M. Today new R foot drop and high stepping gait", "progressive_weakness", "affirmed"),
        ("67M ex-smoker, deep tearing pain through the lower back", "tearing_pain", "affirmed"),
        ("I've lost a stone without dieting", "weight_loss", "affirmed"),
        ("what temperature threshold is the fever red flag?", "fever", "hypothetical"),
    ],
)
def test_context_reads_who_whether_and_when(
    detector: Detector, text: str, concept: str, expected: str
) -> None:
    assert status(detector, text, concept) == expected


def test_pseudo_phrases_are_no_findings(detector: Detector) -> None:
    concepts = {f.concept for f in detector.read("I get hay fever; worse last night").findings}
    assert "fever" not in concepts


def test_slips_and_text_speak_are_read(detector: Detector) -> None:
    found = {f.concept for f in detector.read("cant feel my bottm n my bak herts").findings}
    assert "saddle_numbness" in found


def test_a_finding_says_its_words_and_signal(detector: Detector) -> None:
    [fever] = [f for f in detector.read("temp 38.9 tonight").findings if f.concept == "fever"]
    assert (fever.signal, fever.words, fever.status) == ("number", "temp 38.9", "affirmed")


def test_reading_cost_is_cached_per_message(detector: Detector) -> None:
    text = "Both my legs are numb and weak"
    assert detector.read(text) is detector.read(text)
