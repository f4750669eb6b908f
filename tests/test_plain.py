from assistant.answer.plain import plain_text
from assistant.schema import RedFlagHit, TriageReport
from tests.factories import make_answer, make_citation


def test_answer_with_numbered_references_and_disclaimer() -> None:
    citations = [
        make_citation(n=1, title="Sacroiliac joint pain", authors=["A", "B", "C", "D"],
                      journal="J Pain", year=2004, url="https://doi.org/10.1/x"),
        make_citation(n=2, ref="synthesis", title="Synthesis", cites=[6, 8]),
        make_citation(n=3, title="Osteochondroma", match_confidence="low"),
    ]  # fmt: skip
    text = plain_text(make_answer(answer="One. [1] Two. [2] Three. [3]", citations=citations))
    assert text.startswith("One. [1] Two. [2] Three. [3]\n\nReferences\n")
    assert (
        "[1] Sacroiliac joint pain. A, B, C et al. · J Pain · 2004 · narrative review. "
        "https://doi.org/10.1/x" in text
    )
    assert "[2] Synthesis. narrative review (synthesis passage citing refs 6, 8)" in text
    assert "[3] Osteochondroma. narrative review · reference identity uncertain" in text
    assert text.endswith("Not a diagnosis.")


def test_urgent_message_comes_first() -> None:
    hit = RedFlagHit(id="f", family="x", name="fever", suggests="infection", urgency="same_day",
                     signal="rule", guidelines=[], matched="fever")  # fmt: skip
    triage = TriageReport(urgency="same_day", flags=[hit], message="URGENT. Recognised: fever.")
    text = plain_text(make_answer(status="urgent", triage=triage, answer="Reply."))
    assert text.split("\n\n")[:2] == ["URGENT. Recognised: fever.", "Reply."]
