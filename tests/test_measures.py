"""Numbers that are findings: temperature, age, weight lost, duration."""

import pytest

from assistant.safety.measures import read_measures
from assistant.safety.nlp import normalise


def concepts(text: str) -> set[str]:
    return {r.concept for r in read_measures(normalise(text))}


@pytest.mark.parametrize(
    "text",
    ["temp 38.4", "T 39.1, HR 110", "101.3F", "39 degrees", "temperature was 100.5 °F", "38.9c",
     "39.2 and my back hurts so much"],
)  # fmt: skip
def test_fever_in_celsius_and_fahrenheit(text: str) -> None:
    assert "fever" in concepts(text)


@pytest.mark.parametrize(
    "text", ["temp 37.1", "98.6F", "36.9 degrees", "I weigh 101.5 kg", "ran 38.5 km", "37.9C"]
)
def test_normal_values_and_other_numbers_are_no_fever(text: str) -> None:
    assert "fever" not in concepts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my 9 year old", {"child_patient"}),
        ("she is 4", {"child_patient", "child_under_5"}),
        ("58M with LBP", {"age_over_50"}),
        ("I'm 74", {"age_over_50", "age_over_70"}),
        ("15F gymnast", {"child_patient"}),
        ("never in my 66 years", {"age_over_50"}),
        ("The baby (18 months) seems sore in her back", {"child_patient", "child_under_5"}),
        ("my 20-month-old keeps arching", {"child_under_5"}),
        ("My son has 6 years. His back hurts", {"child_patient"}),
        ("83 and i slipped in the bathroom", {"age_over_65", "age_over_70"}),
        ("sudden pain through to my belly. 62 and a smoker.", {"age_over_60"}),
        ("3 and a half", {"child_patient", "child_under_5"}),
        ("4 yrs", {"child_patient", "child_under_5"}),
    ],
)
def test_ages(text: str, expected: set[str]) -> None:
    assert expected <= concepts(text)


@pytest.mark.parametrize(
    "text",
    ["fracture 15 years ago", "I'm 45", "for 3 years", "55, 60 or 70 minutes of walking", "3"],
)
def test_durations_are_not_ages(text: str) -> None:
    assert not concepts(text) & {"child_patient", "age_over_50"}


def test_a_temperature_in_fahrenheit_is_no_age() -> None:
    assert not concepts("temperature is 98.6F, no fever") & {"child_patient", "child_under_5"}


@pytest.mark.parametrize("text", ["the baby (18 months)", "my son has 6 years"])
def test_an_age_is_not_also_a_duration(text: str) -> None:
    assert "lasting_over_4_weeks" not in concepts(text)


@pytest.mark.parametrize(
    ("text", "lost"),
    [
        ("lost 8 kg in 2 months", True),
        ("dropped a stone", True),
        ("down 15 lbs", True),
        ("I lose 7 kg in three month", True),
        ("68kg today. In the summer I was 76kg", True),
        ("lost 2kg with a bug", False),
        ("76kg in the summer and 75kg now", False),
    ],
)
def test_weight_lost(text: str, lost: bool) -> None:
    assert ("weight_loss" in concepts(text)) is lost


@pytest.mark.parametrize(
    ("text", "long"),
    [("pain for 6 weeks", True), ("3/52", False), ("2/12", True), ("10 days", False)],
)
def test_how_long(text: str, long: bool) -> None:
    assert ("lasting_over_4_weeks" in concepts(text)) is long


def test_heights_that_differ_are_height_loss() -> None:
    concepts = {r.concept for r in read_measures("measured 160 cm today vs 168 cm in 2015")}
    assert "height_loss" in concepts
    assert "height_loss" not in {r.concept for r in read_measures("she is 160 cm and 161 cm")}


def test_a_normal_reading_is_named_as_such() -> None:
    assert {r.concept for r in read_measures("temp is 36.8")} == {"normal_temperature"}
    assert {r.concept for r in read_measures("temp 37.8")} == set()


@pytest.mark.parametrize(
    ("text", "retained"),
    [
        ("bladder scan pvr 650ml, pt unaware of any fullness", True),
        ("post void residual of 400 mls", True),
        ("pvr 30ml, no sphincter symptoms", False),
        ("bladder scan showed 120 ml", False),
        ("drinking 650ml of water a day", False),
    ],
)
def test_a_large_post_void_residual_is_retention(text: str, retained: bool) -> None:
    found = {r.concept for r in read_measures(text)}
    assert ("urinary_retention" in found) is retained


