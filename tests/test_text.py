from assistant.text import Analyzer, jaccard, plain_words, split_sentences


def test_terms_drop_stopwords_and_stem() -> None:
    assert Analyzer().terms("How is the joint pain confirmed?") == ["joint", "pain", "confirm"]


def test_remembered_terms_are_not_changed_by_a_caller() -> None:
    analyzer = Analyzer({"si": "sacroiliac"})
    first = analyzer.terms("SI joint pain")
    first.append("fracture")
    assert analyzer.terms("SI joint pain") == ["sacroiliac", "joint", "pain"]


def test_synonyms_map_variants_to_the_canonical_term() -> None:
    analyzer = Analyzer({"si": "sacroiliac", "x-ray": "radiograph", "physio": "physical therapy"})
    assert analyzer.terms("SI joint X-ray physio") == [
        "sacroiliac",
        "joint",
        "radiograph",
        "physic",
        "therapi",
    ]


def test_hyphenated_words_split_unless_they_are_a_variant() -> None:
    assert Analyzer().terms("a 20-year-old man") == ["20", "year", "old", "man"]


def test_expand_adds_the_canonical_term_after_each_variant() -> None:
    analyzer = Analyzer({"si": "sacroiliac", "bum": "buttock"})
    assert (
        analyzer.expand("The SI joint, my bum.") == "The SI (sacroiliac) joint, my bum (buttock)."
    )
    assert Analyzer().expand("unchanged SI") == "unchanged SI"


def test_sentences_are_not_cut_after_abbreviations_or_decimals() -> None:
    text = "Smith et al. Found this. Phosphate was 0.27 mmol/L. Pain fell (p<0.01). Last one"
    assert split_sentences(text) == [
        "Smith et al. Found this.",
        "Phosphate was 0.27 mmol/L.",
        "Pain fell (p<0.01).",
        "Last one",
    ]


def test_jaccard() -> None:
    assert jaccard({"a", "b"}, {"b", "c"}) == 1 / 3
    assert jaccard(set(), {"a"}) == 0.0


def test_the_vocabulary_is_grouped_by_kind(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from assistant.text import load_kinds, load_synonyms

    path = tmp_path / "synonyms.yaml"
    path.write_text(
        "tests:\n  radiograph: [x-ray, plain films]\nconditions:\n  spinal stenosis: [lss]\n"
        "diagnosis: [confirm]\n",
        encoding="utf-8",
    )
    assert load_synonyms(path) == {
        "x-ray": "radiograph",
        "plain films": "radiograph",
        "lss": "spinal stenosis",
        "confirm": "diagnosis",
    }
    assert load_kinds(path) == {"radiograph": "tests", "spinal stenosis": "conditions"}


def test_the_real_vocabulary_maps_lay_words_and_abbreviations() -> None:
    from assistant.corpus.loader import load_corpus
    from tests.conftest import REAL_CORPUS

    corpus = load_corpus(REAL_CORPUS)
    analyzer = Analyzer(corpus.synonyms)
    assert analyzer.terms("hip dimple") == analyzer.terms("posterior superior iliac spine")
    assert analyzer.terms("SNRB") == analyzer.terms("selective nerve root block")
    assert analyzer.terms("iron drips") == analyzer.terms("ferric carboxymaltose")
    assert analyzer.terms("physiotherapy") == analyzer.terms("physical therapy")
    assert analyzer.terms("tumor") == analyzer.terms("tumour")
    assert analyzer.terms("how was the dx made") == analyzer.terms("how was the diagnosis made")
    assert analyzer.terms("LSCS") == analyzer.terms("caesarean")
    assert analyzer.terms("facetogenic") == analyzer.terms("facet joint")
    assert analyzer.terms("if it doesn't work") == analyzer.terms("if it fails")
    assert corpus.kinds["osteochondroma"] == "conditions"
    assert "physio" in corpus.topic_words() and "prevalence" not in corpus.topic_words()


def test_a_variant_inside_its_own_term_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from assistant.errors import CorpusError
    from assistant.text import load_synonyms

    path = tmp_path / "synonyms.yaml"
    path.write_text("tests:\n  selective nerve root block: [root block]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="part of the term itself"):
        load_synonyms(path)


def test_british_and_american_spellings_are_one_term() -> None:
    analyzer = Analyzer()
    assert analyzer.terms("localise mobilisation paralysed") == analyzer.terms(
        "localize mobilization paralyzed"
    )


def test_plain_words_ignore_markers_punctuation_and_case() -> None:
    shown = "Entrapment is reported in 1.6-14% of patients, according to this review [3]."
    assert plain_words(
        "entrapment is reported in 1.6-14% of patients, according to this review."
    ) in (plain_words(shown))
    assert plain_words("This review [1, 2] says so. [4]") == "this review says so"
