"""Load the whole corpus and check it hangs together: every cited ref has exactly one card."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus.citations import parse_citations
from assistant.corpus.documents import load_card, load_synthesis
from assistant.corpus.pictures import ConditionPicture, load_pictures
from assistant.errors import CorpusError
from assistant.schema import Document, Reference
from assistant.text import load_kinds, load_synonyms

SYNTHESIS_FILE = "synthesis.md"
SOURCES_DIR = "sources"
SYNONYMS_FILE = "synonyms.yaml"
CONDITIONS_FILE = "conditions.yaml"


@dataclass(frozen=True)
class Corpus:
    """The validated corpus: the synthesis first, then the cards in ref order."""

    documents: tuple[Document, ...]
    version: str
    synonyms: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    pictures: tuple[ConditionPicture, ...] = ()

    def topic_words(self) -> list[str]:
        """The vocabulary's words and phrases that name the domain's anatomy, symptoms,
        conditions, tests and treatments (not its measures or populations)."""
        topical = {"anatomy", "symptoms", "conditions", "tests", "treatments"}
        canonical = [term for term, kind in self.kinds.items() if kind in topical]
        return canonical + [
            v for v, term in self.synonyms.items() if self.kinds.get(term) in topical
        ]

    def reference(self, ref: int | str) -> Reference:
        """The reference for a ref number (or 'synthesis'); KeyError when there is none."""
        for doc in self.documents:
            if doc.ref == ref:
                return doc.reference
        raise KeyError(ref)

    @property
    def names(self) -> list[str]:
        """Authors and journals of the cited papers: words a question may use to name one."""
        return [
            name
            for doc in self.documents
            for name in (*doc.reference.authors, doc.reference.journal or "")
            if name
        ]

    @property
    def cards(self) -> tuple[Document, ...]:
        return tuple(doc for doc in self.documents if doc.card is not None)


def load_corpus(corpus_dir: Path) -> Corpus:
    """Load and validate every file; the first problem found is raised, naming file and field."""
    synthesis_path = corpus_dir / SYNTHESIS_FILE
    if not synthesis_path.is_file():
        raise CorpusError(
            f"{synthesis_path}: not found", hint="set ASSISTANT_CORPUS_DIR to the corpus folder"
        )
    synthesis = load_synthesis(synthesis_path)
    cards = sorted((load_card(p) for p in _card_paths(corpus_dir)), key=lambda d: int(d.ref))
    _check_refs(cards, synthesis)
    documents = (synthesis, *cards)
    synonyms_path = corpus_dir / SYNONYMS_FILE
    conditions_path = corpus_dir / CONDITIONS_FILE
    return Corpus(
        documents=documents,
        version=_fingerprint([d.path for d in documents] + [synonyms_path, conditions_path]),
        synonyms=load_synonyms(synonyms_path),
        kinds=load_kinds(synonyms_path),
        pictures=load_pictures(conditions_path, documents),
    )


def _card_paths(corpus_dir: Path) -> list[Path]:
    paths = sorted((corpus_dir / SOURCES_DIR).glob("*.md"))
    if not paths:
        raise CorpusError(f"{corpus_dir / SOURCES_DIR}: no source cards (*.md) found")
    return paths


def _check_refs(cards: list[Document], synthesis: Document) -> None:
    seen: dict[int, Path] = {}
    for card in cards:
        ref = int(card.ref)
        if ref in seen:
            raise CorpusError(f"{card.path}: field 'ref' {ref} is already used by {seen[ref]}")
        seen[ref] = card.path
    missing_range = sorted(set(range(1, max(seen) + 1)) - set(seen))
    if missing_range:
        raise CorpusError(
            f"{cards[0].path.parent}: no card for ref {', '.join(map(str, missing_range))}; "
            f"refs must run 1..{max(seen)} without gaps"
        )
    _, cited = parse_citations(synthesis.text)
    uncarded = sorted(set(cited) - set(seen))
    if uncarded:
        raise CorpusError(
            f"{synthesis.path}: cites ref {', '.join(map(str, uncarded))} but no card in "
            f"{cards[0].path.parent} has that 'ref'"
        )


def _fingerprint(paths: list[Path]) -> str:
    """Changes whenever any file the index is built from changes."""
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
