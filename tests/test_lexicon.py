"""The lexicon's phrase syntax compiles to spaCy Matcher patterns, and the data files agree."""

import pytest

from assistant.safety.flags import load_knowledge, load_yaml
from assistant.safety.lexicon import compile_phrase, phrases


def test_phrase_syntax() -> None:
    assert compile_phrase("can/could not feel") == [
        {"LOWER": {"IN": ["can", "could"]}},
        {"LOWER": "not"},
        {"LOWER": "feel"},
    ]
    assert compile_phrase("numb* my? ... 3/5") == [
        {"LOWER": {"REGEX": "^(numb.*)$"}},
        {"LOWER": "my", "OP": "?"},
        {"OP": "{0,3}"},
        {"LOWER": "3/5"},
    ]
    assert compile_phrase("incontinence~") == [{"LOWER": {"FUZZY1": "incontinence"}}]
    assert phrases(["a | b c", "d"]) == ["a", "b c", "d"]


def test_every_term_class_a_rule_uses_is_defined() -> None:
    lexicon = load_yaml("lexicon.yaml")
    assert load_knowledge().term_classes() <= set(lexicon)


def test_every_family_has_a_checklist_line_and_quick_replies() -> None:
    for family in load_knowledge().families.values():
        assert family.checklist and family.quick_reply and family.clinician_reply


def test_literal_phrases_expand_to_every_token_sequence() -> None:
    from assistant.safety.lexicon import literal_forms

    assert literal_forms("can not/could not feel") == [
        ["can", "not", "not", "feel"],
        ["can", "could", "not", "feel"],
    ]
    assert literal_forms("power 3/5") == [["power", "3/5"]]
    assert literal_forms("numb* there") is None
    assert literal_forms("my? back") is None
    assert literal_forms("foot ... drop") is None
    assert literal_forms("leg and foot") is None


def test_a_limb_may_be_told_with_its_side() -> None:
    from assistant.safety.lexicon import TermMatcher
    from assistant.safety.nlp import blank_pipeline, normalise

    nlp = blank_pipeline()
    matcher = TermMatcher(nlp, {"DROP": ["dragging his/her foot | foot ... slaps"]})

    def found(text: str) -> bool:
        return bool(matcher(nlp(normalise(text))))

    assert found("he is dragging his left foot")
    assert found("dragging her R foot since Friday")
    assert found("my right foot sort of slaps")
    assert not found("dragging his left arm")


def test_its_before_what_only_it_is_can_precede_is_it_is() -> None:
    from assistant.safety.nlp import normalise

    assert normalise("now its the whole shin, its getting worse") == (
        "now it is the whole shin, it is getting worse"
    )
    assert normalise("the dog hurt its leg") == "the dog hurt its leg"


def test_the_split_matcher_finds_what_the_pattern_matcher_alone_finds() -> None:
    """Every phrase through spaCy's Matcher alone, against the phrase/pattern split, on the
    user messages of every red-flag case file."""
    from pathlib import Path

    import yaml
    from spacy.matcher import Matcher

    from assistant.safety.lexicon import TermMatcher
    from assistant.safety.nlp import blank_pipeline, normalise

    nlp = blank_pipeline()
    classes = {k: v for k, v in load_yaml("lexicon.yaml").items() if isinstance(v, list)}
    reference = Matcher(nlp.vocab)
    for name, entries in classes.items():
        reference.add(name, [compile_phrase(p) for p in phrases(entries)])
    split = TermMatcher(nlp, classes)
    folder = Path(__file__).parent.parent / "evals" / "red_flags"
    texts = [case["question"] for path in sorted(folder.glob("*.yaml")) for case in
             yaml.safe_load(path.read_text(encoding="utf-8"))]  # fmt: skip
    for text in texts:
        doc = nlp(normalise(text))
        expected = {(nlp.vocab.strings[k], s, e) for k, s, e in reference(doc)}
        assert {(m.term, m.start, m.end) for m in split(doc)} == expected, text


def test_alternatives_written_as_two_phrases_in_one_token_are_refused() -> None:
    with pytest.raises(ValueError, match="one token's alternatives"):
        phrases(["can not/could not control"])
    assert phrases(["can/could not control | 3/52"]) == ["can/could not control", "3/52"]
