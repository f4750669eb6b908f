"""Chunks: one section each, exact offsets, parsed citations, content-hash ids."""

from pathlib import Path

from assistant.corpus.citations import parse_citations
from assistant.corpus.loader import load_corpus
from assistant.index.chunking import chunk_corpus
from tests.conftest import REAL_CORPUS


def _raw(chunk_path: Path, start: int, end: int) -> str:
    return chunk_path.read_text()[start:end]


def test_offsets_point_at_the_passage_in_its_file() -> None:
    corpus = load_corpus(REAL_CORPUS)
    paths = {d.doc_id: d.path for d in corpus.documents}
    for chunk in chunk_corpus(corpus, 600, 0):
        raw = _raw(paths[chunk.doc_id], chunk.start, chunk.end)
        expected = parse_citations(raw)[0] if chunk.ref == "synthesis" else raw
        assert expected == chunk.text


def test_a_chunk_never_spans_two_sections() -> None:
    corpus = load_corpus(REAL_CORPUS)
    paths = {d.doc_id: d.path for d in corpus.documents}
    for chunk in chunk_corpus(corpus, 600, 0):
        assert "\n#" not in _raw(paths[chunk.doc_id], chunk.start, chunk.end)
        assert chunk.section and "#" not in chunk.section


def test_synthesis_chunks_carry_the_refs_their_sentences_cite() -> None:
    chunks = [c for c in chunk_corpus(load_corpus(REAL_CORPUS), 600, 0) if c.ref == "synthesis"]
    by_start = {c.text.split()[0] + " " + c.text.split()[1]: c for c in chunks}
    assert by_start["Sacroiliac (SI)"].cites == (4, 6, 8)
    assert by_start["The SI"].cites == (8,)
    assert by_start["A thorough"].cites == (5,)
    assert by_start["Imaging techniques"].cites == (1, 7, 9)
    injections = next(c for c in chunks if "Fluoroscopically guided" in c.text)
    assert injections.cites == (6, 8)
    assert injections.section == "Diagnostic Approaches > Diagnostic Injections"
    assert all(not any(ch.isdigit() for ch in c.text[-3:]) for c in chunks)


def test_cards_are_chunked_one_finding_each_with_metadata() -> None:
    corpus = load_corpus(REAL_CORPUS)
    chunks = [c for c in chunk_corpus(corpus, 600, 0) if c.ref == 5]
    assert len(chunks) == 6
    assert {c.section for c in chunks} == {"Key findings"}
    first = chunks[0]
    assert first.title.startswith("Reliability of the Buttock Applied Strain test")
    assert (first.year, first.study_type, first.match_confidence) == (
        2020,
        "diagnostic accuracy study",
        "high",
    )
    assert first.cites == ()
    assert not first.text.startswith("- ")


def test_ids_are_stable_and_only_changed_text_gets_a_new_id(fixture_corpus: Path) -> None:
    before = {c.chunk_id: c.text for c in chunk_corpus(load_corpus(fixture_corpus), 600, 0)}
    assert before == {c.chunk_id: c.text for c in chunk_corpus(load_corpus(fixture_corpus), 600, 0)}
    card = fixture_corpus / "sources" / "01-plantar-fasciitis.md"
    card.write_text(card.read_text().replace("12% of the 500", "13% of the 500"))
    after = {c.chunk_id: c.text for c in chunk_corpus(load_corpus(fixture_corpus), 600, 0)}
    assert len(set(before) - set(after)) == 1
    assert len(set(after) - set(before)) == 1
    assert "13%" in after[next(iter(set(after) - set(before)))]


def test_long_units_are_split_to_chunk_size_within_their_section() -> None:
    corpus = load_corpus(REAL_CORPUS)
    chunks = chunk_corpus(corpus, 120, 0)
    assert max(len(c.text) for c in chunks) <= 120
    assert len(chunks) > len(chunk_corpus(corpus, 600, 0))


def test_embedding_text_keeps_the_section_heading_as_context() -> None:
    chunk = chunk_corpus(load_corpus(REAL_CORPUS), 600, 0)[1]
    assert chunk.embedding_text == f"{chunk.section}\n{chunk.text}"
