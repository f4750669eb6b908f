"""Red-flag triage: each family, negation, history, false alarms, and the urgent wording.

The phrasings are deliberately not those of evals/cases.yaml, to show the criteria generalise."""

from typing import Any

import pytest

from assistant.prompts import Prompts
from assistant.safety.triage import Triage
from assistant.schema import TriageReport
from assistant.settings import PROJECT_ROOT, Settings
from tests.factories import CountingEncoder

pytestmark = pytest.mark.slow
TRIAGE: Triage


@pytest.fixture(scope="module", autouse=True)
def _triage(embeddings: Any) -> None:
    global TRIAGE  # noqa: PLW0603 - one detector for the module's many parametrised cases
    threshold = Settings().triage_classifier_threshold
    TRIAGE = Triage(Prompts(PROJECT_ROOT / "prompts"), embeddings, threshold)


def report_for(*messages: str, audience: str = "patient") -> TriageReport | None:
    return TRIAGE.assess(list(messages), audience).report


def flags(*messages: str, audience: str = "patient") -> list[str]:
    report = report_for(*messages, audience=audience)
    return [hit.id for hit in report.flags] if report else []


def families(*messages: str) -> set[str]:
    report = report_for(*messages)
    return {hit.family for hit in report.flags} if report else set()


@pytest.mark.parametrize(
    ("message", "flag"),
    [
        # cauda equina
        ("My back is agony and my bum feels numb around the back passage", "saddle-anaesthesia"),
        ("Reduced perianal sensation on examination, acute LBP", "saddle-anaesthesia"),
        ("I cannot feel down there when I go to the toilet", "saddle-anaesthesia"),
        ("Since the back pain started I've been peeing myself at night", "bladder-dysfunction"),
        ("She's had new urinary incontinence since yesterday with sciatica", "bladder-dysfunction"),
        ("He is unable to pass urine and his lower back is very sore", "bladder-dysfunction"),
        ("I've lost control of my bladder twice today", "bladder-dysfunction"),
        ("Patient reports faecal incontinence and bilateral sciatica", "bowel-dysfunction"),
        ("I can't control my bowels any more", "bowel-dysfunction"),
        ("Numbness in both legs and back pain", "bilateral-leg-symptoms"),
        ("Bilateral leg weakness after lifting", "bilateral-leg-symptoms"),
        # progressive deficit
        ("New left foot drop with L5 pain", "progressive-neurological-deficit"),
        ("I can't lift my toes on the right side now", "progressive-neurological-deficit"),
        (
            "The numbness in my leg is spreading and I keep tripping",
            "progressive-neurological-deficit",
        ),
        ("Worsening weakness in my right leg over three days", "progressive-neurological-deficit"),
        # infection
        ("Back pain with a temperature of 39 and shaking", "fever"),
        ("I've been having night sweats and a sore lower back", "fever"),
        ("Intravenous drug user with severe focal back pain", "injecting-drug-use"),
        ("She is immunocompromised and has new low back pain", "immunosuppression"),
        ("I'm on chemotherapy and my lower back started hurting", "immunosuppression"),
        ("Three days after my epidural the back pain got much worse", "recent-spinal-procedure"),
        # malignancy
        ("Past history of prostate cancer, now constant lower back pain", "cancer-history"),
        ("Known metastatic disease and new sacral pain", "cancer-history"),
        ("I've lost 6 kg in two months and my back hurts", "unexplained-weight-loss"),
        ("Unintentional weight loss and back pain in a 62-year-old", "unexplained-weight-loss"),
        ("The pain wakes me up at night every night", "night-pain"),
        ("Nocturnal back pain not relieved by lying down", "night-pain"),
        # fracture
        ("I came off my motorbike this morning and my lower back hurts", "major-trauma"),
        ("Fell down the stairs and now pain above my buttocks", "major-trauma"),
        (
            "She has osteoporosis and slipped in the bath; now sacral pain",
            "fragility-fracture-risk",
        ),
        ("Been on prednisolone for years and tripped on the kerb", "fragility-fracture-risk"),
        # vascular
        ("Severe back pain and a throbbing lump in my tummy", "abdominal-pulsation"),
        ("Known AAA, now sudden severe low back pain", "known-aneurysm"),
    ],
)
def test_each_family_is_recognised_in_new_words(message: str, flag: str) -> None:
    found = flags(message)
    assert flag in found, found


@pytest.mark.parametrize(
    "message",
    [
        "No fever, no weight loss, no night pain. How is SI joint pain treated?",
        "Denies saddle anaesthesia, bladder or bowel dysfunction; bilateral reflexes normal.",
        "She is afebrile and continent, with mechanical pain above the buttock.",
        "No history of cancer; what else could cause pain above the buttocks?",
        "I haven't fallen and I'm not on steroids.",
        "Never had cancer, never injected drugs.",
        "Without any fever or chills, could this be sacroiliac pain?",
        "There is a family history of cancer but I am well.",
        "Toe paraesthesia with known S1 radic, unchanged x4 months, non-progressive.",
        "had a lump removed from my breast last year but it was benign. now back ache",
        "I used heroin in my twenties but have been clean for 15 years. Back pain from lifting.",
        "My 8-month-old has a fever of 38.9 (GP says it's an ear infection), now MY back hurts.",
        "im 28, back ache, lost a bit of weight since i started a couch to 5k plan",
        "is a fever with back pain a bad sign? just curious, my back just aches",
    ],
)
def test_negated_mentions_raise_nothing(message: str) -> None:
    assert flags(message) == []


@pytest.mark.parametrize(
    "message",
    [
        "Is a sacral stress fracture after childbirth common?",
        "Can an osteochondroma become cancerous?",
        "How accurate is the straight leg raise test for radicular pain?",
        "Would a steroid injection into the SI joint help?",
        "Does sacroiliac joint pain get worse at the end of the day?",
        "Does pregnancy make SI joint pain more likely?",
        "Which patients are at risk of low phosphate after iron infusions?",
        "Do fluoroscopic injections confirm SI joint pain?",
        "How is cluneal nerve entrapment treated?",
        "What does the BUAS test involve?",
        "Can MRI show a sacral fracture that an X-ray missed?",
        "Does weight loss help low back pain?",
        "Is it normal to feel stiff in the morning with low back pain?",
        "What is the cancer risk of an osteochondroma?",
        "My physio says my glutes are weak; could that cause pain above my buttocks?",
    ],
)
def test_in_scope_questions_raise_no_false_alarm(message: str) -> None:
    assert flags(message) == []


@pytest.mark.parametrize(
    "message",
    ["I'm not sure if I wet myself or not", "No idea why, but I can't feel my bottom"],
)
def test_uncertainty_does_not_hide_a_flag(message: str) -> None:
    assert flags(message)


def test_a_negation_does_not_reach_past_its_clause() -> None:
    assert flags("No fever and I wet myself this morning") == ["bladder-dysfunction"]


def test_triage_reads_the_whole_conversation() -> None:
    earlier = "I've had back pain for a week and I can't feel my bottom when I wipe."
    assert flags(earlier, "What exercises can I do?") == ["saddle-anaesthesia"]
    assert flags("What exercises can I do?") == []


def test_fragility_needs_both_a_knock_and_a_bone_risk() -> None:
    assert flags("I slipped on ice yesterday") == []
    assert flags("I have osteoporosis") == []
    assert flags("I have osteoporosis.", "Yesterday I slipped on ice.") == [
        "fragility-fracture-risk"
    ]


def test_most_urgent_flag_first_and_message_names_flags_and_action() -> None:
    report = report_for("I have a fever and I can't feel my inner thighs")
    assert report is not None
    assert report.urgency == "emergency"
    assert [h.id for h in report.flags] == ["saddle-anaesthesia", "fever"]
    message = report.message
    assert message.startswith("URGENT.")
    assert "saddle anaesthesia" in message and "fever" in message
    assert "cauda equina syndrome" in message
    assert "Go to an emergency department now" in message


