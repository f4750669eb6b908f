"""Structure-aware chunking with LangChain's splitters.

A chunk never spans two sections and is the smallest unit a citation can honestly point at: one
finding (paragraph or bullet) of a source card, or one citation group of the synthesis (the
sentences that its author backed with the same reference numbers). LangChain's Markdown splitter
finds the sections; its recursive splitter cuts any unit longer than `chunk_size`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from langchain_text_splitters import (
    ExperimentalMarkdownSyntaxTextSplitter,
    RecursiveCharacterTextSplitter,
)

from assistant.corpus.citations import citation_groups, parse_citations
from assistant.corpus.loader import Corpus
from assistant.schema import SYNTHESIS, Chunk, Document

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]
_BLOCK = re.compile(r"[^\n]+(?:\n(?![-*] )[^\n]+)*")
_BULLET = re.compile(r"^[-*] +")


@dataclass(frozen=True)
class _Span:
    raw: str
    cites: tuple[int, ...]
    start: int


def chunk_corpus(corpus: Corpus, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    """Every chunk of every document, in corpus order, without duplicate ids."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n", "; ", ", ", " ", ""],
        keep_separator="end",
        add_start_index=True,
    )
    chunks: dict[str, Chunk] = {}
    for doc in corpus.documents:
        for chunk in _chunk_document(doc, splitter):
            chunks.setdefault(chunk.chunk_id, chunk)
    return list(chunks.values())


def chunk_id(doc_id: str, embedding_text: str) -> str:
    """A content hash: the same text in the same document always gets the same id."""
    digest = hashlib.sha256(f"{doc_id}\x1f{embedding_text}".encode()).hexdigest()
    return f"{doc_id}#{digest[:12]}"


def _chunk_document(doc: Document, splitter: RecursiveCharacterTextSplitter) -> Iterator[Chunk]:
    for section, body, body_start in _sections(doc.text):
        for span in _spans(doc, body, body_start):
            for piece in splitter.create_documents([span.raw]):
                raw = piece.page_content
                start = doc.body_offset + span.start + int(piece.metadata["start_index"])
                text = parse_citations(raw)[0] if doc.ref == SYNTHESIS else raw
                yield _make_chunk(doc, section, text, span.cites, (start, start + len(raw)))


def _sections(text: str) -> Iterator[tuple[str, str, int]]:
    """(heading path, body, offset of body in text) for each section that has a body."""
    splitter = ExperimentalMarkdownSyntaxTextSplitter(_HEADERS, strip_headers=True)
    cursor = 0
    for part in splitter.split_text(text):
        start = text.index(part.page_content, cursor)
        cursor = start + len(part.page_content)
        yield _heading_path(part.metadata), part.page_content, start


def _heading_path(headers: dict[str, str]) -> str:
    """Headings below the document title; a section directly under the title keeps the title."""
    levels = [headers[key] for _, key in _HEADERS if key in headers]
    return " > ".join(levels[1:] or levels)


def _spans(doc: Document, body: str, body_start: int) -> Iterator[_Span]:
    for block in _BLOCK.finditer(body):
        bullet = _BULLET.match(block.group())
        offset = body_start + block.start() + (bullet.end() if bullet else 0)
        unit = block.group()[bullet.end() :] if bullet else block.group()
        if doc.ref == SYNTHESIS:
            for group in citation_groups(unit, offset):
                yield _Span(group.raw, group.cites, group.start)
        else:
            yield _Span(unit, (), offset)


def _make_chunk(
    doc: Document, section: str, text: str, cites: tuple[int, ...], span: tuple[int, int]
) -> Chunk:
    reference = doc.reference
    draft = Chunk(
        chunk_id="",
        doc_id=doc.doc_id,
        ref=doc.ref,
        section=section,
        text=text,
        cites=cites,
        title=reference.title,
        year=reference.year,
        study_type=reference.study_type,
        match_confidence=reference.match_confidence,
        start=span[0],
        end=span[1],
    )
    return draft.model_copy(update={"chunk_id": chunk_id(doc.doc_id, draft.embedding_text)})


def lexical_text(chunk: Chunk) -> str:
    """What BM25 sees: the document title (exact names such as 'Buttock Applied Strain' matter
    to a keyword search), the section heading and the passage."""
    return f"{chunk.title}\n{chunk.embedding_text}"
