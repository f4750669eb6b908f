"""The text pipeline the safety layer reads with: normalisation and a blank spaCy pipeline.

A blank English pipeline (tokenizer and rule-based sentencizer) needs no model download; the
clinical knowledge is in the lexicon and the ConText rules, not in a statistical model."""

from __future__ import annotations

import re
from functools import partial
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
    # "he's had a fever", "hes been sick" (text-speak spelled out as "he is"): has, before a
    # past participle
    (
        re.compile(
            r"\b(it|he|she|that|there)(?:'?s| is) (?=(?:(?:not|never|always|just|already) )?"
            r"(?:had|been|got|lost|done)\b)"
        ),
        r"\1 has ",
    ),
    (re.compile(r"\b(it|he|she|that|there|what|who)'s\b"), r"\1 is"),
    (re.compile(r"\b(you|we|they)'re\b"), r"\1 are"),
    # "its" before what only "it is" can precede ("now its the whole shin", "its getting worse")
    (
        re.compile(
            r"\bits (?=(?:the|a|an|all|so|really|not|getting|gone|going|now|worse|like|just"
            r"|very|still|spreading|started|starting|up|down|in|on|over|been|there)\b)"
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
    # A line break ends what the line said (a form's "no injury" does not reach the next line).
    (re.compile(r"(?<![.!?;:,\s])[ \t]*\n\s*"), ". "),
    # A finding echoed as a question or a form's field and answered no ("foot drop? no, I can
    # walk on my heels"; "saddle anaesthesia? nil"; "Fever: no"): the denial is read before it.
    (
        re.compile(
            r"(?:^|(?<=[.!;/] ))([a-z][^.!?;,:/]{0,40})(?:\?|:) ?"
            r"(no|nope|nah|none|nil|negative|not sure|unsure)\b"
            r"(?! (?:idea|clue|worries|problem|way)\b)"
        ),
        r"\2 \1",
    ),
    (re.compile(r"(?<![a-z0-9])'|'(?![a-z0-9])"), ""),
    (re.compile(r"\s+"), " "),
]
# Text-speak and clinical shorthand spelled out, token by token.
_SHORT = {
    "n": "and", "u": "you", "ur": "your", "im": "i am", "ive": "i have", "wk": "week",
    "wks": "weeks", "bk": "back", "cos": "because", "coz": "because", "cuz": "because",
    "pls": "please", "plz": "please", "2day": "today", "b4": "before", "wat": "what",
    "1st": "first", "c/o": "complains of", "w/": "with", "w/o": "without", "thru": "through",
    "nite": "night", "tho": "though", "lil": "little", "rly": "really", "prob": "probably",
    "shud": "should", "cud": "could", "wud": "would", "gona": "going to", "tmrw": "tomorrow",
    "yday": "yesterday", "gonna": "going to", "wanna": "want to", "gotta": "got to",
    "kinda": "kind of", "hes": "he is", "shes": "she is", "theyre": "they are", "youre": "you are",
    "wen": "when", "wer": "were", "feelin": "feeling", "thats": "that is", "theres": "there is",
}  # fmt: skip
_TOKEN = re.compile(r"(?<![\w/])(\S+?)(?=[\s,.;:!?)]|$)")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_VALUE = {
    **{w: i + 1 for i, w in enumerate(_UNITS)},
    **{w: i + 10 for i, w in enumerate(_TEENS)},
    **{w: (i + 2) * 10 for i, w in enumerate(_TENS)},
    "too": 2,
    "zero": 0,
}
_ANY = "|".join(_UNITS + _TEENS)
_TENS_ANY = "|".join(_TENS)
# Numbers spelled out, as the measures read digits ("seventy-six", "a hundred and one",
# "thirty eight point five", "fifteen-year-old"): from thirteen up anywhere; one to twelve only
# before a unit of age or a half ("two years old", "two and a half", and "too years old" as
# voice-to-text writes it) or told as what a child is ("my boy is two"), so "one leg" and "no
# one" stay words.
_SPELLED: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            rf"\b(?:a|one) hundred(?: and)?(?: (?P<tens>{_TENS_ANY})(?:[ -](?P<unit>"
            rf"{'|'.join(_UNITS)}))?| (?P<small>{_ANY}))?\b"
        ),
        "hundred",
    ),
    (re.compile(rf"\b(?P<tens>{_TENS_ANY})(?:[ -](?P<unit>{'|'.join(_UNITS)}))?\b"), "tens"),
    (re.compile(rf"\b(?P<small>{'|'.join(_TEENS[3:])})\b"), "teens"),
    (
        re.compile(
            rf"\b(?P<small>{'|'.join(_UNITS + _TEENS[:3])}|too)"
            r"(?=[ -](?:years?|yrs?|months?)\b| and a half\b)"
        ),
        "age",
    ),
    (re.compile(rf"(?<=\d) point (?P<small>{'|'.join(_UNITS)}|zero)\b"), "point"),
    # a child's age told as what they are ("my little boy is two", "she's three")
    (
        re.compile(
            r"\b(?P<lead>(?:he|she|boy|girl|son|daughter|child|kid|baby|toddler|one|grandson|"
            r"granddaughter|nephew|niece)(?:'s| is| was| aged| just turned| turned))"
            rf" (?P<small>{'|'.join(_UNITS + _TEENS[:3])})\b"
            r"(?! (?:of|more|times|or|weeks?|days?|hours?|minutes?|months?)\b)"
        ),
        "told_age",
    ),
]


def normalise(text: str) -> str:
    """Lower case, straight quotes, contractions spelled out: the form the lexicon is written in."""
    text = text.lower()
    text = _TOKEN.sub(lambda m: _SHORT.get(m.group(1), m.group(1)), text)
    for pattern, kind in _SPELLED:
        text = pattern.sub(partial(_digits, kind=kind), text)
    for pattern, replacement in _REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text.strip()


def _digits(m: re.Match[str], *, kind: str) -> str:
    found = {k: _VALUE.get(v or "", 0) for k, v in m.groupdict().items()}
    value = found.get("tens", 0) + found.get("unit", 0) + found.get("small", 0)
    if kind == "point":
        return f".{value}"
    if kind == "told_age":
        return f"{m.group('lead')} {value}"
    return str(value + 100 if kind == "hundred" else value)


def blank_pipeline() -> Language:
    """spaCy's blank English with a sentencizer that also splits on line breaks."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", ";", "\n", "…"]})
    return nlp