def test_same_day_flags_ask_for_a_review_today() -> None:
    report = report_for("I had breast cancer and now my lower back aches")
    assert report is not None and report.urgency == "same_day"
    assert "a history of cancer" in report.message
    assert "See a doctor today" in report.message


def test_clinicians_get_clinical_wording() -> None:
    report = report_for("New urinary retention with back pain", audience="clinician")
    assert report is not None
    assert "Arrange emergency assessment now" in report.message
    assert report.flags[0].guidelines == ["nice-ng59", "acp-aps-2007"]
    assert set(report.flags[0].guidelines) <= set(TRIAGE.guidelines)


def test_every_guideline_is_cited_by_name_and_year() -> None:
    for text in TRIAGE.guidelines.values():
        assert any(str(year) in text for year in range(2000, 2030)), text


def test_mask_removes_mentions_negated_clauses_and_normal_findings() -> None:
    masked = TRIAGE.mask(
        "I haven't had a fall or an accident, and I'm not on steroids. Is SI pain treatable?"
    )
    assert "steroids" not in masked
    assert "is si pain treatable?" in masked
    assert "afebrile" not in TRIAGE.mask("Afebrile. Can surgery help?")


@pytest.mark.parametrize(
    ("messages", "family"),
    [
        (("I'm 71, smoked for 40 years, and I've suddenly got this terrible pain in my back",),
         "aneurysm"),
        (("My husband is 68 and collapsed in the garden, his back is killing him",), "aneurysm"),
        (("Mum's foot has gone all floppy and she slaps it down when she walks.",
          "Her back has been bad for a month."), "neuro_deficit"),
        (("My dad's legs keep giving way under him. He's had a bad back since Christmas.",),
          "neuro_deficit"),
        (("There's a patch on my spine that's hot and swollen and my back really hurts",),
         "infection"),
        (("Had a boil on my leg that needed antibiotics last month and my back is worse each day",),
         "infection"),
        (("67F, 158 cm today against 164 cm five years ago, new thoracic back ache",), "fracture"),
        (("my 10 year old's back hurts so much he can't sleep",), "child"),
        (("had a melanoma cut off my shoulder 2 yrs ago, now got new pain in my spine",),
         "cancer"),
        (("i had a melon oma removed 4 years ago and now the lower back pain wont go away",),
         "cancer"),
        (("The baby (18 months) has stopped crawling. She seems sore in her back.",), "child"),
        (("My son has 6 years. His back is hurting him since more than one month.",), "child"),
        (("sudn bad pain in my back, im 67 and smoke",), "aneurysm"),
        (("Post-EVAR (2021), 71M. New sudden LBP since this morning.",), "aneurysm"),
        (("toddler (2) screams when i pick her up, she seems to have a sore back, fever 39.2",),
         "child"),
        (("13M, LBP 2/52 + new daytime wetting (continent for years previously).",), "child"),
        (("on hormone injections for prostate cancer, new back pain for 2 weeks",), "cancer"),
        (("COPD, on pred ~10yrs. Lifted shopping from car boot, acute severe midline pain",),
         "fracture"),
        (("46M, LBP 1/52, no void for ~14h and no urge at all, lower abdo distended",),
         "cauda_equina"),
        (("early menopause at 38, now 61. sneezed and felt something go in my back",),
         "fracture"),
        (("71M new thoracic pain, non-mechanical, 10lb wt loss over 2 months",), "cancer"),
        (("65M, sudden severe back pain, mottled cold lower limbs, weak femoral pulses.",),
         "aneurysm"),
        (("my dads back hurts, can he take ibuprofen?", "hes 70, smokes",
          "he just went really pale and nearly passed out"), "aneurysm"),
        (("48M on phone, LBP 1/52, R foot started dragging yesterday, cant dorsiflex at all",),
         "neuro_deficit"),
        (("my husband cant lift his right foot since last night, hes walking like hes stepping "
          "over something. he had a bad back last week",), "neuro_deficit"),
    ],
)  # fmt: skip
def test_findings_told_in_everyday_words(messages: tuple[str, ...], family: str) -> None:
    assert family in families(*messages)


def test_a_measured_normal_temperature_outweighs_feeling_shivery() -> None:
    assert "infection" in families("I feel hot and shivery and my back aches")
    assert (
        families("I feel hot and shivery and my back aches", "just checked, temp is 36.8") == set()
    )
    assert "infection" in families("temp 36.9 this morning", "now 38.6 and shivery, back agony")
    assert "infection" in families("back pain and sweats, temp 37.9")


def test_weight_lost_for_a_reason_given_after_it_is_no_flag() -> None:
    assert (
        families("lost weight cos I've been at the gym loads, 3kg on purpose, back sore") == set()
    )


def test_the_aortas_pulse_in_a_slim_or_young_adult_is_no_flag_but_a_pulsing_lump_is() -> None:
    assert (
        families("I can feel my pulse in my tummy when I lie flat, I'm 24 and slim. Back ache.")
        == set()
    )
    assert families("I'm 70 and I can feel a pulse in my tummy, and my back aches") == {"aneurysm"}
    assert "aneurysm" in families(
        "a throbbing lump above my belly button, I'm thin, back achy for weeks"
    )


def test_a_finding_told_of_childhood_is_in_the_past() -> None:
    assert (
        families("Had a car accident when I was 19, I'm 45 now and strained my back last week")
        == set()
    )


def test_menopausal_sweats_are_no_fever() -> None:
    assert (
        families("I've had hot flushes and night sweats for two years, back pain from gardening")
        == set()
    )


def test_a_mothers_new_baby_is_not_the_patient() -> None:
    story = "35F, day 3 post caesarean, big baby, new LBP + severe R buttock pain, no trauma."
    assert "child" not in families(story)
    assert "child" in families("my baby is 10 months and screams when I touch her back")


def test_a_later_turn_that_denies_a_finding_takes_it_back() -> None:
    said = "my back hurts and I have lost 8 kg this year"
    assert "cancer" in families(said, "what stretches help?")
    assert families(said, "sorry, I misread the scales, I have not lost any weight at all") == set()


@pytest.mark.parametrize(
    ("earlier", "correction"),
    [
        # now told of someone else
        ("I had chemo for cancer and my back aches", "oops, I meant my cat had chemo, not me"),
        # a new age replaces the one mistyped, and what it implied
        ("my 2 yo has back pain", "autocorrect, he is 12 not 2, he pulled it at rugby"),
    ],
)
def test_a_correction_takes_back_what_it_now_tells_otherwise(earlier: str, correction: str) -> None:
    assert families(earlier)
    assert families(earlier, correction) == set()
    # an age given in a turn that corrects nothing is not read as a correction
    assert families("my 2 yo has back pain", "he also has a cold") != set()


@pytest.mark.parametrize(
    ("message", "family"),
    [
        # "still" goes on about the relative just named
        ("My aunt had spinal surgery and still can't feel her bum properly. My back aches.", None),
        # a new clause after a comma is not denied by the clause before it
        ("I am not eating much, I feel feverish and shivery and my lower back aches", "infection"),
        # a drug the clinician is deciding whether to start is not one the patient takes
        ("34M, axial SpA, HLA-B27+. Which biologic would you start first?", None),
        # wear and tear is not a tearing pain
        ("I'm 74, scan showed wear and tear in my lower back, it aches most days", None),
    ],
)
def test_who_has_it_and_whether_it_is_had_across_clauses(message: str, family: str | None) -> None:
    assert families(message) == ({family} if family else set())


