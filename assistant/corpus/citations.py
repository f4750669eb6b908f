"""The synthesis's inline citation numbers ("...buttocks region4 6 8."), parsed and stripped.

The author put reference numbers straight after the last word of a sentence, before its full
stop. A number counts as a citation only there, and only after a lower-case letter or a closing
bracket, so "L5." or "0.27." are never read as citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import split_sentences

_MARKER = re.compile(r"(?<=[a-z)])(?P<refs>\d{1,3}(?: \d{1,3})*)(?=[.!?](?:\s|$))")


@dataclass(frozen=True)
class CitedSpan:
    """A run of text that ends with one citation marker (or with its paragraph), and its refs."""

    raw: str
    text: str
    cites: tuple[int, ...]
    start: int
    end: int


def parse_citations(raw: str) -> tuple[str, tuple[int, ...]]:
    """Return `raw` without its inline citation numbers, and the refs they cite, in order."""
    refs: list[int] = []
    for match in _MARKER.finditer(raw):
        refs.extend(int(n) for n in match.group("refs").split())
    return _MARKER.sub("", raw), tuple(dict.fromkeys(refs))


def citation_groups(paragraph: str, offset: int = 0) -> list[CitedSpan]:
    """Split a paragraph after each cited sentence, so every span carries exactly the refs that
    support it: uncited sentences belong to the citation that follows them, as authors write."""
    spans: list[CitedSpan] = []
    begin = cursor = 0
    sentences = split_sentences(paragraph)
    for i, sentence in enumerate(sentences):
        cursor = paragraph.index(sentence, cursor) + len(sentence)
        if _MARKER.search(sentence) or i == len(sentences) - 1:
            raw = paragraph[begin:cursor]
            text, cites = parse_citations(raw)
            spans.append(CitedSpan(raw, text, cites, offset + begin, offset + cursor))
            begin = cursor + len(paragraph[cursor:]) - len(paragraph[cursor:].lstrip())
    return spans
