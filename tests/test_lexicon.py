"""The lexicon's phrase syntax compiles to spaCy Matcher patterns, and the data files agree."""

from assistant.safety.flags import load_knowledge, load_yaml
from assistant.safety.lexicon import compile_phrase, phrases


def test_phrase_syntax() -> None:
    assert compile_phrase("can not/could not feel") == [
        {"LOWER": "can"},
        {"LOWER": {"IN": ["not", "could"]}},
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
