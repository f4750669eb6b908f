"""Concept rules over term matches: where the classes of a rule occur together in a sentence.

A rule ("a loss-of-feeling word near a word for the saddle area") holds where a match of each
class lies within the window of the first (the anchor), in one sentence or a sentence and the
one that refers back to it, the matches not sharing tokens."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from assistant.safety.context import Modifier, Stops, covering
from assistant.safety.lexicon import TermMatch
from assistant.safety.nlp import Doc

Span2 = tuple[int, int]
Occurrence = tuple[Span2, Span2, tuple[Span2, ...]]
_ANAPHORA = frozenset({"it", "this", "that", "now", "also", "and", "then", "they", "these"})


def without_pseudo(matches: list[TermMatch]) -> list[TermMatch]:
    """Term matches inside a pseudo phrase go: PSEUDO voids every class ("last night", "hay
    fever"), PSEUDO_X only class X ("steroid injection" is no long-term STEROID use)."""
    pseudo = [m for m in matches if m.term.startswith("PSEUDO")]

    def voided(m: TermMatch) -> bool:
        inside = any(p.start <= m.start and m.end <= p.end for p in pseudo if p.term == "PSEUDO")
        overlaps = any(
            p.start < m.end and m.start < p.end for p in pseudo if p.term == f"PSEUDO_{m.term}"
        )
        return inside or overlaps

    return [m for m in matches if not m.term.startswith("PSEUDO") and not voided(m)]


def occurrences(
    doc: Doc, rule: list[str], by_class: dict[str, list[TermMatch]], window: int, ordered: bool
) -> list[Occurrence]:
    """Spans where every class of `rule` matches, apart, in one sentence, within `window`; each
    with its anchor (the first class's match), on which the context rules are read."""
    if any(term not in by_class for term in rule):
        return []
    first, *rest = rule
    spans: list[Occurrence] = []
    for anchor in by_class[first]:
        span: tuple[int, int] | None = (anchor.start, anchor.end)
        used = [(anchor.start, anchor.end)]
        first_token, last_token = _region(doc, anchor.start)
        for term in rest:
            assert span is not None
            lo = span[1] if ordered else first_token
            near = _nearest(by_class[term], span, used, (lo, last_token), window)
            if near is None:
                span = None
                break
            used.append((near.start, near.end))
            span = (min(span[0], near.start), max(span[1], near.end))
        if span is not None:
            spans.append((span, (anchor.start, anchor.end), tuple(used)))
    return list(dict.fromkeys(spans))


def _clash(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two matches share tokens, unless one lies inside a phrase of three or more tokens
    ("reduced perianal sensation" holds both a sensation change and a place)."""
    if a[1] <= b[0] or b[1] <= a[0]:
        return False
    inner, outer = sorted((a, b), key=lambda s: s[1] - s[0])
    inside = outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer
    return not (inside and outer[1] - outer[0] >= 3)


def _region(doc: Doc, token: int) -> tuple[int, int]:
    """The sentence a token is in, joined to a neighbour that refers back to it ("The numb
    patch was small. Now it goes to my knee."): a cheap stand-in for resolving "it"."""
    sentence = doc[token].sent
    start, end = sentence.start, sentence.end
    if end < len(doc) and doc[end].lower_ in _ANAPHORA:
        end = doc[end].sent.end
    if sentence[0].lower_ in _ANAPHORA and start > 0:
        start = doc[start - 1].sent.start
    return start, end


def _nearest(
    candidates: list[TermMatch],
    span: tuple[int, int],
    used: list[tuple[int, int]],
    bounds: tuple[int, int],
    window: int,
) -> TermMatch | None:
    lo, hi = bounds
    best, best_gap = None, window + 1
    for c in candidates:
        if c.start < lo or c.end > hi or any(_clash((c.start, c.end), u) for u in used):
            continue
        gap = max(c.start - span[1], span[0] - c.end, 0)
        if gap < best_gap:
            best, best_gap = c, gap
    return best


def negation_between(mods: Sequence[Modifier], parts: tuple[tuple[int, int], ...]) -> str | None:
    """A negation standing between the parts of one finding ("the numbness is not spreading")."""
    if len(parts) < 2:
        return None
    ordered = sorted(parts)
    for (_, left_end), (right_start, _) in pairwise(ordered):
        for m in mods:
            if m.category == "negated" and left_end <= m.start and m.end <= right_start:
                return m.text
    return None


def negation_after(
    doc: Doc, mods: Sequence[Modifier], stops: Stops, parts: tuple[tuple[int, int], ...]
) -> str | None:
    """A negation told after a finding that reaches back to a later part of it but not to its
    anchor ("pins and needles in my foot, but everything down below is normal"): that part is
    denied, so the whole is."""
    anchor, *rest = parts
    last = max(end for _, end in parts)
    negations = [
        m for m in mods if m.category == "negated" and m.direction == "backward" and m.start >= last
    ]
    reaching_anchor = set(covering(negations, stops, doc, *anchor))
    for start, end in rest:
        for m in covering(negations, stops, doc, start, end):
            if m not in reaching_anchor:
                return m.text
    return None
