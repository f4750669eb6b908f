"""The red-flag knowledge base (red_flags.yaml), typed and checked when it is loaded."""

from __future__ import annotations

from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.safety.measures import AGE_CONCEPTS

Urgency = Literal["emergency", "same_day"]
RANK: dict[str, int] = {"emergency": 2, "same_day": 1}
# Concepts a number raises (measures.py), and the one the conversation policy adds.
MEASURED = AGE_CONCEPTS | {
    "fever",
    "normal_temperature",
    "weight_loss",
    "lasting_over_4_weeks",
    "urinary_retention",
    "fall_from_height",
    "raised_psa",
    "aorta_dilated",
}
ANY_OTHER_FLAG = "any_other_flag"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Family(_Model):
    """A group of flags: what the checklist names and a classifier-raised flag says."""

    label: str
    described: str = Field(description="The flag's name when the classifier raised it.")
    suggests: str
    urgency: Urgency
    guidelines: list[str]
    checklist: str = Field(description="The plain-words checklist line for patients.")
    clinician: str = Field(description="The red flags to exclude, for clinicians.")
    quick_reply: str = Field(description="What choosing this group in a checklist sends.")
    clinician_reply: str = Field(description="The same, in a clinician's words.")
    evidence: list[str] = Field(
        description="Words a corpus sentence must contain to be shown under this family's banner."
    )
    described_unless: list[str] = Field(
        [], description="Concepts that explain away a flag of this family the classifier raised."
    )
    named_by: list[str] = Field(
        [],
        description="Term classes that name the family's diagnosis: a clause the classifier "
        "flags that names it with worry or doubt tells a fear, not a finding.",
    )


class Concept(_Model):
    """A finding in one sentence: any rule (term classes near each other) raises it."""

    rules: list[list[str]]
    window: int = 6
    diagnosis: bool = False
    history_counts: bool = False
    literal: bool = Field(False, description="Read as written, without the context rules.")
    intentional_voids: bool = Field(False, description="Done on purpose, it is no finding.")
    ordered: bool = Field(False, description="The rule's classes occur in the order written.")
    located: bool = Field(
        False, description="Has a place in the body, so one named elsewhere (a hand) voids it."
    )
    finding: bool = Field(
        True,
        description="A red-flag mention, kept out of what the evidence check weighs; false "
        "for a concept that only qualifies others (that the back is named at all).",
    )


class Flag(_Model):
    """What the urgent message names, raised by any one set of concepts in `when`."""

    id: str
    family: str
    name: str
    when: list[list[str]]
    unless: list[str] = Field([], description="Concepts that explain it away (a known cause).")
    suggests: str | None = None
    urgency: Urgency | None = None
    guidelines: list[str] | None = None


class KnowledgeBase(_Model):
    guidelines: dict[str, str]
    families: dict[str, Family]
    concepts: dict[str, Concept]
    flags: list[Flag]

    @model_validator(mode="after")
    def _references_resolve(self) -> KnowledgeBase:
        known = set(self.concepts) | MEASURED | {ANY_OTHER_FLAG}
        for flag in self.flags:
            if flag.family not in self.families:
                raise ValueError(f"flag {flag.id}: unknown family {flag.family!r}")
            unknown = ({c for group in flag.when for c in group} | set(flag.unless)) - known
            if unknown:
                raise ValueError(f"flag {flag.id}: unknown concepts {sorted(unknown)}")
        for name, family in self.families.items():
            if set(family.described_unless) - known:
                raise ValueError(f"family {name}: unknown concepts in described_unless")
        cited = {g for f in self.families.values() for g in f.guidelines} | {
            g for f in self.flags for g in f.guidelines or []
        }
        if cited - set(self.guidelines):
            raise ValueError(f"undefined guidelines {sorted(cited - set(self.guidelines))}")
        return self

    def term_classes(self) -> set[str]:
        return {term for c in self.concepts.values() for rule in c.rules for term in rule}


def load_yaml(name: str) -> dict[str, object]:
    """A data file shipped in this package."""
    text = resources.files("assistant.safety").joinpath(name).read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name} must be a mapping")
    return data


def load_knowledge() -> KnowledgeBase:
    return KnowledgeBase.model_validate(load_yaml("red_flags.yaml"))
