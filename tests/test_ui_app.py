"""The Gradio app served for real on loopback and called with the official gradio_client."""

import re
import socket

import pytest

from assistant.feedback import FeedbackStore
from assistant.ui.chat import build_ui, rate, respond, static_text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_respond_streams_text_then_sources(assistant) -> None:
    updates = list(respond(assistant, "How accurate is the buttock applied strain test?"))
    assert len(updates) >= 3
    text, html, plain = updates[-1]
    assert "References" in plain
    answer_id = re.search(r'data-answer="([0-9a-f]{32})"', html)
    assert answer_id is not None and answer_id[1] in text
    assert f"(#lg-source-{answer_id[1]}-1)" in text, "the marker names this answer's card"
    assert f'id="lg-source-{answer_id[1]}-1"' in html


def test_respond_reads_the_conversation(assistant) -> None:
    history = [
        {"role": "user", "content": "What is sacroiliac joint pain?"},
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "It is pain from the SI joint."}],
        },
    ]
    text, _, _ = list(respond(assistant, "And how is it treated?", history))[-1]
    assert re.search(r"\(#lg-source-[0-9a-f]{32}-1\)", text)
    urgent, _, _ = list(respond(assistant, "Since this morning I can't feel my bottom.", []))[-1]
    assert urgent.startswith('<div class="lg-urgent lg-urgent-emergency" role="alert">URGENT.')
    reminded, _, _ = list(respond(assistant, "What exercises help?", [
        {"role": "user", "content": "Since this morning I can't feel my bottom when I wipe."},
    ]))[-1]  # fmt: skip
    assert reminded.startswith('<div class="lg-reminder" role="status">Reminder: earlier you')


def test_respond_turns_bad_input_into_a_message(assistant) -> None:
    assert list(respond(assistant, "   ")) == [
        (
            "**Please rephrase.** the question is empty; type a question about low back pain.",
            '<div class="lg-sources-empty">Sources of the answers appear here.</div>',
            "",
        )
    ]


def test_thumbs_are_stored_against_the_answer_they_rate(assistant, tmp_path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    message, _, _ = list(respond(assistant, "What is cluneal nerve entrapment?"))[-1]
    assert rate(store, message, liked=False)
    assert rate(store, [{"type": "text", "text": message}], liked=True)
    assert not rate(store, "a message without an answer id", liked=True)
    ratings = [(r["answer_id"], r["rating"]) for r in store.all()]
    assert [rating for _, rating in ratings] == ["down", "up"]
    assert ratings[0][0] in message and len(ratings[0][0]) == 32


def test_static_assets_ship_with_the_package() -> None:
    assert "lg-source-" in static_text("chat.js") and "lumbarGuideCopy" in static_text("chat.js")
    assert ".lg-badge-low" in static_text("chat.css")


@pytest.fixture(scope="module")
def served_ui(assistant, tmp_path_factory):
    ui = build_ui(assistant, FeedbackStore(tmp_path_factory.mktemp("fb") / "f.sqlite3")).queue()
    port = _free_port()
    ui.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    ui.close()


def test_gradio_client_gets_a_cited_answer(served_ui: str) -> None:
    from gradio_client import Client

    client = Client(served_ui, verbose=False)
    text, html, plain = client.predict("How is sacroiliac joint pain confirmed?", api_name="/ask")
    assert re.search(r"\[\\\[1\\\]\]\(#lg-source-[0-9a-f]{32}-1\)", text)
    assert re.search(r'id="lg-source-[0-9a-f]{32}-1"', html) and "Sacroiliac joint pain" in html
    assert "References\n[1]" in plain