@pytest.mark.parametrize(
    ("message", "family"),
    [
        # a fall told as coming down from a height, at someone else's party
        ("At my sister's wedding I came down off the stage, 6 feet, landed on my back", "fracture"),
        # a known enlarged aorta with new back pain
        (
            "The scan said my aorta is slightly dilated. Since this morning my back hurts",
            "aneurysm",
        ),
        # a reach on long-term steroids, told over two clauses
        ("Been on prednisolone for 10 years; reached up to a shelf and my back went", "fracture"),
        # a new symptom on top of old back pain is new
        ("68M acute on chronic LBP, new urinary retention since yesterday", "cauda_equina"),
        # text-speak: "need 2 pee", "wen"; "when I was" doing something is not the past
        ("bk killin me n i dont get the feelin i need 2 pee anymore", "cauda_equina"),
        ("fell off a ladder wen i was clearing the gutter, about 3 m, back agony", "fracture"),
    ],
)
def test_mechanisms_and_known_conditions_told_in_everyday_words(message: str, family: str) -> None:
    assert family in families(message)


@pytest.mark.parametrize(
    "message",
    [
        # resolution told at the end of the story reaches back across the clause
        "my bum went numb on the long coach trip home, came back as soon as I got off. back stiff",
        "both feet went dead sitting cross-legged at the assembly but it wore off in a minute",
        # tingling in one buttock goes with ordinary sciatica
        "my lower back ache spreads into my left bum cheek and it tingles a bit",
        # a known aneurysm reported stable, no symptoms
        "AAA 3.6cm, unchanged on surveillance, asymptomatic; mechanical LBP after gardening",
        # a diagnosis someone was checked for
        "A&E checked me for cauda equina and the scan was clear. How long will disc pain last?",
        # immunosuppression with a normal temperature stated
        "on azathioprine for years, no fever, just pulled my back lifting boxes",
        # night pain that eases on turning over
        "it aches at night only when I lie on that side, eases when I turn over",
        # weight lost with a stomach bug
        "lost 3kg with a stomach bug last week, back sore from being sick",
        # a low fall in a young adult
        "I'm 27, slipped off the bottom step at home, back a bit bruised",
        # a general question without its question mark
        "what percent of osteochondromas turn malignant",
        # a relative's finding told in a relative clause
        "my uncle who had a leaking aneurysm is fine now; my back aches from golf",
    ],
)
def test_explained_resolved_and_other_peoples_findings_raise_nothing(message: str) -> None:
    assert flags(message) == []


@pytest.mark.parametrize(
    ("message", "family"),
    [
        ("numbness that started in my big toe is creeping up towards my knee", "neuro_deficit"),
        ("I keep dragging my right foot and my slippers slip off", "neuro_deficit"),
        ("both legs have gone weak and wobbly since this morning", "neuro_deficit"),
        ("tingling around my back passage and genitals since lifting", "cauda_equina"),
        ("no PMH, T 38.6, severe LBP, looks unwell", "infection"),
        ("the nurse said my aorta was a bit big on the scan, now tummy and back pain", "aneurysm"),
        (
            "my 8 year old has started wetting himself again after being dry for years, back hurts",
            "child",
        ),
    ],
)
def test_this_sessions_criteria_raise_their_family(message: str, family: str) -> None:
    assert family in families(message)


@pytest.mark.parametrize(
    "message",
    [
        # a pet's symptoms
        "our spaniel is leaking urine and seems stiff; my own back is sore from carrying him",
        # a relative's friend
        "my son's classmate had a spinal tumour; my son is 12, sore back after rugby, sleeps fine",
        # another clinician's patient
        "A colleague's patient had CES last month. Mine: 38M, unilateral sciatica, no saddle sx",
        # a bike saddle
        "my bike saddle rubs and my lower back aches after long rides, everything feels normal",
        # a fever that has gone, told before the back pain
        "had a high temperature with flu a fortnight ago, no fever for 10 days, back stiff in bed",
        # a tearing pain in a young weightlifter
        "I'm 29 and my lower back feels ripped after heavy squats yesterday",
        "my 7yo had a fever last week with a cold, all better now; today her back is a bit sore",
        "Revising for exams: which cancers spread to the spine most often?",
        "Physio f/u: 41F, previous EHL 4/5 now 5/5, LBP settling. Discharge?",
        "my gran (88) fell and broke a bone in her back last month; I'm 40 with a sore back",
        "Teaching q for my physio students: how specific is new urinary retention for CES?",
        "Doing an essay for my nursing degree: why does cauda equina cause incontinence?",
        "my bum goes numb on the hard bleachers, then fine as soon as I stand up; back achy",
        "on Slimming World since January, lost 8kg on purpose, back better for it",
        # a foot drop unchanged for years
        "I've had a foot drop since a nerve injury in 2015, it hasn't changed at all since. "
        "My back aches after lifting.",
        # a journey, and pain worse on sitting
        "I drive a lorry all day and the ache above my buttocks is worse on long trips",
        "one-sided pain low in my back, sitting long makes it worse",
    ],
)
def test_other_peoples_past_explained_and_asked_about_findings_raise_nothing(
    message: str,
) -> None:
    assert flags(message) == []


def test_a_fall_at_65_or_more_is_a_fracture_risk_only_with_back_pain() -> None:
    assert "fragility-fracture-risk" in flags("I'm 68 and tripped on the stairs, my back hurts")
    spared = "I'm 68 and tripped on the stairs, grazed my knee, back is completely fine"
    assert "fragility-fracture-risk" not in flags(spared)


def test_a_later_turn_that_tells_a_finding_as_over_takes_it_back() -> None:
    first = "my bum goes numb when I sit at my desk"
    assert "cauda_equina" in families(first)
    later = (
        "I mean my bum cheek goes dead after hours on a hard chair, goes right away when I stand"
    )
    assert families(first, later) == set()


def test_a_teaching_frame_does_not_hide_a_patient_or_mend_a_shop_into_teach() -> None:
    assert "cauda_equina" in families("I'm a nursing student, 23, and I wet myself at Tesco today")
    told = "I did wet myself a bit in tesco yesterday and it's numb when I sit on the toilet"
    assert "cauda_equina" in families(told)


@pytest.mark.parametrize(
    ("message", "family"),
    [
        (
            "my knickers were soiled when I got up and I had no idea, back agony since Monday",
            "cauda_equina",
        ),
        (
            "haven't had a wee since breakfast, 12 hours, don't feel I need one, back is terrible",
            "cauda_equina",
        ),
        (
            "my bum and the insides of my upper thighs feel like novocaine, bad back since Friday",
            "cauda_equina",
        ),
        (
            "HCA: 72M admitted with back pain, keeps being found wet, says he can't feel it",
            "cauda_equina",
        ),
        ("had part of my lung removed 2 years ago, now mid back ache every night", "cancer"),
        ("can't lift the front of my foot at all now and my back still hurts", "neuro_deficit"),
        (
            "walking like I'm drunk, back pain since last week, getting worse not better",
            "neuro_deficit",
        ),
        ("my little one turns 3 next month and keeps saying her back hurts", "child"),
        ("PVR 500ml on bladder scan, new LBP, says he feels no urge", "cauda_equina"),
        ("I couldn't pee at all yesterday evening and my back is agony", "cauda_equina"),
        (
            "my left knee gave way on the stairs again today, second time, back bad for weeks",
            "neuro_deficit",
        ),
        ("78 and I fell off the bottom step, now my lower back hurts a lot", "fracture"),
        ("long-term prednisolone for my lungs, back pain for a week, feel rubbish", "infection"),
        ("from my belly button down both legs feel numb, back hurts", "neuro_deficit"),
        ("tried to pee for ages last night and nothing came out, back still awful", "cauda_equina"),
        (
            "her bits feel like they've had a dental injection since this morning, back worse",
            "cauda_equina",
        ),
        (
            "my right leg keeps folding under me and it's worse than last week, back bad",
            "neuro_deficit",
        ),
    ],
)
def test_findings_told_indirectly_raise_their_family(message: str, family: str) -> None:
    assert family in families(message)


