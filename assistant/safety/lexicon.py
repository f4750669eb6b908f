"""Term classes (lexicon.yaml) compiled into one spaCy Matcher over normalised text."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from assistant.safety.nlp import Doc, Language

TokenSpec = dict[str, Any]
_DIGIT_SLASH = re.compile(r"\d+/\d+")
MAX_FORMS = 64  # token sequences a phrase of alternatives may stand for in the phrase matcher
# A limb may be told with its side ("dragging his left foot", "R leg buckling") where a phrase
# names it without one: each limb word of a phrase may follow one of these.
SIDES = ("left", "right", "l", "r", "lt", "rt", "other")
LIMBS = frozenset(
    {"leg", "legs", "foot", "feet", "toe", "toes", "knee", "knees", "ankle", "ankles", "heel"}
    | {"heels", "calf", "calves", "thigh", "thighs", "hip", "hips", "buttock", "buttocks"}
)


@dataclass(frozen=True)
class TermMatch:
    """One phrase of a class found in a doc: tokens [start, end)."""

    term: str
    start: int
    end: int


def compile_phrase(phrase: str) -> list[TokenSpec]:
    """One lexicon phrase as a spaCy Matcher pattern (syntax in lexicon.yaml's header)."""
    specs: list[TokenSpec] = []
    for tok in phrase.split():
        if _names_limb(tok):
            specs.append({"LOWER": {"IN": list(SIDES)}, "OP": "?"})
        specs.append(_token(tok))
    return specs


def _names_limb(tok: str) -> bool:
    return any(option in LIMBS for option in tok.removesuffix("?").split("/"))


def _token(tok: str) -> TokenSpec:
    if tok == "...":
        return {"OP": "{0,3}"}
    optional = tok.endswith("?") and len(tok) > 1
    tok = tok.removesuffix("?") if optional else tok
    spec = _token_spec(tok)
    if optional:
        spec["OP"] = "?"
    return spec


def _token_spec(tok: str) -> TokenSpec:
    if tok.endswith("~") and len(tok) > 1:
        return {"LOWER": {"FUZZY1": tok[:-1]}}
    options = [tok] if _DIGIT_SLASH.fullmatch(tok) else tok.split("/")
    if any(o.endswith("*") for o in options):
        alternation = "|".join(
            re.escape(o[:-1]) + ".*" if o.endswith("*") else re.escape(o) for o in options
        )
        return {"LOWER": {"REGEX": f"^({alternation})$"}}
    return {"LOWER": options[0]} if len(options) == 1 else {"LOWER": {"IN": options}}


def phrases(entries: Iterable[str]) -> list[str]:
    """The phrases of a class: its entries split on ' | '."""
    found = [p.strip() for entry in entries for p in entry.split(" | ") if p.strip()]
    for phrase in found:
        _check_alternatives(phrase)
    return found


def _check_alternatives(phrase: str) -> None:
    """`a/b` is one token's alternatives, so "can not/could not" reads as "can", then "not"
    or "could", then "not", and matches nothing anyone writes: refuse it where it is written."""
    tokens = phrase.split()
    for tok, following in itertools.pairwise(tokens):
        if "/" in tok and not _DIGIT_SLASH.fullmatch(tok) and following in tok.split("/"):
            raise ValueError(
                f"lexicon phrase {phrase!r}: {tok!r} is one token's alternatives, not two "
                f"phrases; write the alternatives token by token (as 'can/could not')"
            )


def literal_forms(phrase: str) -> list[list[str]] | None:
    """A phrase made only of words and `a/b` alternatives, as every token sequence it stands
    for (at most MAX_FORMS), each also with a side before its limb word; None for one with
    `stem*`, `word~`, `tok?`, `...` or two limb words, which need the pattern matcher."""
    options: list[list[str]] = []
    for tok in phrase.split():
        if tok == "..." or tok.endswith(("?", "~")) or "*" in tok:
            return None
        options.append([tok] if _DIGIT_SLASH.fullmatch(tok) else tok.split("/"))
    # a side may stand before each limb word: with two, the pattern matcher reads it
    if math.prod(len(o) for o in options) > MAX_FORMS or sum(map(_names_limb, phrase.split())) > 1:
        return None
    return [sided for form in itertools.product(*options) for sided in _with_sides(list(form))]


def _with_sides(form: list[str]) -> list[list[str]]:
    """The form as written, and with a side before its limb word."""
    at = next((i for i, word in enumerate(form) if word in LIMBS), None)
    if at is None:
        return [form]
    return [form, *([*form[:at], side, *form[at:]] for side in SIDES)]


class TermMatcher:
    """Finds every class's phrases in a doc. Literal phrases (most of them) go to spaCy's
    PhraseMatcher, which looks tokens up by hash; only phrases with stems, slips, optional
    tokens or gaps go to the Matcher, which tries every pattern at every token."""

    def __init__(self, nlp: Language, classes: dict[str, list[str]]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc as SpacyDoc

        self._matcher = Matcher(nlp.vocab)
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name, entries in classes.items():
            patterns, literal = [], []
            for phrase in phrases(entries):
                forms = literal_forms(phrase)
                if forms is None:
                    patterns.append(compile_phrase(phrase))
                else:
                    literal += [SpacyDoc(nlp.vocab, words=form) for form in forms]
            if patterns:
                self._matcher.add(name, patterns)
            if literal:
                self._phrases.add(name, literal)
        self._strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> list[TermMatch]:
        found = sorted({*self._matcher(doc), *self._phrases(doc)}, key=lambda m: (m[1], m[2]))
        return [TermMatch(self._strings[key], start, end) for key, start, end in found]
