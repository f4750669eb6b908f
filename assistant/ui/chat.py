"""The Gradio chat UI; it only calls the assistant and the formatting functions."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any

from assistant.conversation import Turn
from assistant.errors import InvalidQuestionError
from assistant.pipeline import Assistant
from assistant.schema import Answer
from assistant.ui.format import EMPTY_SOURCES, answer_markdown, linked_markers, sources_html

if TYPE_CHECKING:
    import gradio as gr

EXAMPLES = [
    "How is sacroiliac joint pain confirmed?",
    "What treatments help sacroiliac joint pain?",
    "Can a sacral stress fracture happen after childbirth?",
    "How accurate is the buttock applied strain test?",
]
TITLE = "Lumbar Guide"
INTRO = (
    "Evidence-grounded answers on low back pain above the buttocks. Every sentence cites the "
    "passage it comes from. Decision support only: it does not replace a clinician."
)


def static_text(name: str) -> str:
    """A file shipped in assistant/ui/static (CSS and JS stay out of Python strings)."""
    return resources.files("assistant.ui").joinpath("static", name).read_text(encoding="utf-8")


def turns(history: list[dict[str, Any]]) -> list[Turn]:
    """Gradio's message history as conversation turns (text only)."""
    found = []
    for message in history:
        content = message.get("content")
        if isinstance(content, list):
            content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
        if message.get("role") in {"user", "assistant"} and isinstance(content, str) and content:
            found.append(Turn(role=message["role"], content=content))
    return found


def respond(
    assistant: Assistant, message: str, history: list[dict[str, Any]] | None = None
) -> Iterator[tuple[str, str]]:
    """(chat text, sources panel) pairs as the answer streams in."""
    try:
        text = ""
        for event in assistant.stream(message, history=turns(history or [])):
            if isinstance(event, Answer):
                yield answer_markdown(event), sources_html(event)
            else:
                text += event.text
                yield linked_markers(text), EMPTY_SOURCES
    except InvalidQuestionError as exc:
        yield f"**Please rephrase.** {exc.message}.", EMPTY_SOURCES


def build_ui(assistant: Assistant) -> gr.Blocks:
    """The chat and its sources panel, side by side (stacked on a narrow screen)."""
    import gradio as gr

    def chat_fn(message: str, history: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
        yield from respond(assistant, message, history)

    with gr.Blocks(title=TITLE) as ui:
        gr.Markdown(f"# {TITLE}\n{INTRO}")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=300):
                sources = gr.HTML(EMPTY_SOURCES, render=False, elem_id="lg-sources-panel")
                gr.ChatInterface(
                    chat_fn,
                    chatbot=gr.Chatbot(height=520, label="Lumbar Guide", elem_id="lg-chatbot"),
                    additional_outputs=[sources],
                    examples=EXAMPLES,
                    api_name="ask",
                    fill_height=False,
                )
            with gr.Column(scale=2, min_width=280):
                gr.Markdown("### Sources")
                sources.render()  # type: ignore[no-untyped-call]
    blocks: gr.Blocks = ui
    return blocks


def launch(assistant: Assistant, host: str, port: int) -> None:
    """Serve the UI until interrupted; every asset is served locally."""
    build_ui(assistant).queue().launch(
        server_name=host,
        server_port=port,
        css=static_text("chat.css"),
        head=f"<script>{static_text('chat.js')}</script>",
        show_error=False,
        footer_links=["api"],
    )
