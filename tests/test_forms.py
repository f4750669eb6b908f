"""Question forms, read without a model: comparisons and their sides, parts, case stories."""

import pytest

from assistant.answer.forms import QuestionForms

FORMS = QuestionForms()


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("Is the BUAS test better than the straight leg raise for radicular pain?",
         ("BUAS test", "straight leg raise")),
        ("physio vs injections for SI joint pain?? which one works", ("physio", "injections")),
        ("x ray or MRI - which one is better for a sacral stress fracture?", ("x ray", "MRI")),
        ("Spinal stenosis - selective nerve root block or facet joint block, which is better?",
         ("selective nerve root block", "facet joint block")),
        ("In LSS, is buttock pain radicular or referred from the facets?",
         ("buttock pain radicular", "referred from the facets")),
    ],
)  # fmt: skip
def test_comparisons_and_their_sides(question: str, sides: tuple[str, str]) -> None:
    plan = FORMS.plan(question)
    assert plan.form == "comparison"
    assert plan.parts == sides


def test_an_or_that_asks_for_no_choice_is_not_a_comparison() -> None:
    assert FORMS.plan("Can back pain spread to the buttock or the thigh?").form == "yes_no"
    assert FORMS.plan("I have pain in my back or my side, what treatments help?").form == "open"


def test_several_parts_each_stand_alone() -> None:
    plan = FORMS.plan("What is an osteochondroma, which scan shows it best, and how is it treated?")
    assert plan.form == "multi_part"
    assert plan.parts == (
        "What is an osteochondroma",
        "which scan shows it best (What is an osteochondroma)",
        "how is it treated (What is an osteochondroma)",
    )


def test_a_statement_is_context_for_the_question_after_it() -> None:
    plan = FORMS.plan("The surgeon mentioned SI joint arthrodesis. What does arthrodesis mean?")
    assert plan.form == "definition" and plan.subject == "arthrodesis"
    parts = FORMS.parts("Iron infusions and back pain - what happened and how was it managed?")
    assert parts[0] == "Iron infusions and back pain what happened"


@pytest.mark.parametrize(
    "question",
    [
        "36F, 2 days post caesarean, severe R buttock pain, plain films normal. What am I missing?",
        "LBP with leg symptoms, MRI unremarkable, tender trigger point over the iliac crest. "
        "What should I think of?",
        "I had my baby three weeks ago and my lower back and bum really hurt. What could it be?",
        "Fell off my bike last spring and the ache above my bum never went. The GP says it is "
        "just muscles. Could it be something else?",
        "58M, ache by the dimple on the left for a year, worse getting out of the car, nothing "
        "down the leg. Dx?",
        "My back has hurt on one side for months after my second baby and the midwife shrugged "
        "it off. Could it be my pelvis joint?",
        "Mum is 74, on iron drips for years, now achy everywhere and struggling on the stairs. "
        "What could this possibly be?",
    ],
)
def test_case_stories(question: str) -> None:
    assert FORMS.plan(question).form == "vignette"


def test_yes_no_definition_and_open() -> None:
    assert FORMS.plan("Has the BUAS test been validated outside pain clinics?").form == "yes_no"
    assert FORMS.plan("Whats an osteochondroma?").subject == "osteochondroma"
    assert FORMS.plan("How is sacroiliac joint pain confirmed?").form == "open"


def test_the_words_that_only_ask_are_not_topics() -> None:
    assert "missing" not in FORMS.without_asks("Plain films normal. What am I missing?")


def test_asks_after_a_topic_and_terse_asks_ending_in_a_question_mark_are_parts() -> None:
    plan = FORMS.plan(
        "Cluneal nerve entrapment: how do you make the dx, and what are the tx options?"
    )
    assert plan.parts == (
        "Cluneal nerve entrapment: how do you make the dx",
        "what are the tx options (Cluneal nerve entrapment)",
    )
    assert FORMS.plan(
        "BUAS reliability paper: n? comparators used? interrater agreement?"
    ).parts == (
        "BUAS reliability paper: n",
        "comparators used (BUAS reliability paper)",
        "interrater agreement (BUAS reliability paper)",
    )
    osteochondroma = FORMS.plan(
        "they found an osteochondroma on my hip bone. how common are these, can it turn "
        "cancerous, and what do they do about it?"
    )
    assert len(osteochondroma.parts) == 3


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("Sacral stress fracture: (a) who gets it (b) what imaging confirms it (c) how long "
         "to heal", 3),
        ("two things re the BUAS study 1) how many examiners 2) was agreement good?", 2),
        ("Cluneal nerve: i) where does it run, ii) how is entrapment treated?", 2),
        ("osteochondroma qs. 1. how often does it turn malignant 2. what surgery is done", 2),
        ("SIJ pain: A) how common is it and B) what is the test that confirms it", 2),
    ],
)  # fmt: skip
def test_numbered_or_lettered_asks_are_parts(question: str, count: int) -> None:
    plan = FORMS.plan(question)
    assert plan.form == "multi_part"
    assert len(plan.parts) == count
    assert not any(part.lstrip("(").startswith(("a)", "b)", "1)", "2)")) for part in plan.parts)


