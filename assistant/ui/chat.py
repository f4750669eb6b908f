"""The Gradio chat UI; it only calls the assistant and the formatting functions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any

from assistant.answer.plain import plain_text
from assistant.conversation import Turn
from assistant.errors import InvalidQuestionError
from assistant.feedback import FeedbackStore
from assistant.pipeline import Assistant
from assistant.schema import Answer, TriageReport
from assistant.ui.format import (
    EMPTY_SOURCES,
    answer_markdown,
    linked_markers,
    sources_html,
    triage_markdown,
)

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
    "passage it comes from; markers open the source. Decision support only: it does not "
    "replace a clinician."
)
_ANSWER_ID = re.compile(r'<span class="lg-answer-id">([0-9a-f]{32})</span>')


def static_text(name: str) -> str:
    """A file shipped in assistant/ui/static (CSS and JS stay out of Python strings)."""
    return resources.files("assistant.ui").joinpath("static", name).read_text(encoding="utf-8")


def head_html() -> str:
    return f"<script>{static_text('chat.js')}</script>"


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


ChatReply = str | dict[str, Any]


def respond(
    assistant: Assistant, message: str, history: list[dict[str, Any]] | None = None
) -> Iterator[tuple[ChatReply, str, str]]:
    """(chat message, sources panel, plain text to copy) as the answer streams in. The finished
    message carries its answer id, hidden, so a thumbs up or down can name the answer, and the
    safety-net checklist's quick replies as options."""
    try:
        banner, text = "", ""
        for event in assistant.stream(message, history=turns(history or [])):
            if isinstance(event, Answer):
                tagged = f'{answer_markdown(event)}\n<span class="lg-answer-id">{event.id}</span>'
                yield _with_options(tagged, event), sources_html(event), plain_text(event)
            elif isinstance(event, TriageReport):
                banner = triage_markdown(event)
                yield banner, EMPTY_SOURCES, ""
            else:
                text += event.text
                yield "\n\n".join(filter(None, [banner, linked_markers(text)])), EMPTY_SOURCES, ""
    except InvalidQuestionError as exc:
        yield f"**Please rephrase.** {exc.message}.", EMPTY_SOURCES, ""


def _with_options(text: str, answer: Answer) -> ChatReply:
    """The message, with one quick reply per symptom group and "None of these" when the reply
    ends with the safety-net checklist; choosing one sends its words as the next message."""
    if answer.safety_net is None:
        return text
    net = answer.safety_net
    options = [{"label": item.reply, "value": item.reply} for item in net.items]
    options.append({"label": net.none_reply, "value": net.none_reply})
    return {"role": "assistant", "content": text, "options": options}


def rate(feedback: FeedbackStore, message: Any, liked: bool) -> bool:
    """Store a thumbs up or down for the answer a chat message shows; False if it has none."""
    found = _ANSWER_ID.search(str(message))
    if found is None:
        return False
    feedback.add(found.group(1), "up" if liked else "down")
    return True


def build_ui(assistant: Assistant, feedback: FeedbackStore | None = None) -> gr.Blocks:
    """The chat and its sources panel, side by side (stacked on a narrow screen)."""
    import gradio as gr

    def chat_fn(
        message: str, history: list[dict[str, Any]]
    ) -> Iterator[tuple[ChatReply, str, str]]:
        yield from respond(assistant, message, history)

    def on_like(data: gr.LikeData) -> None:
        if feedback is not None:
            rate(feedback, data.value, bool(data.liked))

    on_like.__annotations__["data"] = gr.LikeData  # Gradio injects event data by this type

    with gr.Blocks(title=TITLE) as ui:
        gr.Markdown(f"# {TITLE}\n{INTRO}", elem_id="lg-intro")
        copy_text = gr.Textbox(visible="hidden", elem_id="lg-copy-text", label="copy")
        with gr.Row(equal_height=False, elem_id="lg-layout"):
            with gr.Column(scale=3, min_width=300):
                sources = gr.HTML(EMPTY_SOURCES, render=False, elem_id="lg-sources-panel")
                chatbot = gr.Chatbot(
                    height=560, label="Lumbar Guide", elem_id="lg-chatbot",
                    feedback_options=("Like", "Dislike"), buttons=["copy"],
                )  # fmt: skip
                question = gr.Textbox(
                    placeholder="Ask about low back pain above the buttocks...",
                    elem_id="lg-question", show_label=False, submit_btn=True,
                )  # fmt: skip
                chat = gr.ChatInterface(
                    chat_fn,
                    chatbot=chatbot,
                    textbox=question,
                    additional_outputs=[sources, copy_text],
                    examples=EXAMPLES,
                    api_name="ask",
                    fill_height=False,
                )
                with gr.Row():
                    gr.Button("Copy answer with references", size="sm", elem_id="lg-copy").click(
                        None, js="() => window.lumbarGuideCopy()"
                    )
                    gr.Button("New conversation", size="sm", elem_id="lg-new").click(
                        lambda: ([], [], EMPTY_SOURCES, ""),
                        outputs=[chatbot, chat.chatbot_state, sources, copy_text],
                        api_visibility="private",
                        queue=False,
                    )
            with gr.Column(scale=2, min_width=280, elem_id="lg-sources-column"):
                gr.Markdown("### Sources")
                sources.render()  # type: ignore[no-untyped-call]
        chatbot.like(on_like)
    blocks: gr.Blocks = ui
    return blocks


def launch(assistant: Assistant, host: str, port: int) -> None:
    """Serve the UI alone until interrupted; every asset is served locally."""
    build_ui(assistant).queue().launch(
        server_name=host,
        server_port=port,
        css=static_text("chat.css"),
        head=head_html(),
        show_error=False,
        footer_links=["api"],
    )
