"""Terminal rendering of results for the CLI (rich), kept apart from the commands."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from assistant.schema import Answer, Citation, Reference

_CONFIDENCE_STYLE = {"high": "green", "medium": "yellow", "low": "red"}


_TITLES = {
    "answer": ("Answer", "cyan"),
    "refusal": ("Not in the evidence", "yellow"),
    "out_of_scope": ("Outside what this assistant covers", "magenta"),
    "safety_net": ("When to get urgent help", "red"),
}


def render_answer(answer: Answer) -> RenderableType:
    """The urgent banner (or a reminder of one) first, then the reply, each citation, the
    safety-net checklist, and the disclaimer."""
    parts: list[RenderableType] = []
    triage = answer.triage
    if triage is not None and triage.new:
        raised = "\n".join(
            f"- {h.name}: \u201c{h.matched}\u201d ({h.signal})" for h in triage.flags
        )
        banner = Text(f"{triage.message}\n\nRaised by:\n{raised}", style="bold")
        parts.append(Panel(banner, title="URGENT", border_style="bold red"))
    elif triage is not None:
        parts.append(Text(triage.reminder, style="bold red"))
    if answer.reply_kind != "none":
        title, style = _TITLES[answer.reply_kind]
        parts.append(Panel(Text(answer.answer), title=title, border_style=style))
    parts += [_citation(c, answer.references) for c in answer.citations]
    if answer.safety_net is not None and answer.reply_kind != "safety_net":
        parts.append(Text(answer.safety_net.text, style="bold"))
    if not answer.citations and answer.retrieved:
        parts.append(Text("Closest passages in the corpus:", style="bold"))
        parts += [Text(f"  - {p.title}: {p.text}", style="dim") for p in answer.retrieved[:3]]
    parts.append(Text(answer.disclaimer, style="italic"))
    parts.append(Text(f"{answer.latency_ms:.0f} ms", style="dim"))
    return Group(*parts)


def _citation(citation: Citation, references: list[Reference]) -> RenderableType:
    lines = [f"[bold][{citation.n}][/bold] {escape(citation.title)}{_year(citation.year)}"]
    lines.append(f"    [italic]\u201c{escape(citation.quote)}\u201d[/italic]")
    lines.append(f"    {escape(citation.byline)}")
    if citation.url:
        lines.append(f"    {escape(citation.url)}")
    if citation.match_confidence:
        colour = _CONFIDENCE_STYLE[citation.match_confidence]
        lines.append(f"    match confidence: [{colour}]{citation.match_confidence}[/{colour}]")
    for ref in citation.cites:
        cited = next((r for r in references if r.ref == ref), None)
        if cited is not None:
            lines.append(f"    cites [{ref}] {escape(cited.title)}{_year(cited.year)}")
    return Text.from_markup("\n".join(lines))


def _year(year: int | None) -> str:
    return f" ({year})" if year else ""