@pytest.mark.parametrize(
    "question",
    [
        "Is a grade 2) tear painful?",
        "My MRI (T2) showed fluid by the joint (b) ... what does that mean?",
        "I had 2) injections and now 3) weeks later my back hurts, what is causing it?",
    ],
)
def test_a_lone_or_out_of_order_marker_does_not_split(question: str) -> None:
    assert FORMS.plan(question).form != "multi_part"


def test_a_statement_before_a_question_is_context_not_a_part() -> None:
    assert FORMS.plan("If I have SIJ pain, is physio any good?").parts == ()


@pytest.mark.parametrize(
    "question",
    [
        "what is a cluneal nerve? the physio said mine is trapped",
        "whats osteochondroma? they found one on my scan last week",
    ],
)
def test_a_statement_after_a_question_is_its_story_not_a_part(question: str) -> None:
    plan = FORMS.plan(question)
    assert plan.form == "definition"
    assert plan.parts == ()


def test_wondering_why_after_a_question_is_a_part_of_its_own() -> None:
    plan = FORMS.plan("Do all SI joints look alike? just wondering why my jab took so long")
    assert len(plan.parts) == 2


def test_where_a_pain_is_coming_from_asks_for_a_cause() -> None:
    story = (
        "I am 30 weeks pregnant, pain low on the right above my bum, worse when I stand for a "
        "while. What is this pain probably coming from?"
    )
    assert FORMS.plan(story).form == "vignette"


def test_asking_for_the_answer_as_a_number_names_nothing_to_cover() -> None:
    question = "how often does it turn cancerous, roughly a percentage?"
    assert "percentage" not in FORMS.without_asks(question)
    assert "number" not in FORMS.without_asks("how likely is it to come back, like a number")


@pytest.mark.parametrize(
    ("message", "asking"),
    [
        ("whats ferric carboxymaltose? its on my discharge letter", "whats ferric carboxymaltose?"),
        ("40F runner, pain below L5, MRI + CT unremarkable. SIJ? How do I actually prove it?",
         "SIJ? How do I actually prove it?"),
        ("I was offered acupuncture. Will it help?", "I was offered acupuncture. Will it help?"),
        ("heat or ice for my back", "heat or ice for my back"),
        ("Please explain the BUAS test. I am a physio.", "Please explain the BUAS test."),
    ],
)  # fmt: skip
def test_the_sentences_that_ask(message: str, asking: str) -> None:
    assert FORMS.asking(message) == asking


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("45F, pain over the PSIS, no leg sx. Likely source and how would i confirm it?",
         ("Likely source", "how would i confirm it")),
        ("Hard bony mass palpable over R PSIS. Ddx + best imaging?", ("Ddx", "best imaging")),
    ],
)  # fmt: skip
def test_asks_without_a_question_word(question: str, asks: tuple[str, str]) -> None:
    parts = FORMS.parts(question)
    assert len(parts) == 2
    assert all(ask in part for ask, part in zip(asks, parts, strict=True))


def test_a_short_message_is_read_whole() -> None:
    message = "I am 45 and sit all day. Why does my back hurt above the buttocks?"
    assert FORMS.read(message, 300) == message


def test_a_long_message_is_read_from_its_asks_then_the_story_nearest_them() -> None:
    story = " ".join(f"On day {n} I walked to the shop." for n in range(1, 60))
    message = f"{story} The pain is worse when I sit. Could it be the SI joint? Thanks."
    read = FORMS.read(message, 120)
    assert len(read) <= 120
    assert "Could it be the SI joint?" in read
    assert "The pain is worse when I sit." in read
    assert "day 1 " not in read
    assert read.index("worse when I sit") < read.index("Could it be")


def test_a_repeated_ask_is_read_once_and_an_overlong_one_is_cut_at_a_word() -> None:
    repeated = " ".join(["What is SI joint pain and how is it treated?"] * 50)
    assert FORMS.read(repeated, 300) == "What is SI joint pain and how is it treated?"
    endless = "How is SI joint pain confirmed with " + "scan " * 200 + "?"
    read = FORMS.read(endless, 100)
    assert read.startswith("How is SI joint pain confirmed with scan")
    assert len(read) <= 100 and read.endswith("scan")


def test_fillers_are_no_side_and_name_nothing_to_cover() -> None:
    question = "how is SI joint pain different from back pain from a disc or whatever?"
    assert FORMS.plan(question).form != "comparison"
    assert "whatever" not in FORMS.without_asks(question)
    assert "wrong" not in FORMS.without_asks("does a jab fix it or just tell them whats wrong")


def test_a_side_ends_where_the_question_says_which_it_prefers() -> None:
    from assistant.answer.forms import QuestionForms

    plan = QuestionForms().plan("is CT or MRI the better scan for a lump on the pelvis?")
    assert plan.parts == ("CT", "MRI")
