"""Corpus validation: the real corpus passes, and each kind of broken card names file and field."""

from pathlib import Path

import pytest

from assistant.corpus.loader import load_corpus
from assistant.errors import CorpusError
from tests.conftest import REAL_CORPUS

SEED = Path(__file__).parent / "fixtures" / "seed-synthesis.txt"


def test_real_corpus_has_synthesis_and_ten_cards() -> None:
    corpus = load_corpus(REAL_CORPUS)
    assert corpus.documents[0].doc_id == "synthesis"
    assert [card.ref for card in corpus.cards] == list(range(1, 11))
    assert corpus.synonyms["si"] == "sacroiliac"


def test_real_cards_carry_confidence_and_alternatives() -> None:
    corpus = load_corpus(REAL_CORPUS)
    confidence = {int(c.ref): c.card.match_confidence for c in corpus.cards if c.card}
    assert confidence == {
        1: "low",
        2: "low",
        3: "low",
        4: "low",
        5: "high",
        6: "medium",
        7: "medium",
        8: "high",
        9: "low",
        10: "medium",
    }
    for card in corpus.cards:
        assert card.card is not None
        if card.card.match_confidence != "high":
            assert card.card.alternatives, card.path


def test_synthesis_kept_verbatim_apart_from_page_artifacts() -> None:
    """The seed as the user supplied it (a copy in the fixtures) against corpus/synthesis.md."""
    artifacts = {
        "Pro Research Analysisby",
        "Searched over 200M research papers",
        "Sources and full results",
        "Most relevant research papers on this topic",
    }
    expected = [
        line.strip() for line in SEED.read_text().splitlines() if line.strip() not in artifacts
    ]
    body = load_corpus(REAL_CORPUS).documents[0].text
    actual = [line.lstrip("# ").strip() for line in body.splitlines() if line.strip()]
    assert actual == [line for line in expected if line]


def test_version_changes_when_a_card_changes(fixture_corpus: Path) -> None:
    before = load_corpus(fixture_corpus).version
    card = fixture_corpus / "sources" / "02-shock-wave.md"
    card.write_text(card.read_text().replace("40%", "41%"))
    assert load_corpus(fixture_corpus).version != before


def _break(corpus: Path, name: str, old: str, new: str) -> Path:
    path = corpus / "sources" / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("year: 2018", "year: last year", "year"),
        ("match_confidence: low", "match_confidence: maybe", "match_confidence"),
        ('title: "Shock wave therapy for chronic heel pain"\n', "", "title"),
        ("identifiers_verified: false", "identifiers_verified: perhaps", "identifiers_verified"),
        ("url: null", "url: not-a-link", "url"),
        ("alternatives: [", "colour: blue\nalternatives: [", "colour"),
    ],
)
def test_schema_errors_name_file_and_field(
    fixture_corpus: Path, old: str, new: str, field: str
) -> None:
    _break(fixture_corpus, "02-shock-wave.md", old, new)
    with pytest.raises(CorpusError) as caught:
        load_corpus(fixture_corpus)
    assert "02-shock-wave.md" in str(caught.value)
    assert f"field '{field}'" in str(caught.value)


def test_duplicate_ref_is_refused(fixture_corpus: Path) -> None:
    (fixture_corpus / "sources" / "02-shock-wave.md").rename(
        fixture_corpus / "sources" / "01-copy.md"
    )
    _break(fixture_corpus, "01-copy.md", "ref: 2", "ref: 1")
    with pytest.raises(CorpusError, match=r"field 'ref' 1 is already used"):
        load_corpus(fixture_corpus)


def test_file_name_must_match_ref(fixture_corpus: Path) -> None:
    _break(fixture_corpus, "02-shock-wave.md", "ref: 2", "ref: 3")
    with pytest.raises(
        CorpusError, match=r"02-shock-wave.md: field 'ref' is 3 but the file name says 02"
    ):
        load_corpus(fixture_corpus)


