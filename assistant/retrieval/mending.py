"""A question's spelling slips mended towards the corpus's own words ("sacroilliac joint
disfunction" -> "sacroiliac joint dysfunction", "neurolisis" -> "neurolysis"), before retrieval,
composition and the evidence check read it: a slip of a word the corpus uses is not a word the
corpus lacks. Only corpus words can be produced, and English words are never touched, so a
drug or treatment the corpus does not name stays unnamed (see safety/spelling.py for how)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.safety.spelling import English, Speller

_WORD = re.compile(r"[A-Za-z]+")


class QuestionMender:
    """Mends the words of a question one at a time, keeping everything else as written."""

    def __init__(self, texts: Iterable[str], english: English) -> None:
        vocabulary = {w.lower() for text in texts for w in _WORD.findall(text)}
        # Shortened text-speak ("sudn" for "sudden") is the triage's concern: here it would
        # read "meds" as "methods" and "lol" as "local".
        self._speller = Speller(vocabulary, english, shortenings=False)

    def mend(self, question: str) -> str:
        def mended(found: re.Match[str]) -> str:
            word = found.group()
            fixed = self._speller.correct(word.lower())
            return word if fixed == word.lower() else fixed

        return _WORD.sub(mended, question)
