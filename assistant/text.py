"""Plain-text helpers shared by retrieval and answering: sentences, terms and overlap."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import Stemmer
import yaml
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

from assistant.errors import CorpusError

_WORD = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_WORD_ANY_CASE = re.compile(r"\b[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\b")
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])['\u2019](?=[A-Za-z])")  # inside a word: "doesn't"
_AMERICAN: Mapping[str, str] = BRITISH_ENGLISH_SPELLINGS
_MARKER = re.compile(r"\[\d+(?:\s*[,-]\s*\d+)*\]")  # a citation marker: [3], [1, 2]
# A sentence ends at . ! or ? followed by space and a capital, digit or bracket, unless the
# full stop closes a common abbreviation.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")
_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "vs.", "approx.", "Dr.", "Fig.", "No.", "cf.")

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "also",
        "may",
        "might",
        "must",
        "shall",
        "tell",
        "know",
        "please",
        "get",
        "got",
        "really",
        "many",
        "much",
        "cause",
        "causes",
        "causing",
        "caused",
        "s",
        "t",
        "d",
        "ll",
        "m",
        "re",
        "ve",
        "don",
        # chat shorthand for function words ("whats", "u", "pls"): apostrophes are dropped
        # before this list is read
        "whats",
        "thats",
        "hows",
        "whos",
        "wheres",
        "whys",
        "u",
        "ur",
        "pls",
        "plz",
        "thx",
        "im",
        "ive",
        "id",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "cant",
        "wont",
        "shouldnt",
        "wouldnt",
        "couldnt",
    ]
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# Texts whose terms an analyzer keeps: the corpus's sentences (~2,000) and recent questions.
TERMS_REMEMBERED = 8192


class Analyzer:
    """Text -> stemmed content terms, with the corpus's synonyms mapped to one canonical term.

    A variant of several words ("head to head", "come back") is a phrase: it is joined into
    one token first, then mapped like any other variant."""

    def __init__(self, synonyms: Mapping[str, str] | None = None) -> None:
        variants = {_APOSTROPHE.sub("", k): v for k, v in (synonyms or {}).items()}
        self._synonyms = {k.replace(" ", "_"): v for k, v in variants.items()}
        phrases = sorted((k for k in variants if " " in k), key=len, reverse=True)
        self._phrase_words = frozenset(w for p in phrases for w in p.split())
        self._phrases = (
            re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)
            if phrases
            else None
        )
        # Corpus sentences are analysed again for every question that meets them.
        self._terms = lru_cache(maxsize=TERMS_REMEMBERED)(self._analysed)

    def join_phrases(self, text: str) -> str:
        """Known multi-word variants written as one token: 'come back' -> 'come_back'; an
        apostrophe inside a word is dropped first ("doesn't" and "doesnt" are one word)."""
        text = _APOSTROPHE.sub("", text)
        if self._phrases is None:
            return text
        return self._phrases.sub(lambda m: m.group().replace(" ", "_"), text)

    def in_phrase(self, word: str) -> bool:
        """Whether `word` is one of the words of a multi-word variant ("hairline" of
        "hairline crack"): the vocabulary knows it, even when the rest of its phrase was
        taken out of the question (a red-flag mention masked)."""
        return word.lower() in self._phrase_words

    def expand(self, text: str) -> str:
        """`text` with each known variant followed by its canonical term, e.g. 'SI (sacroiliac)':
        what the embedding model sees, so it meets abbreviations and lay words half way."""

        def add_canonical(match: re.Match[str]) -> str:
            canonical = self._synonyms.get(match.group().lower())
            return f"{match.group()} ({canonical})" if canonical else match.group()

        if not self._synonyms:
            return text
        return _WORD_ANY_CASE.sub(add_canonical, self.join_phrases(text)).replace("_", " ")

    def terms(self, text: str) -> list[str]:
        """Content terms, stemmed; synonyms mapped to their canonical term and British
        spellings to American ones first ("localise" and "localize" are one term)."""
        return list(self._terms(text))

    def _analysed(self, text: str) -> tuple[str, ...]:
        words: list[str] = []
        for found in _WORD.findall(self.join_phrases(text).lower()):
            token = _AMERICAN.get(found, found)
            if token in self._synonyms:
                words.extend(self._synonyms[token].split())
            elif "-" in token or "_" in token:
                parts = re.split(r"[-_]", token)
                words.extend(self._synonyms.get(part, part) for part in parts)
            else:
                words.append(token)
        return tuple(_stemmer().stemWords([w for w in words if w not in STOPWORDS]))


def load_synonyms(path: Path) -> dict[str, str]:
    """variant -> canonical term, from the vocabulary file (see `load_vocabulary`)."""
    return {
        variant: canonical
        for canonical, (_, variants) in load_vocabulary(path).items()
        for variant in variants
    }


def load_kinds(path: Path) -> dict[str, str]:
    """canonical term -> its kind ("conditions", "tests", ...) in the vocabulary file."""
    return {canonical: kind for canonical, (kind, _) in load_vocabulary(path).items() if kind}


def load_vocabulary(path: Path) -> dict[str, tuple[str, list[str]]]:
    """canonical term -> (kind, variants), from YAML grouped by kind (`kind: {canonical:
    [variants]}`); a top-level `canonical: [variants]` entry has no kind."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 1})" if where else ""
        raise CorpusError(
            f"{path}: not valid YAML{line}: {getattr(exc, 'problem', exc)}",
            hint="fix the file; each kind maps terms to lists of variant words",
        ) from exc
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: must map kinds to terms, or terms to lists of variants")
    entries: dict[str, tuple[str, list[str]]] = {}
    for key, value in data.items():
        group = value if isinstance(value, dict) else {key: value}
        kind = str(key) if isinstance(value, dict) else ""
        for canonical, variants in group.items():
            if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
                raise CorpusError(f"{path}: '{canonical}' must map to a list of variant words")
            term = str(canonical).lower()
            inside = [v for v in variants if re.search(rf"\b{re.escape(v.lower())}\b", term)]
            if inside:
                raise CorpusError(
                    f"{path}: '{canonical}' lists {inside[0]!r}, which is part of the term itself"
                )
            entries[term] = (kind, [v.lower() for v in variants])
    return entries


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, not cut after abbreviations such as 'e.g.' or 'et al.'."""
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        if sentences and sentences[-1].endswith(_ABBREVIATIONS):
            sentences[-1] = f"{sentences[-1]} {piece}"
        elif piece:
            sentences.append(piece)
    return sentences


def plain_words(text: str) -> str:
    """The text's words only, lower case, one space apart: "...this review [3]." and
    "...this review. [1]" read the same."""
    return " ".join(_WORD.findall(_MARKER.sub(" ", text.lower())))


def jaccard(a: set[str], b: set[str]) -> float:
    """Overlap of two term sets, 0 (disjoint) to 1 (identical)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