def test_gap_in_refs_is_refused(fixture_corpus: Path) -> None:
    (fixture_corpus / "sources" / "02-shock-wave.md").rename(
        fixture_corpus / "sources" / "03-shock-wave.md"
    )
    _break(fixture_corpus, "03-shock-wave.md", "ref: 2", "ref: 3")
    with pytest.raises(CorpusError, match=r"no card for ref 2"):
        load_corpus(fixture_corpus)


def test_every_cited_number_needs_a_card(fixture_corpus: Path) -> None:
    synthesis = fixture_corpus / "synthesis.md"
    synthesis.write_text(
        synthesis.read_text().replace("stretching fails2.", "stretching fails2 7.")
    )
    with pytest.raises(CorpusError, match=r"synthesis.md: cites ref 7 but no card"):
        load_corpus(fixture_corpus)


def test_missing_front_matter(fixture_corpus: Path) -> None:
    path = fixture_corpus / "sources" / "01-plantar-fasciitis.md"
    path.write_text(path.read_text().split("---\n", 2)[2])
    with pytest.raises(CorpusError, match=r"01-plantar-fasciitis.md: no front matter"):
        load_corpus(fixture_corpus)


def test_invalid_yaml(fixture_corpus: Path) -> None:
    _break(fixture_corpus, "01-plantar-fasciitis.md", "alternatives: []", "alternatives: [unclosed")
    with pytest.raises(
        CorpusError, match=r"01-plantar-fasciitis.md: front matter is not valid YAML"
    ):
        load_corpus(fixture_corpus)


def test_empty_body(fixture_corpus: Path) -> None:
    path = fixture_corpus / "sources" / "02-shock-wave.md"
    path.write_text(path.read_text().split("## Key findings")[0])
    with pytest.raises(CorpusError, match=r"02-shock-wave.md: the body is empty"):
        load_corpus(fixture_corpus)


def test_missing_synthesis_gives_a_hint(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path)
    assert "synthesis.md: not found" in caught.value.message
    assert caught.value.hint and "ASSISTANT_CORPUS_DIR" in caught.value.hint


def test_card_numbers_may_have_any_number_of_digits(fixture_corpus: Path) -> None:
    template = (fixture_corpus / "sources" / "02-shock-wave.md").read_text()
    for ref in range(3, 1001):
        name = f"{ref:02d}-added-card.md"
        text = template.replace("ref: 2", f"ref: {ref}", 1)
        (fixture_corpus / "sources" / name).write_text(text)
    corpus = load_corpus(fixture_corpus)
    assert [doc.ref for doc in corpus.cards] == list(range(1, 1001))
    assert corpus.reference(1000).title == "Shock wave therapy for chronic heel pain"
    (fixture_corpus / "sources" / "1000-added-card.md").rename(
        fixture_corpus / "sources" / "0999-added-card.md"
    )
    with pytest.raises(CorpusError, match=r"field 'ref' is 1000 but the file name says 0999"):
        load_corpus(fixture_corpus)


def test_condition_pictures_load_with_their_papers_and_count_in_the_version(
    fixture_corpus: Path,
) -> None:
    before = load_corpus(fixture_corpus)
    assert before.pictures == ()
    (fixture_corpus / "conditions.yaml").write_text(
        "shock wave candidate:\n  papers: [2]\n  names: [shock wave]\n"
        "  picture: [a heel that hurts with the first steps of the morning]\n"
    )
    after = load_corpus(fixture_corpus)
    (picture,) = after.pictures
    assert picture.doc_ids == (after.documents[2].doc_id,)
    assert picture.findings == ("a heel that hurts with the first steps of the morning",)
    assert after.version != before.version


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("x:\n  papers: [9]\n  picture: [a finding]\n", "no source card has ref 9"),
        ("x:\n  papers: [2]\n", "'picture' must be a list"),
        ("x:\n  papers: []\n  picture: [a finding]\n", "'papers' must list"),
        ("x: [unclosed\n", "not valid YAML"),
    ],
)
def test_a_broken_conditions_file_names_the_file_and_condition(
    fixture_corpus: Path, text: str, named: str
) -> None:
    (fixture_corpus / "conditions.yaml").write_text(text)
    with pytest.raises(CorpusError, match=named) as raised:
        load_corpus(fixture_corpus)
    assert "conditions.yaml" in str(raised.value)
