"""Whether a mention is negated ("no fever", "denies incontinence"): a NegEx-style rule.

A negation cue counts when it stands within a few words before the mention and in the same
clause. Clauses end at punctuation, at "but"/"however"/..., and where a new subject starts
("..., my legs", "and I"). Phrases that only sound negative ("not sure", "no idea") are not cues,
so uncertainty never hides a red flag.
"""

from __future__ import annotations

import re

WINDOW = 6
_CUE = re.compile(
    r"\b(no|not|denies|denied|denying|without|never|nor|none|neither|negative for|free of|"
    r"absence of|absent|rules? out|ruled out|isn'?t|aren'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|"
    r"hadn'?t|doesn'?t|don'?t|didn'?t|family history of)\b",
    re.IGNORECASE,
)
_PSEUDO = re.compile(
    r"\b(not sure|not certain|no idea|not only|don'?t know|can'?t tell|not too sure|"
    r"no longer)\b",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(
    r"[.;:!?\n]|\b(but|however|although|though|yet|except|apart from|since)\b|"
    r",\s*(i|my|he|she|his|her|we|they|now)\b|\band\s+(i|my|he|she|his|her|now|then|today)\b",
    re.IGNORECASE,
)


def is_negated(text: str, start: int) -> bool:
    """Whether the mention starting at `start` in `text` is negated."""
    return negation_cue(text, start) is not None


def negation_cue(text: str, start: int) -> int | None:
    """Where the cue negating the mention at `start` begins, or None if it is not negated."""
    boundaries = list(_BOUNDARY.finditer(text, 0, start))
    clause_start = boundaries[-1].end() if boundaries else 0
    words = list(re.finditer(r"\S+", text[clause_start:start]))[-WINDOW:]
    if not words:
        return None
    window_start = clause_start + words[0].start()
    window = _PSEUDO.sub(lambda m: " " * len(m.group()), text[window_start:start])
    cue = _CUE.search(window)
    return window_start + cue.start() if cue else None


def negated_extent(text: str, end: int) -> int:
    """Where what a negation covers ends, past a mention ending at `end`: the next clause
    boundary, comma or dash, and at most a few words on ("no fall or accident")."""
    boundary = _BOUNDARY.search(text, end)
    stop = boundary.start() if boundary else len(text)
    pause = re.search(r"[,\u2013\u2014]|\s-\s", text[end:stop])
    if pause:
        stop = end + pause.start()
    words = list(re.finditer(r"\S+", text[end:stop]))
    return end + words[WINDOW - 1].end() if len(words) > WINDOW else stop
