from assistant.text import Analyzer, jaccard, split_sentences


def test_terms_drop_stopwords_and_stem() -> None:
    assert Analyzer().terms("How is the joint pain confirmed?") == ["joint", "pain", "confirm"]


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
