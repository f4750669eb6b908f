"""What a corpus sentence does beyond its topic: describe a study's methods, compare two
things, define one, name a condition; the patterns are in roles.yaml, the conditions are the
vocabulary's `conditions`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

import yaml

from assistant.text import Analyzer

SUBJECTS = frozenset({"anatomy", "conditions", "tests", "treatments"})


# A subject pointing elsewhere ("what does that test tell him?") names no whole thing.
_POINTING = re.compile(r"\b(?:this|that|these|those|it|they|them)\b", re.IGNORECASE)
MAX_WHOLE_SUBJECT = 3  # terms of a subject an opening must all name; one of a longer may go


class SentenceRoles:
    """Role tests for sentences, and whether a question asks about a study's methods."""

    def __init__(self, analyzer: Analyzer, kinds: Mapping[str, str]) -> None:
        raw = resources.files("assistant.answer").joinpath("roles.yaml").read_text("utf-8")
        spec = yaml.safe_load(raw)
        flags = re.IGNORECASE
        self._method = re.compile(spec["method"]["sentence"], flags)
        self._asks_method = re.compile(spec["method"]["asks"], flags)
        self._compares = re.compile(spec["comparison"]["sentence"], flags)
        self._defines = re.compile(spec["definition"]["sentence"], flags)
        self._appositive = re.compile(spec["definition"]["appositive"], flags)
        self._singles_out = re.compile(spec["singles_out"]["sentence"], flags)
        self._asks_one = re.compile(spec["singles_out"]["asks"], flags)
        self._analyzer = analyzer
        self._condition_names = {
            term: frozenset(analyzer.terms(term))
            for term, kind in kinds.items()
            if kind == "conditions"
        }
        self._conditions = list(self._condition_names.values())
        self._subject_names = {
            term: frozenset(analyzer.terms(term))
            for term, kind in kinds.items()
            if kind in SUBJECTS
        }
        self._subjects = list(self._subject_names.values())
        self.is_method = lru_cache(maxsize=4096)(self._is_method)

    def asks_about_methods(self, question: str) -> bool:
        return bool(self._asks_method.search(question))

    def _is_method(self, sentence: str) -> bool:
        return bool(self._method.search(sentence))

    def asks_for_one(self, question: str) -> bool:
        """ "Which scan...?", "what's the best test?": the answer names one."""
        return bool(self._asks_one.search(question))

    def singles_out(self, sentence: str) -> bool:
        return bool(self._singles_out.search(sentence))

    def compares(self, sentence: str) -> bool:
        return bool(self._compares.search(sentence))

    def defines(self, sentence: str, subject: str) -> bool:
        """The sentence says what the subject is: the subject's words, then "is", "are"...;
        or names a word of it with a gloss in brackets ("arthrodesis (surgical fusion)" for
        "arthrodesis of the SI joint") or after a comma ("ferric carboxymaltose, an iron
        preparation")."""
        wanted = set(self._analyzer.terms(subject))
        if not wanted:
            return False
        opening = self._defines.match(sentence)
        if opening and wanted & set(self._analyzer.terms(opening.group())):
            return True
        named = re.findall(r"[A-Za-z][\w-]{3,}", subject)
        if any(
            re.search(rf"\b{re.escape(w)}\w*\s*\((?!\d)", sentence, re.IGNORECASE) for w in named
        ):
            return True
        return any(
            wanted <= set(self._analyzer.terms(found.group(1)))
            for found in self._appositive.finditer(sentence)
        )

    def defines_whole(self, sentence: str, subject: str) -> bool:
        """The sentence opens by saying what the whole subject is ("SI joint dysfunction is
        ..."), not a part of it ("the SI joint transmits forces..."), but for one word of a
        subject longer than MAX_WHOLE_SUBJECT terms; a subject that points elsewhere ("that
        test") is no whole."""
        wanted = set(self._analyzer.terms(subject))
        opening = self._defines.match(sentence)
        if not wanted or not opening or _POINTING.search(subject):
            return False
        named = wanted & set(self._analyzer.terms(opening.group()))
        return len(named) >= max(1, len(wanted) - (len(wanted) > MAX_WHOLE_SUBJECT))

    def names_subject(self, text: str) -> bool:
        """Whether the text names an anatomical part, condition, test or treatment of the
        domain's vocabulary (corpus/synonyms.yaml): a question that does not is about
        something said before."""
        terms = set(self._analyzer.terms(text))
        return any(subject <= terms for subject in self._subjects if subject)

    def subjects_in(self, text: str) -> list[str]:
        """The anatomy, conditions, tests and treatments of the vocabulary the text names, as
        the vocabulary names them ("osteochondroma", "pelvis")."""
        terms = set(self._analyzer.terms(text))
        return [name for name, wanted in self._subject_names.items() if wanted and wanted <= terms]

    def names_condition(self, sentence: str) -> bool:
        terms = set(self._analyzer.terms(sentence))
        return any(condition <= terms for condition in self._conditions if condition)

    def conditions_in(self, sentence: str) -> list[str]:
        """The conditions of the vocabulary the sentence names, as the vocabulary names them."""
        terms = set(self._analyzer.terms(sentence))
        return [
            name for name, wanted in self._condition_names.items() if wanted and wanted <= terms
        ]
