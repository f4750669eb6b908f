"""Numbered and lettered lists written inline ("(a) ... (b) ...", "1) ... 2) ...", "ii."): the
asks of a several-part question, and the options an assistant's question offered, which a reply
such as "1 and 3" picks."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A list marker: "(a)", "b)", "2.", "ii)", with a joining "and" before it.
_MARKER = re.compile(
    r"(?:^|(?<=[\s:,;?.]))(?:,?\s*(?:and|&|also|plus)\s+)?"
    r"\(?(?P<label>[a-h]|[1-9]|iv|i{1,3})(?:\)|\.(?=\s))(?=\s)",
    re.IGNORECASE,
)
_ROMAN = ("i", "ii", "iii", "iv")


@dataclass(frozen=True)
class Marker:
    """Where a list marker is, and its place in the list (0 for "a", "1" or "i")."""

    start: int
    end: int
    rank: int


def list_markers(text: str) -> list[Marker]:
    """The markers of the first list in `text`: a run counting up from the first label in one
    style, at least two long; a lone "grade 2)" or "(b)" is no list."""
    run: list[Marker] = []
    style = ""
    for found in _MARKER.finditer(text):
        kind, rank = label_rank(found["label"])
        if kind == style and rank == len(run):
            run.append(Marker(*found.span(), rank))
        elif rank == 0:
            if len(run) >= 2:
                break
            run, style = [Marker(*found.span(), rank)], kind
    return run if len(run) >= 2 else []


def label_rank(label: str) -> tuple[str, int]:
    """A list label's style and place: ("letter", 1) for "b", ("roman", 2) for "iii"."""
    label = label.lower()
    if label.isdigit():
        return "digit", int(label) - 1
    if label in _ROMAN:
        return "roman", _ROMAN.index(label)
    return "letter", ord(label) - ord("a")
