"""Answer -> Markdown for the chat and HTML for the sources panel; no Gradio import here."""

from __future__ import annotations

import re
from html import escape

from assistant.schema import Answer, Citation, Reference, TriageReport

_MARKER = re.compile(r"\[(\d+)\]")
SOURCE_ANCHOR = "lg-source-"
EMPTY_SOURCES = '<div class="lg-sources-empty">Sources of the answers appear here.</div>'
_BADGE = {
    "high": "identity: high confidence",
    "medium": "identity: medium confidence",
    "low": "reference identity uncertain",
}


def linked_markers(text: str, answer_id: str = "") -> str:
    """Turn each [n] into a link to its source card; with the answer's id, the link names that
    answer's card, so a marker in an earlier answer still opens its own passage."""
    prefix = f"{SOURCE_ANCHOR}{answer_id}-" if answer_id else SOURCE_ANCHOR
    return _MARKER.sub(lambda m: f"[\\[{m[1]}\\]](#{prefix}{m[1]})", text)


_LABELS = {
    "refusal": ("insufficient-evidence", "Not in the evidence."),
    "out_of_scope": ("out-of-scope", "Outside what this assistant covers."),
    "safety_net": ("safety-net", "When to get urgent help."),
}


def answer_markdown(answer: Answer) -> str:
    """The chat message for a finished answer: urgent banner (or a one-line reminder of one),
    the reply labelled by its kind, the safety-net checklist, and the disclaimer."""
    parts = []
    if answer.triage is not None:
        parts.append(triage_markdown(answer.triage))
    if answer.reply_kind == "answer":
        parts.append(linked_markers(escape(answer.answer), answer.id))
        if answer.composer_label:
            parts.append(f'<div class="lg-composer">{escape(answer.composer_label)}</div>')
    elif answer.reply_kind != "none":
        css, label = _LABELS[answer.reply_kind]
        parts.append(
            f'<div class="lg-note lg-{css}"><strong>{label}</strong> {escape(answer.answer)}</div>'
        )
    if answer.safety_net is not None and answer.reply_kind != "safety_net":
        parts.append(
            '<div class="lg-safety-net"><span class="lg-safety-net-title">When to get urgent '
            f"help.</span> {escape(answer.safety_net.text)}</div>"
        )
    parts.append(f'<div class="lg-disclaimer">{escape(answer.disclaimer)}</div>')
    return "\n\n".join(parts)


def triage_markdown(triage: TriageReport) -> str:
    """A new flag's urgent message with what raised it, or the reminder of an earlier one."""
    if not triage.new:
        return f'<div class="lg-reminder" role="status">{escape(triage.reminder)}</div>'
    return urgent_markdown(triage)


def urgent_markdown(triage: TriageReport) -> str:
    """The urgent message as an alert block that the stylesheet makes stand out, with the words
    and the signal that raised each flag."""
    level = f"lg-urgent-{triage.urgency}"
    raised = "".join(
        f"<li>{escape(h.name)}: \u201c{escape(h.matched)}\u201d ({escape(h.signal)})</li>"
        for h in triage.flags
    )
    return (
        f'<div class="lg-urgent {level}" role="alert">{escape(triage.message)}'
        f'<details class="lg-raised"><summary>Why this was flagged</summary><ul>{raised}</ul>'
        f"</details></div>"
    )


def sources_html(answer: Answer) -> str:
    """The sources panel: one card per citation, or the nearest passages when none."""
    if answer.citations:
        cards = "".join(_citation_card(c, answer) for c in answer.citations)
        return f'<div class="lg-sources" data-answer="{escape(answer.id)}">{cards}</div>'
    if answer.retrieved:
        items = "".join(
            f"<li><b>{escape(p.title)}</b>: {escape(p.text)}</li>" for p in answer.retrieved[:3]
        )
        return (
            f'<div class="lg-sources"><p>Closest passages in the corpus:</p><ul>{items}</ul></div>'
        )
    return EMPTY_SOURCES


def _citation_card(citation: Citation, answer: Answer) -> str:
    confidence = citation.match_confidence
    badge = (
        f'<span class="lg-badge lg-badge-{confidence}">{_BADGE[confidence]}</span>'
        if confidence
        else ""
    )
    return (
        f'<details class="lg-source" id="{SOURCE_ANCHOR}{escape(answer.id)}-{citation.n}" open>'
        f"<summary><b>[{citation.n}]</b> {escape(citation.title)}{_year(citation.year)} {badge}"
        f"</summary>"
        f"<blockquote>{escape(citation.quote)}</blockquote>"
        f'<p class="lg-meta">{_meta(citation)}</p>'
        f"{_cited_papers(citation, answer.references)}"
        f"</details>"
    )


def _meta(citation: Citation) -> str:
    fields = [escape(citation.byline)]
    if citation.url:
        fields.append(f'<a href="{escape(citation.url)}" target="_blank" rel="noopener">link</a>')
    fields.append(f"section: {escape(citation.section)}")
    return " · ".join(fields)


def _cited_papers(citation: Citation, references: list[Reference]) -> str:
    if not citation.cites:
        return ""
    titles = {r.ref: r for r in references}
    items = "".join(
        f"<li>[{ref}] {escape(titles[ref].title)}{_year(titles[ref].year)}"
        f"{' (reference identity uncertain)' if titles[ref].match_confidence == 'low' else ''}</li>"
        for ref in citation.cites
        if ref in titles
    )
    return f'<div class="lg-cites">This synthesis passage cites:<ul>{items}</ul></div>'


def _year(year: int | None) -> str:
    return f" ({year})" if year else ""
