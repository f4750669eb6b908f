"""Numbers that are findings: a temperature, an age, weight lost and how long pain has lasted.

Each reader returns the concepts a number raises, with the words that raised it, in the
normalised text; the context rules then decide whether they are the patient's and current."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

FEVER_C = 38.0
FEVER_F = 100.4
# A measured temperature in this range is normal (37.5-37.9 C is not a fever, nor normal).
NORMAL_FROM_C, NORMAL_TO_C = 35.0, 37.5
NORMAL_FROM_F, NORMAL_TO_F = 95.0, 99.5
CHILD_AGE = 16
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3,
    "couple of": 2, "several": 3,
}  # fmt: skip
_NUMBER = (
    r"(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"few|couple of|several)"
)
_TEMPERATURE = re.compile(
    r"(?:\b(?:temp(?:erature)?s?|t|fever|pyrexi\w*|thermometer|febrile)\b\D{0,20}?)?"
    r"\b(\d{2,3}(?:[.,]\d)?)( and a half)?\s*(?:°|º|deg(?:rees?)?)?\s*"
    r"(c|f|celsius|fahrenheit|centigrade)?\b"
)
_TEMPERATURE_CUE = re.compile(r"temp|\bt\b|fever|pyrexi|thermometer|febrile|degree|°|º")
_AGE = re.compile(
    r"\b(\d{1,3})\s*(?:years?|yrs?|y)\s*(?:old\b|o\b|/o\b|young\b)|\b(\d{1,3})\s*yo\b|"
    r"(?<![\d.~])\b(\d{1,3})(?:m|f)\b(?!\s*(?:l|ml|g|kg|mg|cm|mm|miles?|off|from|up|down|high|drop|fall|onto)\b)|\b(\d{1,3})\s+(?:male|female)\b|"
    r"\b(\d{1,3}) years of age\b|\b(?:man|woman|gentleman|lady|person|patient) of (\d{1,3})\b|"
    r"\b(?:aged?|i am|he is|she is|who is|turned|just turned|son is|daughter is|child is|"
    r"(?:middle|eldest|oldest|youngest|little|older|younger|big) one is|"
    r"kid is|boy is|girl is|granddaughter is|grandson is|lad is|dad is|mum is|mom is|"
    r"toddler is|baby is|"
    r"father is|mother is|husband is|wife is|nan is|nana is|nanna is|gran is|granny is|"
    r"grandma is|grandmother is|grandad is|granddad is|grandpa is|grandfather is|"
    r"partner is|twins are|kids are|children are|boys are|girls are|dad|mum|mom|father|mother|"
    r"husband|wife|son|daughter|toddler|baby|child|kid|boy|girl|grandson|granddaughter|"
    r"grandmother|grandma|granny|gran|nan|nana|nanna|grandfather|grandad|granddad|grandpa)"
    r"(?:\s+|[,:]\s*)\(?(\d{1,3})\b"
    r"(?!\s*(?:kg|st|stone|lbs?|pounds|cm|%|weeks|days|months|\w+ ago\b)|/)|"
    r"\bin my (\d{2,3}) years\b|"
    r"\bme\s+(\d{1,3})\s*(?:years?|yrs?)\b(?!\s+(?:ago|of|since|back))|"
    r"\b(?:son|daughter|child|kid|boy|girl|he|she)\s+(?:has|have)\s+(\d{1,2})\s+years\b|"
    r"\bi have (1[6-9]|[2-9]\d|10\d) years\b(?! (?:ago|of|with|since|now|already|back|in|at|"
    r"as|on|for|working|experience)\b)|"
    r"\b(?:child|boy|girl|son|daughter|kid|toddler|baby)\s+(\d{1,2})\s*y\b"
)
# A referral's patient, named and aged between commas ("could you see Ayaan, 8, with a 5/52
# history", "re: Mrs Okafor, 71, who fell").
_AGE_REFERRED = re.compile(
    r"\b(?:see|review|assess|refer|referring|regarding|re:?)\s+"
    r"(?:(?:mr|mrs|ms|miss|master|dr)\.?\s+)?[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?,\s*(\d{1,3}),"
)
# An age told by the next birthday ("my little one turns 4 next month"): one year less.
_TURNS = re.compile(r"\bturns? (\d{1,2}) next (?:week|month)\b")
# An age opening a message or sentence, told as a fact about the writer ("83 and i slipped",
# "62 and a smoker", "55, ex-smoker", "73, smoke 20 a day").
_AGE_OPENING = re.compile(
    r"(?:^|(?<=[.!?;] ))\(?(\d{2,3})\)?(?=\s*(?:,|\band\b|&)\s*(?:i\b|a\b|an\b|ex\b|male\b|"
    r"female\b|smoker|non smoker|smoke\b|smokes\b|fit\b|otherwise\b|retired\b|never\b|on\b|been\b|"
    r"have\b|had\b|back\b|my\b|lower back\b))"
)
# Sex before age opening a message or a sentence, as a note or a text is signed ("m, 72.",
# "F/45 -"); never before a unit ("m 72kg").
_AGE_SEX_FIRST = re.compile(
    r"(?:^|(?<=[.!?;:] ))(?:m|f|male|female)\s*[,/]\s*(\d{2,3})\b"
    r"(?!\s*(?:kg|kgs|cm|mm|m|%|mg|lbs?|st|stone|bpm)\b)",
    re.IGNORECASE,
)
# An adult's age closing a message, after its last sentence ("...my back aches, 71"; "Anything
# for it? 39"): how people sign off a question with their age.
_AGE_CLOSING = re.compile(r"(?<=[,.!?;] )(1[6-9]|[2-9]\d|10\d)\s*[.!]?$")
# A message that is only an age, the reply to "how old are you?" ("68", "68 years old"; a
# child's with its unit or a half: "3 and a half", "4 yrs"); and an age with a half ("my 2 and a
# half year old").
_AGE_ALONE = re.compile(
    r"^(?:(1[6-9]|[2-9]\d|10\d)|(\d{1,2})(?= and a half| ?(?:y(?:ea)?rs?|yo)\b))"
    r"(?: and a half)?\s*(?:y(?:ea)?rs?(?: old)?|yo)?\s*[.!]?$"
)
_AGE_HALF = re.compile(r"\b(\d{1,2}) and a half\s*(?:years?|yrs?|y)\s*old\b")
# A young child's age in months: "the baby (18 months)", "my 20-month-old".
_AGE_MONTHS = re.compile(
    r"\b(?:baby|babies|toddler|infant|son|daughter|boy|girl|child|kid|grandson|granddaughter|"
    r"little one|twins)(?:'s| is| who is| are)?\s*[(,]?\s*(\d{1,2})\s*-?\s*(?:months?|mths?|mo)\b|"
    r"\b(\d{1,2})\s*-?\s*(?:months?|mths?|mo)\s*-?\s*old\b|"
    # a clinician's note: "23/12 F", "18/12 old"
    r"\b(\d{1,2})/12\s*(?:old\b|yo\b|[mf]\b)"
)
_TIME_UNIT = r"days?|weeks?|wks?|months?|mths?|years?|yrs?"
# "at 1 year" and "within 6 weeks" place a figure in time (a study's follow-up), not how long
# anything lasted.
_DURATION = re.compile(
    rf"(?<!\bat )(?<!\bwithin )\b{_NUMBER}\s*(?:\+\s*)?({_TIME_UNIT})\b(?!\s*(?:old|ago))|"
    r"(?<![\d/])(\d{1,2})/(52|12)\b"
)
# How long someone has been well ("he's been completely fine for a month"): no pain's length.
_WELL_FOR = re.compile(
    r"\b(?:fine|well|better|normal|pain free|symptom free|no pain|ok|okay|good|great)\s+"
    r"(?:for|over)\s+(?:the\s+(?:last|past)\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+)?$"
)
_WELL_FOR_CHARS = 50
# When something happened ("4 months ago"): a time, not how long anything lasted; read so the
# evidence check leaves it out with the rest of the story's numbers. No flag uses it.
_AGO = re.compile(rf"\b{_NUMBER}\s*(?:{_TIME_UNIT})\s+ago\b")
_WEIGHT = re.compile(
    r"\b(?:lost|losing|lose|loose|dropped|drop|shed|down|gone down|come off|came off|"
    r"weight loss of|wt loss of)\b\D{0,25}?"
    r"\b(\d+(?:\.\d+)?|a|half a|one|two|three|four|five|six|seven|eight|nine|ten)\s*"
    r"(kg|kgs|kilos?|kilograms?|lbs?|pounds?|stones?|st)\b"
)
_KG = {"kg": 1.0, "kgs": 1.0, "kilo": 1.0, "kilos": 1.0, "kilogram": 1.0, "kilograms": 1.0,
       "lb": 0.4536, "lbs": 0.4536, "pound": 0.4536, "pounds": 0.4536,
       "stone": 6.35, "stones": 6.35, "st": 6.35}  # fmt: skip
WEIGHT_LOSS_KG = 3.0
HEIGHT_LOSS_CM = 3.0
_HEIGHT = re.compile(r"\b(\d{3}(?:\.\d)?)\s*(?:cm|centimet(?:re|er)s?)\b")
_DAYS = {"day": 1, "week": 7, "wk": 7, "month": 30, "mth": 30, "year": 365, "yr": 365}


@dataclass(frozen=True)
class Reading:
    """A concept a number raised, where in the normalised text, and its words."""

    concept: str
    start: int
    end: int
    words: str


def read_measures(text: str) -> Iterator[Reading]:
    """Every concept the numbers in normalised `text` raise; a number read as an age is not
    also a duration ("my son has 6 years", "the baby (18 months)")."""
    yield from _temperatures(text)
    yield from _heights(text)
    yield from _residuals(text)
    yield from _psa(text)
    yield from _labs(text)
    yield from _aortas(text)
    yield from _fall_heights(text)
    ages = list(_ages(text))
    yield from ages
    yield from _weights(text)
    yield from _weighed_then_now(text)
    for duration in _durations(text):
        if not any(a.start < duration.end and duration.start < a.end for a in ages):
            yield duration
    for m in _AGO.finditer(text):
        yield Reading("time_ago", m.start(), m.end(), m.group())


def _temperatures(text: str) -> Iterator[Reading]:
    for m in _TEMPERATURE.finditer(text):
        value = float(m.group(1).replace(",", ".")) + (0.5 if m.group(2) else 0.0)
        unit = m.group(3)
        if not (unit or _TEMPERATURE_CUE.search(m.group()) or _bare_reading(m, text)):
            continue
        celsius = unit in ("c", "celsius", "centigrade") or (unit is None and value < 50)
        threshold = FEVER_C if celsius else FEVER_F
        if value >= threshold and value < (45 if celsius else 113):
            yield Reading("fever", m.start(), m.end(), m.group().strip())
        elif (
            (NORMAL_FROM_C if celsius else NORMAL_FROM_F)
            <= value
            < (NORMAL_TO_C if celsius else NORMAL_TO_F)
        ):
            yield Reading("normal_temperature", m.start(), m.end(), m.group().strip())


_OTHER_UNIT = re.compile(
    r"\s*(?:kg|st|lbs?|%|mm|ml|cm|mg|km|mi|miles|m|l|hours?|hrs?|mins?|minutes|secs?|years?|"
    r"yrs?|mmol|mph|bpm|kmh)\b"
)


def _bare_reading(match: re.Match[str], text: str) -> bool:
    """A number with one decimal in the range of body temperatures and no unit after it
    ("39.2 and my back hurts", "36.8 this morning", "38,5" with a decimal comma): how people
    write a thermometer reading."""
    value = match.group(1).replace(",", ".")
    after = text[match.end() : match.end() + 12]
    plausible = 35.0 <= float(value) < 43.0 or 95.0 <= float(value) < 108.0
    return "." in value and plausible and not _OTHER_UNIT.match(after)


# Concepts an age raises: (name, lowest age, highest age), inclusive and exclusive.
_AGE_BANDS = (
    ("child_patient", 0, CHILD_AGE),
    ("child_under_5", 0, 5),
    ("adult_age", CHILD_AGE, 111),
    ("adult_under_50", CHILD_AGE, 50),
    ("age_over_50", 50, 111),
    ("age_over_60", 60, 111),
    ("age_over_65", 65, 111),
    ("age_over_70", 70, 111),
)
AGE_CONCEPTS = frozenset(name for name, _, _ in _AGE_BANDS)
CHILD_CONCEPTS = frozenset({"child_patient", "child_under_5"})


def _ages(text: str) -> Iterator[Reading]:
    years = [
        (m, int(next(g for g in m.groups() if g)))
        for pattern in (
            _AGE,
            _AGE_OPENING,
            _AGE_SEX_FIRST,
            _AGE_CLOSING,
            _AGE_ALONE,
            _AGE_HALF,
            _AGE_REFERRED,
        )
        for m in pattern.finditer(text)
    ]
    months = [(m, int(next(g for g in m.groups() if g)) // 12) for m in _AGE_MONTHS.finditer(text)]
    months += [(m, int(m.group(1)) - 1) for m in _TURNS.finditer(text)]
    for m, age in years + months:
        for concept, low, high in _AGE_BANDS:
            if low <= age < high:
                yield Reading(concept, m.start(), m.end(), m.group())


def _heights(text: str) -> Iterator[Reading]:
    """Two heights in one message that differ by HEIGHT_LOSS_CM or more ("160 cm today, 168 cm
    in 2015"): the spine losing height, as vertebrae collapse."""
    found = [m for m in _HEIGHT.finditer(text) if 120 <= float(m.group(1)) <= 220]
    values = [float(m.group(1)) for m in found]
    if len(values) >= 2 and max(values) - min(values) >= HEIGHT_LOSS_CM:
        yield Reading(
            "height_loss",
            found[0].start(),
            found[-1].end(),
            text[found[0].start() : found[-1].end()],
        )


# What a bladder scan finds left after passing urine ("PVR 650ml", "residual of 400 mls"): over
# RETAINED_ML is retention, a sign of cauda equina compression.
_RESIDUAL = re.compile(
    r"\b(?:pvr|post ?void(?: residual)?|residual(?: volume)?|bladder scan(?:ned)?)\b\D{0,25}?"
    r"(\d{2,4})\s*(?:ml|mls|cc)\b"
)
RETAINED_ML = 200


# How far someone fell ("fell ~2m off the piste edge", "came off a 10 foot ladder"): from a
# metre or three feet up is a dangerous mechanism (the Canadian C-spine rule's threshold).
# A figure something fell *to* ("my walking distance has dropped to 50 m") is no height.
_FALL_HEIGHT = re.compile(
    r"\b(?:fell|fall|fallen|falling|came off|come off|slipped off|jumped|landed|"
    r"came down|come down|went down|tumbled|plunged)\b"
    r"(\D{0,25}?)(?<!\bto )(\d+(?:\.\d+)?)\s*(m|metres?|meters?|ft|feet|foot)\b"
)
DANGEROUS_FALL_M = 1.0
NO_FALL_M = 100.0  # from here a figure is a distance walked, not a height fallen
AGE_SEX_FROM = 12  # "19m" may be a 19-year-old man; "3m" is a height
# What may stand between a fall and its height when the figure could also be an age and sex
# ("fell over at football lol 19m" is a 19-year-old man; "fell about 12m" is a height).
_HEIGHT_GAP = re.compile(
    r"(?:\s|[,~(]|\b(?:about|around|roughly|approx\w*|nearly|almost|over|some|a|an|the|from|"
    r"off|down|of|at|least|like|maybe|onto|into|just|under)\b)*"
)


def _metres(m: re.Match[str]) -> float:
    return float(m.group(2)) * (0.3048 if m.group(3).startswith("f") else 1.0)


def _fall_heights(text: str) -> Iterator[Reading]:
    ages = {
        m.start(3) for m in _AGE.finditer(text) if m.group(3) and int(m.group(3)) >= AGE_SEX_FROM
    }
    for m in _FALL_HEIGHT.finditer(text):
        if m.start(2) in ages and not _HEIGHT_GAP.fullmatch(m.group(1)):
            continue
        if DANGEROUS_FALL_M <= _metres(m) < NO_FALL_M:
            yield Reading("fall_from_height", m.start(), m.end(), m.group())


# A PSA over PSA_RAISED ng/ml ("PSA 48", "psa was high, fourteen", which the normaliser has made
# 14): with new back pain, prostate cancer that may have spread to the spine. A year after "PSA"
# ("PSA in 2019 was 3") is no value, nor a number after the question that names it ("should I
# get a PSA? I'm 28"); of a rise ("from 4 to 19", "2 then 9") the value reached.
_PSA_WORDS = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
              "twelve": 12}  # fmt: skip