def test_a_physical_exam_is_no_exam_season() -> None:
    note = "Pt 60M, LBP, reduced perianal sensation on exam, says he can't feel wiping. Opioid SE?"
    assert "cauda_equina" in families(note)


def test_a_pasted_essay_costs_the_classifier_a_bounded_read_its_telling_line_included(
    embeddings: Any,
) -> None:
    """The classifier reads a bounded share of a 2,000-character message, the clauses holding a
    finding's words first, so the one telling line at the end of a long story is still read;
    the rules read all of it."""
    counting = CountingEncoder(embeddings)
    triage = Triage(Prompts(PROJECT_ROOT / "prompts"), counting, 0.5)
    story = " ".join(f"On day {n} I walked to the shop, then I came home." for n in range(1, 40))
    told = "I have a heartbeat in my tummy I can feel with my hand"
    report = triage.assess([f"My lower back aches. {story} {told}."], "patient").report
    assert len(story) > 1900
    assert sum(len(text) for text in counting.encoded) <= 300
    assert any("heartbeat" in text for text in counting.encoded)
    assert report is not None and "aneurysm" in {hit.family for hit in report.flags}


@pytest.mark.parametrize(
    ("earlier", "correction"),
    [
        (
            "numb bottom and can't pee properly, back is bad",
            "my bad, I phrased that poorly, it was my uncle last spring. mine is just a sore back",
        ),
        (
            "I had radiotherapy and my back aches at night",
            "sorry I put that wrong - it's my sister who had it. I'm 35 with a desk-job back",
        ),
    ],
)
def test_a_correction_naming_someone_else_gives_them_what_was_told_before(
    earlier: str, correction: str
) -> None:
    assert families(earlier)
    assert families(earlier, correction) == set()
    # a correction that tells the writer's own finding again keeps it
    assert families(earlier, "typo earlier - my mum had it too, but I also can't pee") != set()


@pytest.mark.parametrize(
    ("said", "family"),
    [
        # an age closing the message is the writer's; an age alone is a reply about the writer
        (
            ("back went like a lightning bolt and then I blacked out in the kitchen, 74",),
            "aneurysm",
        ),
        (
            ("how old do you need to be for this?", "71", "I've shrunk 5 cm since my last check"),
            "fracture",
        ),
        (("my 3 and a half year old cries when I lift her by the waist, her back hurts",), "child"),
        # scare quotes do not hide a known finding
        (
            ("the scan said my aorta was 'a little enlarged'. back pain since this morning",),
            "aneurysm",
        ),
        # "ever since" a recent start goes on now
        (("my wee comes out in dribbles ever since my back went on Monday",), "cauda_equina"),
        # "been doing it for years" is still going on
        (("been shooting up for years, my back is agony and I'm sweating",), "infection"),
        (
            ("my bones are brittle says the dexa, I picked up a bag of shopping and my back went",),
            "fracture",
        ),
        (("my foot snags on every step now and the back ache won't go",), "neuro_deficit"),
        (
            ("my leg has got weaker over the past couple of weeks with this back pain",),
            "neuro_deficit",
        ),
        (("I keep not getting it to the toilet in time since my back went",), "cauda_equina"),
        (
            ("shaking with cold under two duvets at night, back awful, type 1 diabetic",),
            "infection",
        ),
        (("type 1 diabetic", "new lower back pain, off my food and feeling ill"), "infection"),
        (("I lost 6 kilo without diet since summer, 61, back aches at night",), "cancer"),
        (("sitting on the loo feels like sitting on air, back in agony",), "cauda_equina"),
        (("i must push to make it come when i pee since my back went",), "cauda_equina"),
        (("they took my breast out years ago for a cancer in it; new back pain",), "cancer"),
        (("mid back pain after a sneezing fit, 30 years on prednisolone",), "fracture"),
        (
            ("cannot get up from the chair without pushing up with my hands, leg weak, week 3",),
            "neuro_deficit",
        ),
        (("a screening scan found something on my aorta; sudden awful back pain now",), "aneurysm"),
        # numbness told as where it started and where it is now
        (
            ("the numbness started in my foot, now it's the whole shin, back still bad",),
            "neuro_deficit",
        ),
        # unsure whether it matters, not whether it happened
        (("sore lower back 2 weeks", "might be relevant, I had bowel cancer in 2019"), "cancer"),
        # a limb told with its side
        (("low back ache, and my foot slaps down on the right, worse every day",), "neuro_deficit"),
        (
            ("grandad (81) has back pain and is dragging his right leg, far worse this week",),
            "neuro_deficit",
        ),
        # "its" for "it's"; a new clause after a comma is not under the denial before it
        (("numb bit on my thigh, now its the whole shin. back aches",), "neuro_deficit"),
        (("my son is 13, no injury, and keeps waking at night with back pain",), "child"),
        # a relative named first, then his pain told of "he"
        (
            (
                "asking about my husband, he has type 2 diabetes",
                "his back has been agony since Monday and he is off his food and confused",
            ),
            "infection",
        ),
        # weakness in one sentence, getting worse told in another
        (
            (
                "My left leg gives way on the stairs. Honestly, since the weekend, the whole "
                "thing is getting much worse.",
            ),
            "neuro_deficit",
        ),
        (
            ("my knee buckles on the stairs. back pain 3 weeks. worse every few days",),
            "neuro_deficit",
        ),
        # findings told as everyday events
        (
            (
                "went up on my tiptoes for the physio and the right leg just gave way, "
                "back sore for a month",
            ),
            "neuro_deficit",
        ),
        (
            ("since my back went on Monday I have to push on my belly to get the wee going",),
            "cauda_equina",
        ),
        (
            (
                "finished a drip of antibiotics for a kidney infection 2 weeks ago, "
                "now new back pain",
            ),
            "infection",
        ),
        (
            (
                "I am 3 cm shorter than I used to be, "
                "today sudden pain in my back lifting the kettle",
            ),
            "fracture",
        ),
        (("collapsed in the kitchen with back pain, I'm 54",), "aneurysm"),
        (("back pain and drenching the sheets every night",), "infection"),
        # a child's age given alone, with a half
        (("my little girl keeps holding her back and crying", "2 and a half"), "child"),
    ],
)
def test_everyday_wordings_and_conversations_raise_their_family(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        (
            "I leak a little when I cough, since my second baby. "
            "My lower back is stiff from running.",
        ),
        (
            "my foot went numb from sitting on it at the cinema, "
            "fine after a minute. back a bit stiff",
        ),
        ("my numb bum from the long coach trip went away as soon as I got off. back still achy",),
        (
            "what would a slipped disc pressing on the nerves feel like? "
            "I'm just curious, no symptoms",
        ),
        ("we've been gardening for years and my back aches after weeding, 45",),
        ("I lost height in the rankings at work lol, my back is stiff from the desk",),
        ("type 2 diabetic, back sore from a terrible hotel bed, what stretch?",),
        ("30 weeks pregnant, back aches, I leaked a little when I coughed, midwife not worried",),
        (
            "my leg keeps giving way and my back aches",
            "voice to text mangled that, it is our dog whose leg keeps giving way; my back aches",
        ),
        ("maybe relevant: my mum had bowel cancer. my back is sore",),
        ("down 2 kilos since I started breastfeeding, my back aches from feeding",),
        ("I sleep in the chair next to my wife's hospital bed and my back is stiff",),
        # a waistband that says where the ache is; pain when turning over in bed is mechanical
        ("ache low down just under my belt for 6 weeks, worst when I turn over in bed",),
    ],
)
def test_explained_passing_and_other_peoples_findings_raise_nothing(said: tuple[str, ...]) -> None:
    assert families(*said) == set()


