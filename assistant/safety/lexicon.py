"""Term classes (lexicon.yaml) compiled into one spaCy Matcher over normalised text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from assistant.safety.nlp import Doc, Language

TokenSpec = dict[str, Any]
_DIGIT_SLASH = re.compile(r"\d+/\d+")


@dataclass(frozen=True)
class TermMatch:
    """One phrase of a class found in a doc: tokens [start, end)."""

    term: str
    start: int
    end: int


def compile_phrase(phrase: str) -> list[TokenSpec]:
    """One lexicon phrase as a spaCy Matcher pattern (syntax in lexicon.yaml's header)."""
    return [_token(tok) for tok in phrase.split()]


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
    return [p.strip() for entry in entries for p in entry.split(" | ") if p.strip()]


class TermMatcher:
    """Finds every class's phrases in a doc, longest match first where classes overlap."""

    def __init__(self, nlp: Language, classes: dict[str, list[str]]) -> None:
        from spacy.matcher import Matcher

        self._matcher = Matcher(nlp.vocab)
        for name, entries in classes.items():
            self._matcher.add(name, [compile_phrase(p) for p in phrases(entries)])
        self._strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> list[TermMatch]:
        return [TermMatch(self._strings[key], start, end) for key, start, end in self._matcher(doc)]