_PSA = re.compile(
    rf"\bpsa\b(?:[^\d?!](?!\bpsa\b)){{0,45}}?"
    r"(?:\b(?:from )?\d+(?:\.\d+)?\s*(?:to|then|and now|now|->)\s+)?"
    rf"\b(\d+(?:\.\d+)?|{'|'.join(_PSA_WORDS)})\b"
    r"(?!\s*(?:%|years?|yrs?|months?|weeks?|days?|mg|ml\b))"
)
PSA_RAISED = 4.0
# An aorta measured wider than AORTA_DILATED_CM ("bedside USS: aorta 6.1cm", "AAA 55 mm") is an
# aneurysm.
_AORTA = re.compile(r"\b(?:aorta|aortic(?: diameter)?|aaa)\b\D{0,25}?(\d+(?:\.\d+)?)\s*(cm|mm)\b")
AORTA_DILATED_CM = 3.0


def _psa(text: str) -> Iterator[Reading]:
    for m in _PSA.finditer(text):
        word = m.group(1)
        value = float(_PSA_WORDS.get(word, 0)) or float(word)
        if PSA_RAISED < value < 10000 and not (1900 <= value < 2100 and word.isdigit()):
            yield Reading("raised_psa", m.start(), m.end(), m.group())


# Blood results that point to a serious cause of back pain: a high calcium (myeloma or cancer in
# bone), an ESR of 50 mm/h or more (the cancer screen's threshold), a CRP of 50 mg/L or more (a
# spinal infection). A value is read only next to its test's name, with a decimal point for a
# calcium in mmol/L or "mg/dl" for one in mg/dL; "Ca" alone also names a cancer ("Ca breast").
_CALCIUM = re.compile(
    r"\b(?:(?:adj(?:usted)?|corr(?:ected)?|serum)\s*)?(?:calcium|ca)\b[^\d\n]{0,15}?"
    r"\b(\d\.\d{1,2}|\d{2}(?:\.\d)?)\s*(mg ?/ ?dl)?"
    r"(?!\s*(?:%|years?|yrs?|months?|weeks?|days?|mg\b))"
)
CALCIUM_HIGH_MMOL = 2.65
CALCIUM_HIGH_MG_DL = 10.6
_MARKER = re.compile(
    r"\b(esr|crp)\b[^\d\n]{0,15}?\b(\d{2,3}(?:\.\d)?)\b"
    r"(?!\s*(?:%|years?|yrs?|months?|weeks?|days?|hours?|hrs?|ago)\b)"
)
MARKER_HIGH = 50.0