def test_a_childs_age_without_their_back_pain_is_no_child_flag() -> None:
    said = ("my 2 year old keeps waking up at night", "she's got a cold. my own back hurts, 36")
    assert families(*said) == set()
    assert "child" in families("my 2 year old keeps waking up at night", "her back hurts too")


@pytest.mark.parametrize(
    ("said", "family"),
    [
        # numbers spelled out, as people and voice-to-text write them
        (("back went on friday and my temperature is thirty-nine point two",), "infection"),
        (
            ("temp of a hundred and one since last night and my lower back is killing me",),
            "infection",
        ),
        (("I'm eighty-one and slipped off the kerb onto my bottom, back is agony",), "fracture"),
        (("my granddaughter is too years old and says her back hurts",), "child"),
        # arterial disease elsewhere with sudden severe pain from 50
        (
            ("71M, hx of claudication and two stents, sudden severe back pain an hour ago",),
            "aneurysm",
        ),
        # retention told by what comes out; weakness by what the leg no longer does
        (
            ("back bad all week, going every half hour but only a trickle, never feels empty",),
            "cauda_equina",
        ),
        (("back and leg pain, my left foot has gone floppy since tuesday",), "neuro_deficit"),
        (("my right leg is weak and it's worse than yesterday, back killing me",), "neuro_deficit"),
        (
            ("sciatica since the weekend, I can't stand up on my left tiptoes at all",),
            "neuro_deficit",
        ),
        # the whole body unwell after 50; sweats through clothes; hot then cold
        (("I am 64, back pain a fortnight, completely off my food and feeling unwell",), "cancer"),
        (("back pain and sweating through my t shirt every night this week",), "infection"),
        (("hot then cold all night with this back pain, flatmate says I look grey",), "infection"),
        # "it is" after a comma tells something new, past a denial before it
        (("nothing eases my back, paracetamol does nothing, it's there all night",), "cancer"),
        # who noticed it is not whose it is
        (
            ("GP note: 13F, LBP 3/52, dad has noticed her left foot catching on the stairs",),
            "child",
        ),
        (
            ("I'm 83, my son found me on the floor this morning and my back is very sore",),
            "fracture",
        ),
        (
            ("mum is 79 with osteoporosis, her back is more curved this month and it hurts",),
            "fracture",
        ),
    ],
)
def test_spelled_numbers_lay_findings_and_observers(said: tuple[str, ...], family: str) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        ("had a numb bum after the charity ride but it went by the evening, back stiff",),
        ("flu jab on monday, felt shivery that night but that's gone today. back aches",),
        ("what would it mean if I started leaking with my back pain? everything's fine",),
        ("my 10 year old had back ache a few months ago for 2 days after PE, gone now",),
        ("I'm 34, had my son 5 years ago, back sore from lifting him",),
        ("heel walking? no, heels and toes are fine, just sciatica to the calf",),
        ("12yo limping from a blister on her heel after the hike, back a bit stiff",),
        ("32 weeks pregnant, the kicks feel like a thumping in my belly, back aches",),
        ("58, new back ache since digging the allotment, sleeping fine, well in myself",),
        ("I had a lump removed from my breast, benign thankfully; back sore from the gym",),
    ],
)
def test_resolved_asked_echoed_and_explained_findings_raise_nothing(said: tuple[str, ...]) -> None:
    assert families(*said) == set()


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (("LBP flare, wet herself twice today, passed urine without feeling it",), "cauda_equina"),
        (("back pain since monday and I've not passed any water since breakfast",), "cauda_equina"),
        (
            ("sciatica, my right foot keeps on scuffing and I lift my knee higher to clear steps",),
            "neuro_deficit",
        ),
        (
            ("back and leg pain, tried going up on my left tiptoes and it just would not go",),
            "neuro_deficit",
        ),
        (
            ("left leg gave way in the car park with sciatica, it's happened twice more since",),
            "neuro_deficit",
        ),
        (("post laminectomy 3/52, wound oozing, back pain worse",), "infection"),
        (("70F, new LBP 3/52, anorexia and night sweats",), "cancer"),
        (("HV visit: 20/12 M, crying when lifted, stopped weight bearing, ?back",), "child"),
        (("14, back hurts every day and I've lost 4kg without trying",), "child"),
        (("my daughter is two and a half and cries that her back hurts",), "child"),
    ],
)
def test_notes_lay_findings_and_bare_ages_raise_their_family(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        ("My dad had a fall, he is 84 and fine. I'm 47 and my back aches from helping him up",),
        ("I position patients for radiotherapy all day as a radiographer and my back aches",),
        ("they found a lump but it was a cyst and I got the all clear; back sore from golf, 66",),
        ("aortic aneurysm screening last year was normal, I'm 68, back sore after bowls",),
        ("I'm 61, eating well and weight steady, back stiff since laying a patio",),
        ("fell off the ladder", "sorry, I made it sound worse than it was: the bottom rung"),
        ("my baby girl has a bad back, she's 2", "sorry I wasn't clear, our 2 year old cocker"),
        ("GP: 40M, very anxious about developing foot drop after reading online; exam normal",),
    ],
)
def test_other_peoples_ages_work_normal_tests_and_corrections_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (
            ("since yesterday the urine is not coming when I go to the toilet, and my back hurts",),
            "cauda_equina",
        ),
        (
            ("back ache, and since two weeks my legs are without strength, each day more",),
            "neuro_deficit",
        ),
        (
            ("sciatica, the leg buckles without warning, twice today and once yesterday",),
            "neuro_deficit",
        ),
        (
            ("Seventy-nine years young!", "tripped on the kerb onto my backside, sore low down"),
            "fracture",
        ),
        (
            ("I have 67 years, smoker, back pain came sudden and strong, cold sweats now",),
            "aneurysm",
        ),
        (("fell off the garage roof about 3m, landed flat on my back",), "fracture"),
        (("my temperature is 38,6 and my low back is killing me",), "infection"),
    ],
)
def test_losses_told_by_negation_non_native_ages_and_decimal_commas_raise_their_family(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        ("back sore, I can walk 200 m now, it dropped to 80 m in the winter but is better",),
        ("fell over at rugby training, 17m, back a bit stiff but running fine",),
        ("temp 36,9 this morning, back aches from the garden, is that a fever?",),
        ("62M, LBP worse on prolonged sitting, eases lying down, sleeps well",),
        ("52M, LBP, had radiotherapy", "Correction: the radiotherapy was his brother's, not his."),
        ("cancer on my mum's side, I'm 44 and my back is stiff from the office chair",),
    ],
)
def test_heights_fallen_to_ages_asked_fevers_rest_relief_and_others_treatments_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


def test_pain_in_both_buttocks_in_a_clinicians_shorthand_is_no_bilateral_sciatica() -> None:
    assert (
        families("72F, known canal stenosis, bilat buttock pain on walking, eases sitting") == set()
    )
    assert "cauda_equina" in families("58M, new bilat sciatica to both feet since Tuesday")


