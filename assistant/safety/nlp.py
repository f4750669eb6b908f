"""The text pipeline the safety layer reads with: normalisation and a blank spaCy pipeline.

A blank English pipeline (tokenizer and rule-based sentencizer) needs no model download; the
clinical knowledge is in the lexicon and the ConText rules, not in a statistical model."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
else:
    Language = Doc = Span = object

__all__ = ["Doc", "Language", "Span", "blank_pipeline", "normalise"]

_REPLACEMENTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\u2018\u2019\u02bc\u00b4`]"), "'"),
    (re.compile(r"[\u201c\u201d]"), '"'),
    (re.compile(r"\b(can'?t|cannot|cnt|cant)\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\bshan'?t\b"), "shall not"),
    (
        re.compile(
            r"\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must|need|ai)n'?t\b"
        ),
        r"\1 not",
    ),
    (re.compile(r"\bi'?m\b"), "i am"),
    (re.compile(r"\bi'd\b"), "i had"),
    (re.compile(r"\bi'?ve\b"), "i have"),
    (re.compile(r"\b(it|he|she|that|there|what)'s\b"), r"\1 is"),
    (re.compile(r"\b(you|we|they)'re\b"), r"\1 are"),
    # "its" before what only "it is" can precede ("now its the whole shin", "its getting worse")
    (
        re.compile(
            r"\bits (?=(?:the|a|an|all|so|really|not|getting|gone|going|now|worse|like|just"
            r"|very|still|spreading|started|starting|up|down|in|on|over|been)\b)"
        ),
        "it is ",
    ),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"\bme (back|legs?|bum|belly|guts|feet|foot|bladder|hips?)\b"), r"my \1"),
    (re.compile(r"\b(non|un|anti)-(?=[a-z])"), r"\1"),
    (re.compile(r"(?<=[a-z])[-/](?=[a-z])"), " "),
    (re.compile(r"(?<=\d)-(?=[a-z])"), " "),
    (re.compile(r"(?<=\d)(?=(?:yrs?|years?|months?|mths?|wks?|weeks?|days?)\b)"), " "),
    (re.compile(r"(?<=[a-z])-(?=\d)"), " "),
    (
        re.compile(r"\b(need|needs|have|has|had|want|wants|going|got|able|try|tried) 2 (?=[a-z])"),
        r"\1 to ",
    ),
    (re.compile(r"(?<![a-z0-9])'|'(?![a-z0-9])"), ""),
    (re.compile(r"\s+"), " "),
]
# Text-speak and clinical shorthand spelled out, token by token.
_SHORT = {
    "n": "and", "u": "you", "ur": "your", "im": "i am", "ive": "i have", "wk": "week",
    "wks": "weeks", "bk": "back", "cos": "because", "coz": "because", "cuz": "because",
    "pls": "please", "plz": "please", "2day": "today", "b4": "before", "wat": "what",
    "1st": "first", "c/o": "complains of", "w/": "with", "thru": "through", "nite": "night",
    "tho": "though", "lil": "little", "rly": "really", "prob": "probably", "shud": "should",
    "cud": "could", "wud": "would", "gona": "going to", "tmrw": "tomorrow", "yday": "yesterday",
    "gonna": "going to", "wanna": "want to", "gotta": "got to", "kinda": "kind of",
    "hes": "he is", "shes": "she is", "theyre": "they are", "youre": "you are",
    "wen": "when", "wer": "were", "feelin": "feeling", "thats": "that is", "theres": "there is",
}  # fmt: skip
_TOKEN = re.compile(r"(?<![\w/])(\S+?)(?=[\s,.;:!?)]|$)")


def normalise(text: str) -> str:
    """Lower case, straight quotes, contractions spelled out: the form the lexicon is written in."""
    text = text.lower()
    text = _TOKEN.sub(lambda m: _SHORT.get(m.group(1), m.group(1)), text)
    for pattern, replacement in _REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text.strip()


def blank_pipeline() -> Language:
    """spaCy's blank English with a sentencizer that also splits on line breaks."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", ";", "\n", "…"]})
    return nlp
