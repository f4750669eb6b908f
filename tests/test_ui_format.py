"""The UI's formatting functions, without a server: markers, escaping, badges, cited papers."""

from typing import Any

from assistant.schema import Answer, Citation, Reference
from assistant.ui.format import EMPTY_SOURCES, answer_markdown, linked_markers, sources_html
from tests.factories import make_answer, make_citation, make_passage


def _citation(**overrides: Any) -> Citation:
    fields: dict[str, Any] = dict(
        chunk_id="synthesis#abc", ref="synthesis", cites=[6, 8], quote="Injections <help>.",
        section="Diagnostic Approaches", title="Synthesis", study_type="narrative synthesis",
    )  # fmt: skip
    fields.update(overrides)
    return make_citation(**fields)


def _answer(
    citations: list[Citation], status: str = "answered", text: str = "A claim. [1]"
) -> Answer:
    references = [
        Reference(ref=6, title="Sacroiliac joint pain", year=2004, study_type="review",
                  match_confidence="medium"),
        Reference(ref=8, title="SI pain review", year=2006, study_type="review",
                  match_confidence="low"),
    ]  # fmt: skip
    retrieved = [make_passage(title="Near <one>", text="Close text.")]
    kind = {"answered": "answer", "insufficient_evidence": "refusal"}.get(status, status)
    return make_answer(
        status=status, answer=text, citations=citations, references=references,
        retrieved=retrieved, reply_kind=kind,
    )  # fmt: skip


def test_markers_link_to_their_source_card() -> None:
    assert (
        linked_markers("One. [1] Two. [2]")
        == "One. [\\[1\\]](#lg-source-1) Two. [\\[2\\]](#lg-source-2)"
    )
    assert linked_markers("One. [1]", "ab12") == "One. [\\[1\\]](#lg-source-ab12-1)"


def test_each_answer_names_its_own_cards() -> None:
    first = _answer([_citation()])
    second = first.model_copy(update={"id": "b2"})
    for answer in (first, second):
        assert f"(#lg-source-{answer.id}-1)" in answer_markdown(answer)
        html = sources_html(answer)
        assert f'data-answer="{answer.id}"' in html and f'id="lg-source-{answer.id}-1"' in html


def test_source_cards_escape_text_and_list_the_papers_a_synthesis_passage_cites() -> None:
    html = sources_html(_answer([_citation()]))
    assert 'id="lg-source-a1-1"' in html
    assert "Injections &lt;help&gt;." in html and "<help>" not in html
    assert "This synthesis passage cites" in html
    assert "[6] Sacroiliac joint pain (2004)" in html
    assert "[8] SI pain review (2006) (reference identity uncertain)" in html


def test_low_confidence_badge_says_identity_is_uncertain() -> None:
    citation = _citation(
        ref=1,
        cites=[],
        match_confidence="low",
        url="https://doi.org/10.1/x",
        identifiers_verified=False,
        title="Osteochondroma",
        year=2023,
    )
    html = sources_html(_answer([citation]))
    assert "reference identity uncertain" in html
    assert 'href="https://doi.org/10.1/x"' in html
    assert "identifiers unverified" in html


def test_insufficient_evidence_shows_the_nearest_passages() -> None:
    answer = _answer([], status="insufficient_evidence", text="Not covered.")
    assert answer_markdown(answer) == (
        '<div class="lg-note lg-insufficient-evidence"><strong>Not in the evidence.</strong> '
        'Not covered.</div>\n\n<div class="lg-disclaimer">Not a diagnosis.</div>'
    )
    html = sources_html(answer)
    assert "Closest passages" in html and "Near &lt;one&gt;" in html


def test_nothing_to_show() -> None:
    answer = _answer([], status="insufficient_evidence").model_copy(update={"retrieved": []})
    assert sources_html(answer) == EMPTY_SOURCES


def test_urgent_banner_comes_first_and_disclaimer_last() -> None:
    from assistant.schema import RedFlagHit, TriageReport

    hit = RedFlagHit(id="fever", family="infection", name="fever", suggests="infection",
                     urgency="same_day", guidelines=["nice-ng59"], matched="t 39.2",
                     signal="number")  # fmt: skip
    triage = TriageReport(
        urgency="same_day", flags=[hit], message="URGENT. Recognised: fever.",
        reminder="Reminder: earlier you mentioned fever.",
    )  # fmt: skip
    answer = _answer([_citation()]).model_copy(update={"status": "urgent", "triage": triage})
    text = answer_markdown(answer)
    assert text.startswith(
        '<div class="lg-urgent lg-urgent-same_day" role="alert">URGENT. Recognised: fever.'
    )
    assert "<li>fever: \u201ct 39.2\u201d (number)</li>" in text, "says what raised it"
    assert text.index("(#lg-source-a1-1)") > text.index("URGENT")
    assert text.endswith('<div class="lg-disclaimer">Not a diagnosis.</div>')
    later = answer.model_copy(update={"triage": triage.model_copy(update={"new": False})})
    assert answer_markdown(later).startswith(
        '<div class="lg-reminder" role="status">Reminder: earlier you mentioned fever.</div>'
    )
    assert "lg-urgent" not in answer_markdown(later)


def test_safety_net_follows_the_answer() -> None:
    from assistant.schema import SafetyNet, SafetyNetItem

    net = SafetyNet(
        text="Get urgent medical help if you also have any of these: <numbness>.",
        items=[SafetyNetItem(family="cauda_equina", text="numbness", reply="I have numbness")],
        none_reply="None of these",
    )
    text = answer_markdown(_answer([_citation()]).model_copy(update={"safety_net": net}))
    assert text.index('<div class="lg-safety-net">') > text.index("(#lg-source-a1-1)")
    assert "&lt;numbness&gt;" in text


def test_every_reply_kind_carries_the_disclaimer() -> None:
    for status in ("answered", "insufficient_evidence", "out_of_scope"):
        answer = _answer([], status=status, text="Reply <b>.")
        assert answer_markdown(answer).endswith('<div class="lg-disclaimer">Not a diagnosis.</div>')
        assert "Reply &lt;b&gt;." in answer_markdown(answer)
    assert answer_markdown(_answer([], status="out_of_scope", text="No.")).startswith(
        '<div class="lg-note lg-out-of-scope"><strong>Outside what this assistant covers.</strong>'
    )


def test_a_composed_answer_says_who_wrote_it_and_how_it_was_checked() -> None:
    from assistant.answer.composed import Composed, label
    from assistant.schema import SentenceSupport

    support = [
        SentenceSupport(sentence="Belts help.", supported=True, score=0.81),
        SentenceSupport(sentence="Take 400 mg.", supported=False, score=0.0, reasons=["figure"]),
    ]
    written = label(Composed(["Belts help. [1]"], [], "llm", None, support))
    assert written is not None and "(lowest support 0.81); 1 unsupported" in written
    quoted = label(Composed([], [], "llm_fallback", "the language model failed (APIError)"))
    assert quoted == "Quoted from the passages: the language model failed (APIError)."
    assert label(Composed([], [])) is None
    shown = _answer([_citation()]).model_copy(update={"composer_label": written})
    assert f'<div class="lg-composer">{written}</div>' in answer_markdown(shown)
    assert "lg-composer" not in answer_markdown(_answer([_citation()]))
