"""Numbered citations built from corpus metadata, never from generated text."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.byline import byline
from assistant.answer.extractive import Selected
from assistant.corpus.loader import Corpus
from assistant.schema import Chunk, Citation, Ref, Reference


def cite(selected: Sequence[Selected], corpus: Corpus) -> tuple[list[str], list[Citation]]:
    """Each sentence followed by its marker, numbered per answer in order of first use."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    sentences: list[str] = []
    for item in selected:
        chunk = item.passage.chunk
        if chunk.chunk_id not in numbers:
            numbers[chunk.chunk_id] = len(numbers) + 1
            citations.append(_citation(numbers[chunk.chunk_id], chunk, corpus))
        sentences.append(f"{item.sentence} [{numbers[chunk.chunk_id]}]")
    return sentences, citations


def references(citations: Sequence[Citation], corpus: Corpus) -> list[Reference]:
    """Every document the answer rests on: those cited, then those their synthesis passages cite."""
    refs: list[Ref] = [c.ref for c in citations]
    refs += [ref for c in citations for ref in c.cites]
    return [corpus.reference(ref) for ref in dict.fromkeys(refs)]


def _citation(n: int, chunk: Chunk, corpus: Corpus) -> Citation:
    reference = corpus.reference(chunk.ref)
    return Citation(
        n=n,
        chunk_id=chunk.chunk_id,
        ref=chunk.ref,
        cites=list(chunk.cites),
        quote=chunk.text,
        section=chunk.section,
        title=reference.title,
        authors=reference.authors,
        year=reference.year,
        journal=reference.journal,
        study_type=reference.study_type,
        url=reference.url,
        match_confidence=reference.match_confidence,
        identifiers_verified=reference.identifiers_verified,
        byline=byline(reference),
    )