def _labs(text: str) -> Iterator[Reading]:
    for m in _CALCIUM.finditer(text):
        value, decimal = float(m.group(1)), "." in m.group(1)
        mmol = decimal and CALCIUM_HIGH_MMOL <= value <= 5.0 and not m.group(2)
        mg_dl = (decimal or m.group(2)) and CALCIUM_HIGH_MG_DL <= value <= 20.0
        if mmol or mg_dl:
            yield Reading("high_calcium", m.start(), m.end(), m.group())
    for m in _MARKER.finditer(text):
        if MARKER_HIGH <= float(m.group(2)) < 1000:
            yield Reading(f"{m.group(1)}_very_high", m.start(), m.end(), m.group())
            yield Reading("raised_markers", m.start(), m.end(), m.group())


def _aortas(text: str) -> Iterator[Reading]:
    for m in _AORTA.finditer(text):
        cm = float(m.group(1)) / (10 if m.group(2) == "mm" else 1)
        if AORTA_DILATED_CM <= cm < 20:
            yield Reading("aorta_dilated", m.start(), m.end(), m.group())


def _residuals(text: str) -> Iterator[Reading]:
    for m in _RESIDUAL.finditer(text):
        if float(m.group(1)) >= RETAINED_ML:
            yield Reading("urinary_retention", m.start(), m.end(), m.group())


