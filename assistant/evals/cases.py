"""The case file format (YAML list), validated with messages that name the case and field."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from assistant.conversation import Turn
from assistant.errors import AssistantError
from assistant.schema import Ref

CaseKind = Literal["answer", "red_flag", "out_of_scope", "unanswerable", "no_alarm"]
KINDS: tuple[CaseKind, ...] = ("answer", "red_flag", "out_of_scope", "unanswerable", "no_alarm")
QuestionForm = Literal[
    "comparison", "multi_part", "vignette", "yes_no", "definition", "figure", "follow_up",
    "lay_words",
]  # fmt: skip


class Fact(BaseModel):
    """Something a correct answer says: any one of the alternatives, verbatim. A `lead` fact
    is the direct answer, which the answer's first sentence must give."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    any: list[str] = Field(min_length=1)
    lead: bool = False

    def found_in(self, text: str) -> bool:
        lowered = text.lower()
        return any(alt.lower() in lowered for alt in self.any)


class EvalFileError(AssistantError):
    """A case or thresholds file cannot be read or does not follow its format."""

    exit_code = 2


class Case(BaseModel):
    """One question and what a correct reply must contain (answer) or be (the other kinds)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    kind: CaseKind
    question: str = Field(min_length=1)
    history: list[Turn] = []
    facts: list[Fact] = Field(
        [],
        description="Each fact: alternatives, any one of which the answer must contain; written "
        "as a list, or as {any: [...], lead: true}.",
    )
    sources: list[Ref] = Field([], description="Refs a correct answer may cite.")
    forbidden: list[str] = Field([], description="Substrings the answer must not contain.")
    family: str | None = Field(
        None,
        description="red_flag: the red-flag family that must be raised; no_alarm: the family "
        "the message is a near-miss of.",
    )
    voice: Literal["patient", "clinician"] | None = None
    form: QuestionForm | None = Field(None, description="The question's form, for reports.")

    @field_validator("facts", mode="before")
    @classmethod
    def _plain_lists_are_facts(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"any": f} if isinstance(f, list) else f for f in value]
        return value

    @property
    def leads(self) -> list[Fact]:
        """The facts the first sentence must give (none marked: no such demand)."""
        return [fact for fact in self.facts if fact.lead]

    @model_validator(mode="after")
    def _facts_belong_to_answers(self) -> Case:
        if self.kind == "answer" and not (self.facts and self.sources):
            raise ValueError("an answer case needs 'facts' and 'sources'")
        if self.kind != "answer" and (self.facts or self.sources):
            raise ValueError(f"a {self.kind} case has no 'facts' or 'sources'")
        if any(not all(alt.strip() for alt in fact.any) for fact in self.facts):
            raise ValueError("every fact needs at least one non-empty alternative")
        return self


def load_cases(path: Path) -> list[Case]:
    """All cases in the file, in order; ids must be unique."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise EvalFileError(f"{path}: cannot be read as YAML ({exc})") from exc
    if not isinstance(data, list) or not data:
        raise EvalFileError(f"{path}: must be a non-empty YAML list of cases")
    cases = [_case(item, index, path) for index, item in enumerate(data)]
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise EvalFileError(f"{path}: case id '{case.id}' is used twice")
        seen.add(case.id)
    return cases


def _case(item: object, index: int, path: Path) -> Case:
    name = item.get("id", f"#{index + 1}") if isinstance(item, dict) else f"#{index + 1}"
    try:
        return Case.model_validate(item)
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(map(str, e['loc'])) or '(case)'}': {e['msg']}" for e in exc.errors()
        )
        raise EvalFileError(f"{path}: case '{name}': {problems}") from exc