def test_pain_told_with_radiation_is_no_radiotherapy() -> None:
    assert families("61M, LBP with radiation into the right buttock, SLR negative") == set()
    assert "cancer" in families("61M, new LBP, had radiation for prostate ca in 2018")


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (
            (
                "Out of the blue terrible back pain, then I blacked out on the sofa for a few "
                "seconds. I'm 74",
            ),
            "aneurysm",
        ),
        (
            ("I'm 66, had a bypass 8 years ago, and this backache hit suddenly an hour ago",),
            "aneurysm",
        ),
        (
            ("back went suddenly while gardening, 71, now my toes look blotchy and purple",),
            "aneurysm",
        ),
        (
            (
                "80F on the floor at home, LBP, brief LOC, skin mottled, pain through to "
                "her abdomen",
            ),
            "aneurysm",
        ),
        (
            (
                "68M, back pain since lifting, now pale and clammy with pain going round to "
                "his belly",
            ),
            "aneurysm",
        ),
        (
            (
                "GP review: 44M, LBP and R sciatica. Knee jerk absent on the right today and "
                "quads 4/5",
            ),
            "neuro_deficit",
        ),
        (("back pain and I cant feel my right foot, worse every day",), "neuro_deficit"),
        (
            ("sciatica a week, today I couldn't lift my toes up enough to climb the stairs",),
            "neuro_deficit",
        ),
        (
            ("my back hurts and my left leg feels weak, I can't do a single heel raise on it",),
            "neuro_deficit",
        ),
        (("f, 68. back started aching last month, no fall or anything, any stretches?",), "cancer"),
        (("in my 80s and coughed, then sudden awful pain low in my back",), "fracture"),
    ],
)
def test_collapse_shock_signs_lost_reflexes_worsening_numbness_and_elderly_ages_raise_their_family(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        (
            "Tripped over the cat once on Sunday, back a bit sore from catching myself, 35, "
            "walking fine",
        ),
        ("Physio: 41M, disc, screened for CES, all normal, given a CES safety net card. OK?",),
        ("Bumped at walking pace in a car park, barely a scratch, back fine, neck stiff, 29",),
        ("My uncle was never a smoker. I'm 40 and have no back pain at all, just curious",),
    ],
)
def test_trips_over_things_screening_advice_and_low_speed_knocks_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


def test_pain_across_the_back_on_both_sides_is_no_bilateral_sciatica() -> None:
    assert (
        families("lower back pain right across the belt line both sides, 40, not into my legs")
        == set()
    )
    assert families("back pain both sides, worse sitting, 35") == set()
    assert "cauda_equina" in families("back pain both sides and now shooting pain down both legs")


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (("71M, new back pain 3/52, PSA 52 last week, awaiting urology",), "cancer"),
        (("my psa came back high and now my lower back aches all the time",), "cancer"),
        (
            ("Known PAD, fem-pop bypass, 63. Ache in my back and stomach since yesterday",),
            "aneurysm",
        ),
        (("ED: 70M LBP, bedside scan shows the aorta at 5.8 cm",), "aneurysm"),
        (
            (
                "my wife is 75, back gave out this morning, she went grey and clammy and "
                "collapsed in the kitchen for a minute, pain goes through to her stomach",
            ),
            "aneurysm",
        ),
        (("72F, new LBP 2/52, no previous back problems, constant",), "cancer"),
        (
            ("back sore since Monday and since then nothing works in the bedroom, no feeling",),
            "cauda_equina",
        ),
        (("my boy is 9, his back hurts and hes had a fever all week",), "infection"),
    ],
)
def test_psa_aorta_size_arterial_disease_brief_collapse_and_new_late_pain_raise_their_family(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        ("44M, LBP with leg radiation, sensation intact, SLR negative",),
        ("Low back ache, GP noted distal radiation to the calf, no weakness",),
        ("pain over the lower back and both buttocks, burning after a long drive, 38",),
        ("59F, new LBP after moving house last week, eases lying down, sleeping well",),
        ("64M, PSA 1.2 last year, normal. Back ache after golf",),
        (
            "my back hurts and there's been a fever since Sunday",
            "sorry, the fever is my son's, he's 8 and on the mend. I'm not hot at all",
        ),
    ],
)
def test_pain_radiation_buttocks_both_sides_a_strain_after_50_normal_psa_and_anothers_fever(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


def test_blood_results_raise_the_flag_their_value_points_to() -> None:
    assert "cancer" in families("68M, 6/52 thoracolumbar pain, bloods: adj Ca 2.84, ESR 96")
    assert "cancer" in families("my mum's back is agony and her calcium came back at 2.9")
    assert "infection" in families("LBP 1/52, CRP 187, IVDU, awaiting MRI")
    assert (
        families("back ache after gardening, routine bloods fine: Ca 2.35, CRP 3, ESR 8") == set()
    )


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (("my bloods came back with a high calcium and my back has ached for weeks",), "cancer"),
        (("my psa went from 3 to 22 since march, lower back now aching constantly",), "cancer"),
        (("his psa was 2 then 9, now his lower back aches constantly",), "cancer"),
        (
            ("78, on prednisolone for years, my back has gone all hunched over this month",),
            "fracture",
        ),
        (("60F on long term pred, sudden thoracic spine pain 9/10 when she sneezed",), "fracture"),
        (
            ("thigh looks thinner than the other one now and my sciatica is 3 weeks old",),
            "neuro_deficit",
        ),
        (
            ("sciatica 5/52, can no longer get up out of a chair without pushing on my arms",),
            "neuro_deficit",
        ),
        (
            ("low back pain, and i cant feel myself going to the loo, it just comes out",),
            "cauda_equina",
        ),
        (
            (
                "my back hurts and i have a temperature",
                "oops predictive text, my son who's 7 has the temperature and back pain, not me",
            ),
            "child",
        ),
    ],
)
def test_lab_words_rising_values_treatment_for_cancer_new_stoop_wasting_and_corrections(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        ("had a weak foot after my back op 3 yrs ago, made a full recovery, back a bit stiff",),
        ("my leg went weak last month but it's getting stronger every week with physio, back ok",),
        ("bad night sweats, my GP says menopause, and an achy lower back after gardening",),
        ("a basal cell carcinoma was cut off my cheek years ago, now I've pulled my back",),
        ("my baby is 4 months old and I've now got some lower back ache from lifting her",),
        ("my calf was weak a month ago, but i can walk on my heels again now, back easing",),
        (
            "my 12 year old has a sore back and a temperature",
            "sorry, misread, the temperature was her sister's with flu. she is well, no "
            "temperature, just sore after netball",
        ),
        (
            "i get a dead bum after a long cycle but it wears off and is totally normal again, "
            "back a little sore",
        ),
    ],
)
def test_recovery_improvement_explained_sweats_skin_cancer_and_a_babys_age_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


def test_a_history_item_in_a_note_is_not_negated_by_the_item_before_it() -> None:
    note = "79F osteoporosis on alendronate, no trauma, 4/7 hx of sudden severe thoracic spine pain"
    assert "fracture" in families(note)
    unintended = "look thinner and i haven't been trying to lose weight, back aches at night, 49"
    assert "cancer" in families(unintended)


@pytest.mark.parametrize(
    "said",
    [
        ("BMI 41, would losing 15 kg help my lower back?",),
        ("36M, ache from the lower back spreading into both buttocks after a long drive",),
        ("58M LBP 3/52 after lifting, no night pain, no hx of malignancy, weight stable",),
    ],
)
def test_weight_to_lose_pain_into_both_buttocks_and_no_history_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


def test_a_pain_score_wasting_against_the_other_side_and_a_return_to_normal() -> None:
    assert "fracture" in families(
        "70F on prednisolone for years for COPD, back pain 9/10 since bending to tie her shoe"
    )
    assert "neuro_deficit" in families(
        "sciatica on the right since march and over the last month that calf is visibly "
        "smaller than the other"
    )
    assert (
        families("bum went numb on a long horse ride, then came back to totally normal, back stiff")
        == set()
    )
    assert families("lower back ache and I have a temperature of 37.1") == set()


def test_a_spine_tender_to_press_after_an_infection_elsewhere_is_an_infection_flag() -> None:
    assert "infection" in families(
        "had a boil lanced on my arm last month, now my lower back is tender to press in one spot"
    )
    assert families("my lower back is tender to press after a deep tissue massage, 33") == set()


