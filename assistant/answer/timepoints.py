"""The time points a question asks a figure at ("at 1 year", "by 6 months", "a 2-year
follow-up") and those a sentence tells, in weeks: a figure asked at one time is not answered by
a figure told at another ("a good response at 1 year?" is not "...by 12 weeks")."""

from __future__ import annotations

import re

TOLERANCE = 0.15  # "3 months" is "12 weeks"; "6 months" is not "12 weeks"
_WEEKS = {"d": 1 / 7, "w": 1.0, "m": 52 / 12, "y": 52.0}
_SPELLED = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "eight": 8, "ten": 10, "twelve": 12, "eighteen": 18,
}  # fmt: skip
_AMOUNT = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(_SPELLED) + ")"
_UNIT = r"(?P<unit>days?|weeks?|wks?|months?|mths?|years?|yrs?)"
# Asked at a time: a preposition that places it ("over 50 years" is an age, so not "over").
_ASKED = (
    re.compile(rf"\b(?:at|after|by|within)\s+{_AMOUNT}[\s-]*{_UNIT}\b", re.IGNORECASE),
    re.compile(rf"\b{_AMOUNT}[\s-]*{_UNIT}\s+(?:follow[\s-]?up|post[\s-]?op)\b", re.I),
)
_TOLD = re.compile(rf"\b{_AMOUNT}[\s-]*{_UNIT}\b", re.IGNORECASE)


def asked_at(question: str) -> list[float]:
    """The time points the question places its figure at, in weeks."""
    return [_weeks(m) for pattern in _ASKED for m in pattern.finditer(question)]


def told_at(sentence: str) -> list[float]:
    """Every time span or point the sentence names, in weeks."""
    return [_weeks(m) for m in _TOLD.finditer(sentence)]


def same_time(asked: list[float], told: list[float]) -> bool:
    return any(abs(a - t) <= TOLERANCE * max(a, t) for a in asked for t in told)


def _weeks(found: re.Match[str]) -> float:
    amount = found["n"].lower()
    number = float(_SPELLED.get(amount, 0) or amount)
    return number * _WEEKS[found["unit"][0].lower()]
