"""The chat UI's functions on the real assistant (the served UI is driven in test_browser)."""

import re

from assistant.ui.chat import as_typed, rate, respond, shown_as_text, static_text


def test_respond_streams_text_then_sources(service) -> None:
    updates = list(respond(service, "How accurate is the buttock applied strain test?"))
    assert len(updates) >= 3
    text, html, plain = updates[-1]
    assert "References" in plain
    answer_id = re.search(r'data-answer="([0-9a-f]{32})"', html)
    assert answer_id is not None and answer_id[1] in text
    assert f"(#lg-source-{answer_id[1]}-1)" in text, "the marker names this answer's card"
    assert f'id="lg-source-{answer_id[1]}-1"' in html


def test_respond_reads_the_conversation(service) -> None:
    history = [
        {"role": "user", "content": "What is sacroiliac joint pain?"},
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "It is pain from the SI joint."}],
        },
    ]
    text, _, _ = list(respond(service, "And how is it treated?", history))[-1]
    assert re.search(r"\(#lg-source-[0-9a-f]{32}-1\)", text)
    urgent, _, _ = list(respond(service, "Since this morning I can't feel my bottom.", []))[-1]
    assert urgent.startswith('<div class="lg-urgent lg-urgent-emergency" role="alert">URGENT.')
    reminded, _, _ = list(respond(service, "What exercises help?", [
        {"role": "user", "content": "Since this morning I can't feel my bottom when I wipe."},
    ]))[-1]  # fmt: skip
    assert reminded.startswith('<div class="lg-reminder" role="status">Reminder: earlier you')


def test_respond_turns_bad_input_into_a_message(service) -> None:
    assert list(respond(service, "   ")) == [
        (
            "**Please rephrase.** the question is empty; type a question about low back pain.",
            '<div class="lg-sources-empty">Sources of the answers appear here.</div>',
            "",
        )
    ]


def test_thumbs_are_stored_against_the_answer_they_rate(service) -> None:
    store = service.feedback
    before = len(store.all())
    message, _, _ = list(respond(service, "What is cluneal nerve entrapment?"))[-1]
    assert rate(service, message, liked=False)
    assert rate(service, [{"type": "text", "text": message}], liked=True)
    assert not rate(service, "a message without an answer id", liked=True)
    never_given = '<span class="lg-answer-id">' + "0" * 32 + "</span>"
    assert not rate(service, never_given, liked=True), "only answers this server gave"
    ratings = [(r["answer_id"], r["rating"]) for r in store.all()[before:]]
    assert [rating for _, rating in ratings] == ["down", "up"]
    assert ratings[0][0] in message and len(ratings[0][0]) == 32


def test_static_assets_ship_with_the_package() -> None:
    assert "lg-source-" in static_text("chat.js") and "lumbarGuideCopy" in static_text("chat.js")
    assert ".lg-badge-low" in static_text("chat.css")


def test_users_messages_are_shown_as_typed() -> None:
    typed = "<b>bold</b> ![x](http://evil.example/x.png) *not italic* 1. list & more"
    shown = shown_as_text(typed)
    assert "<b>" not in shown and "&lt;b&gt;" in shown and "&amp; more" in shown
    assert "\\!\\[x\\]\\(http\\://evil.example/x.png\\)" in shown, "no image, no autolink"
    assert "\\*not italic\\*" in shown and "1\\. list" in shown
    assert shown_as_text(shown) == shown, "a shown message handed back is not escaped again"
    assert as_typed(shown) == typed


def test_answers_are_recorded_for_the_audit(service) -> None:
    message, _, _ = list(respond(service, "What is cluneal nerve entrapment?"))[-1]
    answer_id = re.search(r"[0-9a-f]{32}", str(message))
    assert answer_id is not None and service.audit.knows(answer_id[0])
    row = next(r for r in service.audit.rows() if r["answer_id"] == answer_id[0])
    assert row["surface"] == "chat" and row["status"] == "answered"
    assert row["corpus_version"] == service.live.parts.corpus.version and row["cited_refs"]
