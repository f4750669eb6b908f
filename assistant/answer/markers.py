"""Reading an answer back into its cited sentences: 'Sentence one. [1] Sentence two. [2]'."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CITED = re.compile(r"(?P<text>.+?)(?P<markers>(?: \[\d+\])+)(?= |$)")


@dataclass(frozen=True)
class CitedSentence:
    """A sentence of an answer and the citation numbers after it (none: uncited text)."""

    text: str
    markers: tuple[int, ...]


def cited_sentences(answer: str) -> list[CitedSentence]:
    """Every sentence with its markers; text after the last marker comes back uncited."""
    found: list[CitedSentence] = []
    end = 0
    for match in _CITED.finditer(answer):
        markers = tuple(int(n) for n in re.findall(r"\d+", match.group("markers")))
        found.append(CitedSentence(match.group("text").strip(), markers))
        end = match.end()
    rest = answer[end:].strip()
    if rest:
        found.append(CitedSentence(rest, ()))
    return found
