"""The evidence check's strict question types, on the real analyser."""

import pytest

from assistant.answer.question_types import QuestionTypes
from assistant.corpus.loader import load_corpus
from assistant.text import Analyzer
from tests.conftest import REAL_CORPUS

ANALYZER = Analyzer(load_corpus(REAL_CORPUS).synonyms)
TYPES = QuestionTypes(ANALYZER)


@pytest.mark.parametrize(
    ("question", "answer", "missing"),
    [
        ("How many mg of naproxen can I take?", "Anti-inflammatory medication helps.", ["a dose"]),
        ("What dose of gabapentin is usual?", "Gabapentin 300 mg was given.", []),
        ("How long does recovery take after fusion?", "Fusion is a last resort.",
         ["how long it takes or lasts", "what happens over time (recovery or recurrence)"]),
        ("How long did relief last?", "Relief lasted 12 weeks.", []),
        ("How often does it come back after removal?", "It turns malignant in 1% of cases.",
         ["what happens over time (recovery or recurrence)"]),
        ("What percent recover within 6 weeks?", "Most recovered within 6 weeks.", []),
        ("What treatments help SI joint pain?", "Belts help.", []),
        ("How much does SI joint fusion cost?", "Fusion should be a last resort.", ["a cost"]),
        ("What is the incidence of SI pain after lumbar fusion?", "It is the source in 15%.",
         ["a rate or outcome over time"]),
        ("Success rate of neurolysis at 2 years?", "Neurolysis relieved pain in 80%.",
         ["a rate or outcome over time"]),
    ],
)  # fmt: skip
def test_strict_types_need_their_kind_of_answer(
    question: str, answer: str, missing: list[str]
) -> None:
    assert TYPES.unmet(question, [answer]) == missing


def test_answer_types_are_recognised() -> None:
    assert [t.name for t in TYPES.of("Why does iron cause low phosphate?")] == ["cause"]
    assert "quantity" in [t.name for t in TYPES.of("How accurate is the BUAS test?")]
    assert "treatment" in [t.name for t in TYPES.of("And how is it treated?")]
    assert TYPES.offers("The authors attribute it to FGF23.", TYPES.of("Why does it happen?"))
    assert not TYPES.offers("Belts help.", TYPES.of("Why does it happen?"))


def test_a_level_in_a_name_is_not_a_figure() -> None:
    wanted = TYPES.of("What were the phosphate levels?")
    assert "quantity" in [t.name for t in wanted]
    assert not TYPES.offers("Pain seldom reaches above L5.", wanted)
    assert TYPES.offers("Serum phosphate was 0.27 mmol/L.", wanted)
    # a level of the body is a place, not a figure
    assert not TYPES.wants_figure("can it hurt higher up though, round my waist level?")
    assert not TYPES.wants_figure("is pain above the level of L5 typical?")


def test_a_percent_sign_asks_for_a_figure_as_the_word_does() -> None:
    assert TYPES.wants_figure("What % of pts get relief after a block?")
    assert TYPES.wants_figure("what% of women get it after a c-section")
    assert TYPES.figure_words("What % of LBP is the SIJ?").lower() == "what %"


def test_the_words_asking_for_a_figure_are_told_apart_from_what_it_is_of() -> None:
    assert TYPES.figure_words("What prevalence does Foley quote?").lower() == "prevalence"
    assert TYPES.figure_words("How common is SI joint pain?").lower() == "how common"
    assert TYPES.figure_words("What treatments help?") == ""