@pytest.mark.parametrize(
    "said",
    [
        (
            "came off the roof yesterday and my back hurts",
            "sorry, I meant I nearly came off the roof, caught the gutter, just pulled my back",
        ),
        (
            "sudden ripping pain in my back",
            "sorry, by ripping I meant I ripped a muscle at the gym lifting weights",
        ),
        (
            "shooting pain down both legs since last night",
            "ignore what I said about both legs, it's only the right leg, wee is normal",
        ),
    ],
)
def test_a_correction_that_names_a_finding_again_takes_it_back(said: tuple[str, ...]) -> None:
    assert families(*said) == set()


def test_a_correction_that_tells_the_finding_again_keeps_it() -> None:
    said = ("my bum is numb and my back hurts", "sorry, I meant my bum AND inner thighs are numb")
    assert "cauda_equina" in families(*said)


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (("73, smoke 20 a day. Back aching today, goes right through to my tummy",), "aneurysm"),
        (("I'm 84, rolled out of bed last night, lower back very painful since",), "fracture"),
        (
            ("lower back agony since Friday, now I press on my lower tummy to empty",),
            "cauda_equina",
        ),
    ],
)
def test_cigarettes_a_day_a_fall_out_of_bed_and_pressing_to_empty_raise_their_family(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (
            "LBP 4/7, on exam reduced pinprick S3-S5, has not passed urine since yesterday",
            "cauda_equina",
        ),
        (
            "my back is killing me and i just don't get the feeling that i need a wee any more",
            "cauda_equina",
        ),
        (
            "back pain all week, I can't press the brake pedal properly with my right foot, "
            "worse than yesterday",
            "neuro_deficit",
        ),
        ("sciatica for a fortnight and now my foot is just hanging when I walk", "neuro_deficit"),
        (
            "the numbness went down to my ankle and now it's starting in the other leg too, back "
            "aches",
            "neuro_deficit",
        ),
        (
            "ortho note: 48M, back pain 2/52, rigors and fevers, IVDU within the last year",
            "infection",
        ),
        (
            "hx melanoma removed 2019, did not treat today: constant thoracic pain, no "
            "mechanical pattern, night pain",
            "cancer",
        ),
        (
            "had an operation years back, it was for bowel cancer, they got it all. back pain "
            "constant now",
            "cancer",
        ),
        (
            "fell while snowboarding and landed on my back on the hard snow, mid back pain since",
            "fracture",
        ),
        (
            "my eldest one is 10, his back has hurt for five weeks and he wakes at night with it",
            "child",
        ),
    ],
)
def test_findings_told_on_examination_through_driving_and_through_what_was_done_raise_their_family(
    said: str, family: str
) -> None:
    assert family in families(said)


@pytest.mark.parametrize(
    "said",
    [
        (
            "tingly patch on my outer thigh that gets worse when I wear a tight belt, back a bit "
            "stiff",
        ),
        (
            "note: LBP with L sciatica, denies saddle numbness, bladder normal, safety netted re "
            "CES",
        ),
        ("my lower back aches like a belt round me, nothing down the legs",),
        ("since my back went my appetite has dropped off a cliff, just stress I think",),
        ("what would foot drop feel like? I can heel walk fine, just sciatica",),
        ("cramps in my calf at night that wake me, plus a bit of low back ache",),
        ("the ankle is strong again, back to full strength, back pain gone",),
        (
            "car crash 15 years ago, all healed; could the old accident be catching up with me "
            "now my back aches?",
        ),
        ("I read that pain down both legs is an emergency. Mine is only in one leg, back sore",),
        ("pregnant, one-sided ache low in my back, worse turning over in bed and getting up",),
        (
            "For SIJ pain, is there any evidence comparing RF denervation, "
            "IA injections and fusion?",
        ),
    ],
)
def test_worse_with_pressure_advice_given_idioms_a_question_cramps_and_recovery_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


def test_legs_that_tire_on_walking_and_ease_on_sitting_are_claudication_not_an_emergency() -> None:
    stenosis = (
        "I'm 74, both legs go heavy and ache after walking ten minutes, easier once I sit "
        "or lean on a trolley; my back is stiff"
    )
    assert families(stenosis) == set()
    # a foot that drags and worsens is still raised beside it, and so is sudden weakness of both
    assert "neuro_deficit" in families(
        stenosis + ", and now my right foot drags and is getting worse"
    )
    assert "neuro_deficit" in families("both my legs went weak and numb yesterday, back pain")


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (
            (
                "lumbar pain three days, feel warm, thermometer said 37.8",
                "sorry, misread it, it was 38.9 not 37.8",
            ),
            "infection",
        ),
        (
            (
                "my lower back has been bad for six weeks, any stretches?",
                "oops not my back, my son's. he is 9 and he has started limping after school",
            ),
            "child",
        ),
        (
            ("awful back pain since monday and i have lost control of my bowls twice",),
            "cauda_equina",
        ),
        (
            ("grandma is 88, she missed her chair sitting down and now her back hurts to move",),
            "fracture",
        ),
        (
            ("got speared in a tackle at the weekend, pain in the middle of my back since",),
            "fracture",
        ),
        (
            (
                "my back has ached for ages",
                "today it suddenly got far worse, my tummy hurts too, I'm 74 and feel faint-ish",
            ),
            "aneurysm",
        ),
    ],
)
def test_corrected_numbers_a_child_handed_the_story_and_lay_words_raise_their_family(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        (
            "sciatica down the right leg only, tingling in my right toes, but weeing and the "
            "area down below are completely normal",
        ),
        ("I get night sweats but it's the menopause, going on three years, and a stiff back",),
    ],
)
def test_a_normal_saddle_told_after_the_tingling_and_menopausal_sweats_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


@pytest.mark.parametrize(
    "said",
    [
        ("my phosphate levels crash after every iron infusion and my back aches",),
        ("the iron drips I keep having are making my bones weak and my back sore",),
        ("31F, low back pain, morning stiffness, bilateral sacroiliitis on MRI, next step?",),
        ("I'm 72, the worst pain is in my bottom when I walk far, back a bit stiff",),
        ("I'm breastfeeding my 3 month old and my lower back aches after the birth, normal?",),
    ],
)
def test_thin_bones_a_falling_level_where_pain_is_worst_and_a_new_mothers_baby_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