@pytest.mark.parametrize(
    ("text", "dangerous"),
    [
        ("fell ~2m off the piste edge landing supine", True),
        ("came off a ladder, about 10 feet up", True),
        ("fell about 10 feet from the hayloft", True),
        ("fell 30 cm off the kerb", False),
        ("I walk 3 miles and fell asleep", False),
    ],
)
def test_a_fall_from_a_metre_or_more_is_a_dangerous_mechanism(text: str, dangerous: bool) -> None:
    assert ("fall_from_height" in {r.concept for r in read_measures(text)}) is dangerous


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my little one turns 4 next month, her back hurts", {"child_under_5"}),
        ("child 3y, back pain since yesterday", {"child_under_5"}),
    ],
)
def test_ages_told_by_the_next_birthday_or_in_shorthand(text: str, expected: set[str]) -> None:
    assert expected <= concepts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("psa 48, new lbp", {"raised_psa"}),
        ("psa was high, the doctor said 14", {"raised_psa"}),
        ("psa in 2019 was 3", set()),
        ("psa went from 4 to 19 in a year", {"raised_psa"}),
        ("psa 2 then 9", {"raised_psa"}),
        ("psa 1.1 to 1.3, stable", set()),
        ("psa 0.3 since the prostatectomy", set()),
        ("bedside uss: aorta 6.1cm", {"aorta_dilated"}),
        ("aaa 55 mm on surveillance", {"aorta_dilated"}),
        ("aorta 2.1 cm, normal calibre", set()),
    ],
)
def test_a_raised_psa_and_a_dilated_aorta_are_read_from_their_values(
    text: str, expected: set[str]
) -> None:
    found = {r.concept for r in read_measures(text)} & {"raised_psa", "aorta_dilated"}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bloods: adj ca 2.81, esr 90", {"high_calcium", "esr_very_high"}),
        ("corrected calcium of 2.9 mmol/l", {"high_calcium"}),
        ("calcium was 11.4 mg/dl", {"high_calcium"}),
        ("crp 142 on admission", {"crp_very_high"}),
        ("calcium 2.41, esr 12, crp 4", set()),
        ("ca breast 2015, tamoxifen 20 mg for 5 years", set()),
        ("taking calcium 1200 mg and vit d", set()),
        ("crp 30 last week", set()),
    ],
)
def test_a_high_calcium_esr_or_crp_is_read_from_its_value(text: str, expected: set[str]) -> None:
    labs = {"high_calcium", "esr_very_high", "crp_very_high"}
    assert {r.concept for r in read_measures(text)} & labs == expected


def test_a_weight_unit_must_follow_a_whole_number() -> None:
    assert "weight_loss" not in concepts("nothing down there. last saturday i lifted boxes")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my daughter is three and her back hurts", {"child_patient", "child_under_5"}),
        ("he's four, keeps saying his back is sore", {"child_patient", "child_under_5"}),
        ("my son just turned nine", {"child_patient"}),
        ("she was two weeks late with her period", set()),
        ("he is one of the lucky ones", set()),
    ],
)
def test_a_childs_age_told_in_words_as_what_they_are(text: str, expected: set[str]) -> None:
    assert concepts(text) & {"child_patient", "child_under_5"} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could you kindly review Tomasz, 11, with three months of back pain", {"child_patient"}),
        ("re: Mrs Ellis, 84, who slipped in the garden", {"age_over_70"}),
        ("we reviewed the plan, 11, 12 and 13 are done", set()),
    ],
)
def test_a_referrals_patient_named_and_aged_between_commas(text: str, expected: set[str]) -> None:
    assert concepts(text) & {"child_patient", "age_over_70"} == expected


@pytest.mark.parametrize(
    ("text", "long"),
    [
        ("she hurt her back in June and has been completely fine for 2 months", False),
        ("pain free for the last 6 weeks", False),
        ("back pain for 6 weeks, fine for a day then worse", True),
    ],
)
def test_how_long_someone_has_been_well_is_no_pains_length(text: str, long: bool) -> None:
    assert ("lasting_over_4_weeks" in concepts(text)) is long
