"""Red-flag triage over the whole conversation, from the criteria in red_flags.yaml."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from assistant.prompts import Prompts
from assistant.safety.negation import is_negated, negated_extent, negation_cue
from assistant.schema import RedFlagHit, TriageReport

Urgency = Literal["emergency", "same_day"]
_RANK: dict[str, int] = {"emergency": 2, "same_day": 1}


class RedFlag(BaseModel):
    """One criterion as the data file states it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    family: str
    name: str
    suggests: str
    urgency: Urgency
    guidelines: list[str]
    patterns: list[str] = []
    all_of: list[list[str]] = []
    normal: list[str] = []


@dataclass(frozen=True)
class _Compiled:
    flag: RedFlag
    groups: list[list[re.Pattern[str]]]
    normal: list[re.Pattern[str]]


class Triage:
    """Finds the red flags a conversation mentions (not negated) and words the urgent message."""

    def __init__(self, prompts: Prompts) -> None:
        data = yaml.safe_load(
            resources.files("assistant.safety").joinpath("red_flags.yaml").read_text("utf-8")
        )
        self.guidelines: dict[str, str] = data["guidelines"]
        self._flags = [_compile(RedFlag.model_validate(item)) for item in data["flags"]]
        self._prompts = prompts
        unknown = {g for c in self._flags for g in c.flag.guidelines} - set(self.guidelines)
        if unknown:
            raise ValueError(f"red_flags.yaml cites undefined guidelines {sorted(unknown)}")

    def assess(self, messages: Sequence[str], audience: str) -> TriageReport | None:
        """The red flags in the user's messages, most urgent first; None when there are none."""
        hits = [hit for compiled in self._flags if (hit := _hit(compiled, messages))]
        if not hits:
            return None
        hits.sort(key=lambda h: -_RANK[h.urgency])
        urgency = hits[0].urgency
        return TriageReport(
            urgency=urgency, flags=hits, message=self._message(hits, urgency, audience)
        )

    def _message(self, hits: Sequence[RedFlagHit], urgency: str, audience: str) -> str:
        """Names every flag recognised, what it can mean, and where to go."""
        return self._prompts.render(
            "urgent",
            flags=_join([hit.name for hit in hits]),
            suggests=" or ".join(dict.fromkeys(hit.suggests for hit in hits)),
            action=self._prompts.render(f"urgent_{urgency}_{audience}"),
        )

    def mask(self, text: str) -> str:
        """`text` without its red-flag mentions: a mention, a negated clause around one ("I
        haven't had a fall or an accident") or a normal finding ("afebrile"), so the rest of the
        pipeline judges the question on what else it asks."""
        spans = [
            _mention_span(text, m)
            for compiled in self._flags
            for pattern in [*(p for g in compiled.groups for p in g), *compiled.normal]
            for m in pattern.finditer(text)
        ]
        kept, cursor = [], 0
        for start, end in sorted(spans):
            kept.append(text[cursor : max(start, cursor)])
            cursor = max(cursor, end)
        kept.append(text[cursor:])
        return " ".join(" ".join(kept).split())


def _mention_span(text: str, match: re.Match[str]) -> tuple[int, int]:
    cue = negation_cue(text, match.start())
    if cue is None:
        return match.start(), match.end()
    return cue, negated_extent(text, match.end())


def _compile(flag: RedFlag) -> _Compiled:
    groups = [flag.patterns] if flag.patterns else flag.all_of
    return _Compiled(
        flag=flag,
        groups=[[re.compile(p, re.IGNORECASE) for p in group] for group in groups],
        normal=[re.compile(p, re.IGNORECASE) for p in flag.normal],
    )


def _hit(compiled: _Compiled, messages: Sequence[str]) -> RedFlagHit | None:
    """The flag, if every one of its pattern groups has a mention that is not negated."""
    found: list[str] = []
    for group in compiled.groups:
        mention = _first_mention(group, messages)
        if mention is None:
            return None
        found.append(mention)
    flag = compiled.flag
    return RedFlagHit(
        id=flag.id,
        family=flag.family,
        name=flag.name,
        suggests=flag.suggests,
        urgency=flag.urgency,
        guidelines=flag.guidelines,
        matched=" / ".join(found),
    )


def _first_mention(group: list[re.Pattern[str]], messages: Sequence[str]) -> str | None:
    for message in messages:
        for pattern in group:
            for match in pattern.finditer(message):
                if not is_negated(message, match.start()):
                    return match.group()
    return None


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{'; '.join(items[:-1])}; and {items[-1]}"