def test_a_birth_told_beside_back_pain_is_kept_for_the_evidence_check() -> None:
    masked = TRIAGE.mask("I'm breastfeeding, 6 weeks postpartum, sacral stress fracture: how long?")
    assert "postpartum" in masked and "breastfeeding" in masked


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (("sore back and my left foot won't lift properly when I walk",), "neuro_deficit"),
        (
            (
                "back pain and my leg feels strange",
                "No, the left foot slaps down, I can't keep my toes up",
            ),
            "neuro_deficit",
        ),
        (("my grandfather 83 years slip in shower, now his back very bad",), "fracture"),
        (("me 78 year, I slip on the ice, back hurt, I have the thin bone",), "fracture"),
        (("OOH: 70M, COPD on pred 10mg for 6y, sudden severe LBP bending over 2/7",), "fracture"),
        (
            (
                "tumbled down the garden steps, back sore",
                "and now there's a lump sticking out of my spine",
            ),
            "fracture",
        ),
        (("rugby, high speed collision, midline tenderness over L2, pain 7/10",), "fracture"),
        (
            ("ache between my shoulder blades for six weeks", "it's there whatever I do, I'm 61"),
            "cancer",
        ),
        (("my dad has jabs every 3 months for his prostate, now his back is bad",), "cancer"),
        (("dr said I have balloon in the main artery, today back pain very strong",), "aneurysm"),
        (("back pain and I can't stop shivering, my teeth are chattering",), "infection"),
        (
            ("low back pain since lifting", "I have to wait ages before any pee comes now"),
            "cauda_equina",
        ),
        (
            (
                "my back hurts at night, can I take ibuprofen?",
                "sorry, it's not my back, it's my daughter's, she's 10, it wakes her every night",
            ),
            "child",
        ),
        (("toddler is 3, won't walk since yesterday and screams when we touch his back",), "child"),
        (
            ("my wife spotted a lump in my belly that throbs, I'm 72, my back has ached a week",),
            "aneurysm",
        ),
    ],
)
def test_lay_and_second_language_wording_answers_to_a_question_and_a_story_handed_to_a_child(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        (
            "I've lost a bit of weight and my back aches",
            "that's the plan my dietitian set, 4 kg over 3 months, on purpose",
        ),
        ("the GP mentioned cauda equina once, my back is only stiff from gardening",),
        ("numb down there after a long bike ride, then it was completely normal, no back pain",),
        ("keep waking up sweaty at night, it was the new duvet, back a little stiff",),
        ("no - I misread the letter, the aneurysm is my uncle's; I'm 35 with a stiff back",),
    ],
)
def test_a_reason_given_later_a_clinicians_mention_a_passing_numbness_and_sweats_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (("my back went on monday and now I have what my husband calls a floppy foot",),
         "neuro_deficit"),
        (("L leg weakness, unable to stand from a chair w/o pushing on arms, lower back pain, "
          "worse since last week",), "neuro_deficit"),
        (("mum is 79, back pain for days, can't lift either foot now, was walking fine on "
          "friday",), "neuro_deficit"),
        (("I have osteoporosis and my lower back has hurt since stepping down off the bus "
          "awkwardly on saturday",), "fracture"),
        (("on prednisolone 15mg 9/12, back pain after lifting bags out of the car",), "fracture"),
        (("lower back pain for a week, and the feeling has changed around my bottom since "
          "yesterday",), "cauda_equina"),
    ],
)  # fmt: skip
def test_what_someone_else_calls_it_shorthand_both_feet_and_small_strains_raise_their_family(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        ("3 day course of prednisolone for asthma in the spring, back sore from lifting boxes",),
        ("my uncle had prostate cancer, should I ask for a PSA? back stiff from football, I'm 31",),
    ],
)
def test_a_short_steroid_course_and_a_psa_only_asked_about_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


@pytest.mark.parametrize(
    "said",
    [
        ("ever since my second baby there's an ache low on the left side of my back, what is it?",),
        ("after my 3rd pregnancy my lower back hurts getting out of the car",),
        ("my back has been sore since the baby was born, she's 4 months now",),
    ],
)
def test_an_ache_since_the_writers_own_baby_is_no_child_flag(said: tuple[str, ...]) -> None:
    assert families(*said) == set()


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (("Been on prednisolone for my asthma for most of the last year, bent to lift the dog "
          "and something went in my lower back",), "fracture"),
        (("Writing for my grandad, 81, back sore since Tuesday.",
          "He missed the bottom step off the tram and sat down hard, says it's nothing."),
         "fracture"),
        (("our ute rolled on a gravel road on Sunday and my lower back has been bad since",),
         "fracture"),
        (("a cow kicked me and knocked me flying into a fence, my back's tender right on the "
          "bone in the middle",), "fracture"),
        (("sciatica down my right leg since the gym", "now the left calf is at it too, so both "
          "legs now"), "cauda_equina"),
        (("Agent at the front desk: gentleman with back pain who has been wetting his trousers "
          "without realising it since Monday",), "cauda_equina"),
        (("lower back agony for a week", "come to think of it I haven't felt the need to wee "
          "since breakfast"), "cauda_equina"),
        (("my mum's left foot has been flopping and her chappal keeps slipping off, her back "
          "hurts for a month",), "neuro_deficit"),
        (("my back went a week ago and I can't point my toes up on the left any more",),
         "neuro_deficit"),
        (("Age: 63\nBack pain: 3 weeks, constant\nPrevious injury: no\nTemperature: 38.6",),
         "infection"),
        (("I'm 59, lower back ache for six weeks and my trousers are big on me now",), "cancer"),
        (("Child's age: 12\nBack pain: 6 weeks\nWakes at night: yes",), "child"),
    ],
)  # fmt: skip
def test_findings_told_in_forms_replies_and_everyday_consequences_raise_their_flag(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        ("Got a chest infection, 38.7 and coughing. My back's fine, it's my ribs that ache",),
        ("Child's age: 9 / Back pain: 2 days after PE / Wakes at night: no / Fever: no",),
        ("I had my aneurysm repaired years ago, no pain at all, can I go on a cruise?",),
        ("I read online that a disc can make you wet yourself, my bladder is fine though, "
         "just sciatica",),
        ("65, on finasteride for a weak stream for years, same as ever. Strained my back "
         "digging",),
        ("sciatica in my left leg", "if I couldn't feel when I need to pee would that count?"),
        ("my lower back aches low down across both sides after moving furniture",),
    ],
)  # fmt: skip
def test_a_back_told_as_fine_a_forms_no_a_read_worry_and_an_old_unchanged_finding_raise_nothing(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()


@pytest.mark.parametrize(
    ("said", "family"),
    [
        (("lower back sore for days and I soiled... no, I pooped myself in the shop without "
          "even noticing, I'm 47",), "cauda_equina"),
        (("slipped disc they said 3 weeks back, now my left foot does not lift up and gets "
          "worse every day",), "neuro_deficit"),
        (("had a spinal anaesthetic when our daughter was born last week, my low back is "
          "hurting more each day where the needle went in",), "infection"),
        (("a freckle on my arm turned out to be melanoma in 2016, now a new deep ache low in "
          "my back",), "cancer"),
        (("back sore for a month", "I only have one kidney, the right was removed in 2021 "
          "because of a tumour"), "cancer"),
        (("seen by haematology for myeloma, not on treatment, and my lower back started "
          "hurting this week",), "cancer"),
        (("came off my snowboard and hit a tree quite fast, lower back killing me, 31",),
         "fracture"),
        (("my 13 year old has had a lower back ache for 7 weeks",), "child"),
        (("I'm 64, my back is fine in the day but the pain wakes me every night and "
          "paracetamol does nothing",), "cancer"),
    ],
)  # fmt: skip
def test_lay_stories_and_a_back_fine_only_by_day_raise_their_flag(
    said: tuple[str, ...], family: str
) -> None:
    assert family in families(*said)


@pytest.mark.parametrize(
    "said",
    [
        ("Came off my scooter, grazed my elbow, back is fine. Do I need a tetanus jab?",),
        ("Two winters ago I had pneumonia with back pain and a temperature of 39 for a week "
         "and it cleared. Now a dull ache after decorating",),
        ("Type 2 diabetic, both feet numb from neuropathy for 8 years, exactly the same as "
         "always. Sore lower back from a new office chair",),
        ("A: mechanical LBP. Pt denies fever, saddle numbness, urinary retention, faecal "
         "incontinence, leg weakness.",),
        ("30 weeks pregnant, back aches in the evenings and I leak a tiny bit when I cough",),
        ("Heavy deadlifts at the gym on Monday, lower back tight since, I'm 28",),
        ("Dieting since spring, down 5kg on purpose. Back twinges when I run. Would losing "
         "weight help my back?",),
        ("my 10 year old hurt his back at football in May, better within days and he's been "
         "fine for two months",),
        ("tripped on the curb and hurt my wrist, no back pain at all, I'm 55",),
        ("my sleep took a big hit when the baby came and now my lower back is stiff",),
        ("the lump on my hip bone turned out to be a benign bony growth, my back aches a bit",),
    ],
)  # fmt: skip
def test_a_back_fine_a_dated_illness_unchanged_numbness_a_notes_negatives_and_gym_loads_are_none(
    said: tuple[str, ...],
) -> None:
    assert families(*said) == set()