def _weights(text: str) -> Iterator[Reading]:
    for m in _WEIGHT.finditer(text):
        amount = {"a": 1.0, "half a": 0.5}.get(m.group(1)) or _number(m.group(1))
        if amount * _KG[m.group(2)] >= WEIGHT_LOSS_KG:
            yield Reading("weight_loss", m.start(), m.end(), m.group())


_WEIGHED = re.compile(r"\b(\d{2,3}(?:\.\d)?)\s*(kg|kgs|kilos?|lbs?|pounds?)\b")
_BEFORE = re.compile(r"\b(was|were|used to be|from|before|ago|last year|in the summer|then)\b")


def _weighed_then_now(text: str) -> Iterator[Reading]:
    """Two weights compared ("68kg today; in the summer I was 76kg"): the drop, if large."""
    found = list(_WEIGHED.finditer(text))
    if len(found) != 2 or found[0].group(2)[0] != found[1].group(2)[0]:
        return
    first, second = (float(m.group(1)) for m in found)
    between = text[found[0].end() : found[1].start()]
    then, now = (second, first) if _BEFORE.search(between) else (first, second)
    if (then - now) * _KG[found[0].group(2)] >= WEIGHT_LOSS_KG:
        yield Reading(
            "weight_loss", found[0].start(), found[1].end(), text[found[0].start() : found[1].end()]
        )


def _durations(text: str) -> Iterator[Reading]:
    for m in _DURATION.finditer(text):
        if _WELL_FOR.search(text[max(0, m.start() - _WELL_FOR_CHARS) : m.start()]):
            continue
        if m.group(3):
            days = int(m.group(3)) * (7 if m.group(4) == "52" else 30)
        else:
            days = int(_number(m.group(1)) * _DAYS[m.group(2).rstrip("s")])
        if days > 28:
            yield Reading("lasting_over_4_weeks", m.start(), m.end(), m.group())


def _number(word: str) -> float:
    return float(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else float(word)
