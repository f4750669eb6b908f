"""What one message shows: findings (concept, words, signal, status) and the reading of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.safety.context import Category, Modifier
from assistant.safety.flags import Concept

Signal = Literal["rule", "number", "classifier"]
# A finding is affirmed, or what its context makes of it.
Status = Category | Literal["affirmed"]
_HISTORY_COUNTS = frozenset({"cancer", "aneurysm"})


@dataclass(frozen=True)
class Finding:
    """A concept in one message: what raised it, and whether it holds for the patient now."""

    concept: str
    words: str
    signal: Signal
    status: Status
    cues: tuple[str, ...] = ()
    span: tuple[int, int] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Reading:
    """Everything read from one message."""

    findings: tuple[Finding, ...]
    mentions_own_back_pain: bool
    mentions_back_pain: bool
    describes_a_patient: bool
    about_someone_else: bool
    asks_for_warning_signs: bool
    corrects: bool = False
    names_another: bool = False
    pain_told_of_another: bool = False
    # names a child and no pet or stranger ("our 2 year old cocker" is a dog)
    names_a_child: bool = False
    # gives a reason for a weight ("it's the diet my dietitian gave me, 3 kg in 3 months")
    explains_weight: bool = False
    masked: str = field(repr=False, default="")
    tokens: frozenset[str] = field(repr=False, default=frozenset())

    @property
    def hands_story_on(self) -> bool:
        """A correction that names someone else ("sorry, autofill, it's my son who has it"):
        what was told before is theirs, not the writer's."""
        return self.corrects and self.names_another


def decide(concept: Concept, categories: set[Category]) -> Status:
    """The first category that changes what the finding means, in order of precedence."""
    voiding: list[tuple[Category, bool]] = [
        ("negated", True),
        ("hypothetical", True),
        ("other", True),
        ("historical", not concept.history_counts),
        ("family", True),
        ("child", True),
        ("elsewhere", concept.located),
        ("uncertain", concept.diagnosis),
        ("intentional", concept.intentional_voids),
    ]
    for category, applies in voiding:
        if applies and category in categories:
            return category
    return "affirmed"


def classified_status(family: str, cues: Sequence[Modifier]) -> Status:
    """A clause the classifier flagged, read like a finding of its family."""
    concept = Concept(
        rules=[], history_counts=family in _HISTORY_COUNTS, intentional_voids=family == "cancer"
    )
    return decide(concept, {m.category for m in cues} - {"uncertain"})


def cue_texts(mods: Sequence[Modifier]) -> tuple[str, ...]:
    return tuple(f"{m.category}: {m.text}" for m in mods)
