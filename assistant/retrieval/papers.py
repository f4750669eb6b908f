"""Papers a question names by their first author ("Orita 2016: how many patients?", "the
Dreyfuss review"): a clinician who names the paper has said which evidence they mean."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.schema import Document

MIN_NAME = 3  # letters; shorter surnames are too easily a typo or an abbreviation
_INITIALS = re.compile(r"^[A-Z]{1,3}$")
# What may follow a surname and goes with it: "et al", a year ("Orita et al. (2016)").
_AFTER_NAME = r"(?:\s+et\.?\s+al\.?)?(?:\s*\(?(?:19|20)\d\d\)?)?"


class NamedPapers:
    """First authors' surnames -> their papers. A surname that is also an English word
    ("Foley", "Fang") counts only written with its capital."""

    def __init__(self, documents: Sequence[Document], is_word: Callable[[str], bool]) -> None:
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        for doc in documents:
            authors = doc.reference.authors
            if not authors:
                continue
            words = [w for w in authors[0].split() if not _INITIALS.match(w)]
            for name in {" ".join(words), *words}:
                if len(name) < MIN_NAME:
                    continue
                flags = 0 if is_word(name.lower()) else re.IGNORECASE
                pattern = re.compile(rf"\b{re.escape(name)}\b{_AFTER_NAME}", flags)
                self._patterns.append((pattern, doc.doc_id))

    def named(self, question: str) -> set[str]:
        """The doc ids of the papers the question names."""
        return {doc_id for pattern, doc_id in self._patterns if pattern.search(question)}

    def unnamed(self, text: str) -> str:
        """The text without the surnames (and "et al" or a year after one): they choose the
        paper, but mean nothing to the embedding model and only blur what is asked."""
        for pattern, _ in self._patterns:
            text = pattern.sub(" ", text)
        return " ".join(text.split())
