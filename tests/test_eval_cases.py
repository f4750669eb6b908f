"""The case file format, its validation messages, and the coverage of our own suite."""

from collections import Counter
from pathlib import Path

import pytest

from assistant.evals.cases import EvalFileError, load_cases
from assistant.settings import PROJECT_ROOT

SUITE = PROJECT_ROOT / "evals" / "cases.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(text)
    return path


def test_a_minimal_file_loads(tmp_path: Path) -> None:
    cases = load_cases(
        write(
            tmp_path,
            """
- id: one
  kind: answer
  question: How is it confirmed?
  history:
    - {role: user, content: "Tell me about SI joint pain"}
  facts: [["inject"]]
  sources: [6, "synthesis"]
- id: two
  kind: out_of_scope
  question: Write a poem
  forbidden: ["roses"]
""",
        )
    )
    assert [c.id for c in cases] == ["one", "two"]
    assert cases[0].sources == [6, "synthesis"]
    assert cases[0].history[0].role == "user"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {id: a, kind: answer, question: q}", "case 'a': field '(case)'"),
        ("- {id: a, kind: guess, question: q}", "case 'a': field 'kind'"),
        ("- {id: a, kind: red_flag, question: q, facts: [[x]]}", "a red_flag case has no 'facts'"),
        (
            "- {id: a, kind: answer, question: q, facts: [[x]], sources: [1], colour: red}",
            "field 'colour'",
        ),
        (
            "- {id: a, kind: out_of_scope, question: q}\n"
            "- {id: a, kind: out_of_scope, question: r}",
            "'a' is used twice",
        ),
        (
            "- {id: a, kind: answer, question: q, facts: [[]], sources: [1]}",
            "field 'facts.0.any'",
        ),
        ("just text", "must be a non-empty YAML list"),
        ("- [unclosed", "cannot be read as YAML"),
    ],
)
def test_invalid_files_name_the_case_and_field(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(EvalFileError) as caught:
        load_cases(write(tmp_path, text))
    assert message in caught.value.message
    assert caught.value.exit_code == 2


def test_our_suite_covers_every_ref_kind_and_conversation() -> None:
    cases = load_cases(SUITE)
    kinds = Counter(c.kind for c in cases)
    assert len(cases) >= 80
    assert kinds["red_flag"] >= 12 and kinds["out_of_scope"] >= 10 and kinds["unanswerable"] >= 10
    answer_cases = [c for c in cases if c.kind == "answer"]
    for ref in range(1, 11):
        assert sum(ref in c.sources for c in answer_cases) >= 4, ref
    assert sum(c.id.startswith("syn-") for c in answer_cases) >= 6
    assert sum(bool(c.history) for c in answer_cases) >= 6
    assert sum(c.id.startswith("neg-") for c in answer_cases) >= 4