@pytest.mark.parametrize(
    ("question", "status"),
    [
        # a figure the corpus has only of something else ("32% screened positive")
        ("What percentage of patients get lasting relief from radiofrequency denervation?",
         "insufficient_evidence"),
        ("How common is neuropathic pain in chronic low back pain?", "answered"),
        # chat shorthand is read as the words it stands for, not as words the corpus lacks
        ("whats neurolysis?", "answered"),
        ("How many pts were in the BUAS study?", "answered"),
        # a definition no sentence gives is answered by a sentence naming the subject
        ("what is an SNRB?", "answered"),
        # a lay phrase whose red-flag word is masked ("crack") leaves a word the vocabulary
        # knows as part of it ("hairline"), not a gap in the evidence
        ("Is a hairline crack in the tailbone possible after giving birth?", "answered"),
        # words relating two figures ("agree", "way apart") say how, not what the figure is of
        ("Do the reviews agree on what share of low back pain the sacroiliac joint causes, or "
         "are their numbers way apart?", "answered"),
        # the vocabulary: a British spelling, a lay plural, a way of saying "compared with"
        ("Is any single SI joint provocation manoeuvre valid on its own?", "answered"),
        ("What is done about bony growths on the pelvis that hurt?", "answered"),
        ("How sensitive was BUAS when benchmarked against painDETECT?", "answered"),
    ],
)  # fmt: skip
def test_figures_shorthand_and_definitions(assistant, question: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert assistant.ask(question).status == status


def test_a_definition_no_sentence_gives_is_answered_by_one_naming_it(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("whats neurolysis?")
    assert "(neurolysis)" in answer.answer.split("[1]")[0]
    pointed = assistant.ask("my physio did something called the BUAS test. what is that for?")
    assert pointed.status == "answered" and "BUAS" in pointed.answer


def test_asks_that_name_no_topic_are_no_gap_in_the_evidence(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask(
        "is an SI joint injection worth it? does it fix it or just show whats wrong"
    )
    assert answer.status == "answered"
    assert not {"worth", "wrong"} & set(answer.not_covered)


def test_a_strict_type_gets_a_sentence_that_meets_it(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask(
        "how soon after the c-section did the woman in the sacral fracture case get pain?"
    )
    assert answer.status == "answered"
    assert "2 days after a caesarean" in answer.answer


def test_what_a_yes_no_question_asks_will_help_must_be_in_the_corpus(assistant) -> None:  # type: ignore[no-untyped-def]
    """Its head word decides: a mattress or a hot-water bottle the corpus never names is the
    missing ask, however the rest of the question reads; belts it names are answered."""
    for question in (
        "would an orthopaedic mattress help the pain above my buttocks?",
        "will using a hot water bottle help my SI joint ache?",
    ):
        answer = assistant.ask(question)
        assert answer.status == "insufficient_evidence", question
    belts = assistant.ask("does wearing one of those sacroiliac belts really help?")
    assert belts.status == "answered"
    assert "belt" in belts.answer


def test_odds_and_chances_are_the_risk_the_corpus_gives() -> None:
    assert "risk" in ANALYZER.expand("what are the odds it turns cancerous?")
    assert "risk" in ANALYZER.expand("whats the chance it becomes malignant")


def test_a_later_part_carrying_a_figure_ask_along_does_not_ask_for_a_figure(assistant) -> None:  # type: ignore[no-untyped-def]
    """A later part ("where is it felt") reads with the first part to know what "it" is, but
    asks for no figure itself: the figure check weighs only the parts that ask for one."""
    answer = assistant.ask(
        "sacroiliac joint pain - (1) what share of low back pain is it, (2) where do "
        "patients feel it"
    )
    assert answer.status == "answered"
    assert "15%" in answer.answer


def test_a_figure_asked_at_one_time_is_not_answered_by_one_told_at_another(assistant) -> None:  # type: ignore[no-untyped-def]
    """The stenosis study reports its blocks' results up to 12 weeks: asked at 18 months, the
    corpus has no such figure; asked at 3 months, it has."""
    late = assistant.ask(
        "What percentage of the nerve root block patients still had a good response at 18 months?"
    )
    assert late.status == "insufficient_evidence"
    three = assistant.ask("How far had buttock pain scores fallen at 3 months after the blocks?")
    assert three.status == "answered"
    assert "by 12 weeks" in three.answer


def test_a_studys_methods_and_attributing_say_how_a_figure_is_asked_for(assistant) -> None:  # type: ignore[no-untyped-def]
    """ "Methods" and "attribute" tell how a figure is asked for, not what it is of: the
    corpus's figures answer these."""
    attributed = assistant.ask(
        "Two reviews: what share of lower back pain does each of them attribute to the SIJ?"
    )
    assert attributed.status == "answered"
    assert "15%" in attributed.answer
    methods = assistant.ask("Orita methods - how many patients, and how many sites?")
    assert methods.status == "answered"
