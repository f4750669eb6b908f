"""Answers composed by the question's form, on the real corpus and model: the sentence that
answers comes first; comparisons, several parts and case stories get what they ask for."""

import pytest

from assistant.answer.extractive import ANAPHORS
from assistant.answer.markers import cited_sentences
from assistant.conversation import Turn


def _first(answer) -> str:  # type: ignore[no-untyped-def]
    return cited_sentences(answer.answer)[0].text


def test_a_comparison_leads_with_the_sentence_that_compares(assistant) -> None:
    answer = assistant.ask("Is the BUAS test better than the straight leg raise?")
    assert _first(answer).startswith("Compared with the straight leg raise test")


def test_a_comparison_nobody_made_is_said_first(assistant) -> None:
    answer = assistant.ask(
        "Radiofrequency denervation or fusion for SI joint pain, which is better?"
    )
    assert _first(answer).startswith("No prospective studies had compared")
    assert "radiofrequency denervation" in answer.answer and "arthrodesis" in answer.answer


def test_each_part_of_a_question_gets_its_sentence(assistant) -> None:
    answer = assistant.ask("What is an osteochondroma and how is it treated?")
    assert "most common benign bone tumour" in _first(answer)
    assert "excision en bloc" in answer.answer


def test_a_case_story_leads_to_the_condition_it_matches(assistant) -> None:
    answer = assistant.ask(
        "30F, 3 weeks after giving birth, severe buttock pain, x-rays normal. What could this be?"
    )
    assert "sacral stress fracture" in _first(answer)
    assert all(c.ref == 7 for c in answer.citations)


def test_a_question_telling_a_case_reports_story_is_answered_from_that_report(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask(
        "IV iron x3 for IBD, now generalised aches, reduced mobility and low back pain - what to "
        "consider?"
    )
    assert answer.status == "answered"
    assert {c.ref for c in answer.citations} == {9}


def test_a_study_description_does_not_answer_a_question_about_findings(assistant) -> None:
    answer = assistant.ask("Why can iron infusions cause fractures?")
    assert "FGF23" in _first(answer)
    assert "This case report describes" not in answer.answer
    about_the_study = assistant.ask("Who was the patient in the iron infusion case report?")
    assert "This case report describes" in about_the_study.answer


@pytest.mark.parametrize(
    "question",
    ["Is physio any good for pelvis joint pain?", "What is the PSIS?", "whats a cluneal nerve?"],
)
def test_lay_words_and_abbreviations_are_in_scope(assistant, question: str) -> None:
    assert assistant.ask(question).status == "answered"


def test_a_short_question_picking_up_the_last_topic_is_a_follow_up(assistant) -> None:
    history = [
        Turn(role="user", content="What does a selective nerve root block show in stenosis?")
    ]
    answer = assistant.ask("which block did better early on?", history=history)
    assert "41% versus 13%" in _first(answer)
    assert assistant.ask("which block did better early on?").status == "out_of_scope"


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("How much does SI joint fusion cost?", "a cost"),
        ("What's the success rate of radiofrequency denervation at 5 years?", "over time"),
    ],
)
def test_a_figure_the_corpus_lacks_is_refused_by_name(
    assistant, question: str, missing: str
) -> None:
    answer = assistant.ask(question)
    assert answer.status == "insufficient_evidence"
    assert missing in answer.answer and answer.answer.count("cost") <= 1


@pytest.mark.parametrize(
    "question",
    [
        "Is the BUAS test better than the straight leg raise?",
        "What is an osteochondroma and how is it treated?",
        "Why can iron infusions cause fractures?",
        "How common is sacroiliac joint pain and who gets it?",
    ],
)
def test_no_answer_opens_with_a_word_pointing_back(assistant, question: str) -> None:
    first_word = _first(assistant.ask(question)).split()[0].lower().strip(",")
    assert first_word not in ANAPHORS


def test_a_case_story_matches_the_sentence_that_describes_most_of_it(assistant) -> None:
    answer = assistant.ask(
        "45F, unilateral pain just below the belt line, she points right at the dimple over the "
        "PSIS, nothing above L5, no leg sx. Likely source and how would i confirm it?"
    )
    assert "sacroiliac" in _first(answer).lower()


def test_a_comparison_of_things_no_study_compared_does_not_lead_with_that(assistant) -> None:
    answer = assistant.ask(
        "Role of CT in suspected SIJ pain versus suspected pelvic osteochondroma?"
    )
    assert not _first(answer).startswith("No prospective studies")


def test_a_follow_up_does_not_repeat_what_the_last_reply_said(assistant) -> None:
    shown = (
        "Entrapment of the superior cluneal nerve is reported in 1.6-14% of patients with low "
        "back pain, according to this review [3]."
    )
    history = [
        Turn(role="user", content="how common is cluneal nerve entrapment?"),
        Turn(role="assistant", content=shown),
    ]
    answer = assistant.ask("and how do they fix it?", history=history)
    assert "1.6-14%" not in _first(answer)


def test_a_definition_can_be_a_gloss_on_one_word_of_the_subject(assistant) -> None:
    answer = assistant.ask("what does arthrodesis of the SI joint mean")
    assert "arthrodesis (surgical fusion)" in _first(answer)


def test_a_treatment_the_corpus_never_names_is_refused_by_name(assistant) -> None:
    answer = assistant.ask(
        "Has prolotherapy (dextrose) been shown to outperform intra-articular steroid for SIJ pain?"
    )
    assert answer.status == "insufficient_evidence"
    assert "prolotherapy" in answer.not_covered


def test_a_slip_in_a_word_the_corpus_has_is_not_taken_for_a_gap(assistant) -> None:
    assert assistant.ask("what is an osteocondroma?").status == "answered"


def test_a_case_storys_further_ask_is_asked_of_the_condition_it_matches(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask(
        "38M, landed on his bum skiing 4 months ago, one-sided pain he points to at the PSIS, "
        "nothing above L5. What is it likely to be and how would I confirm it?"
    )
    sentences = [s.text for s in cited_sentences(answer.answer)]
    assert "sacroiliac joint pain" in sentences[0]
    assert any("comparative injections of local anaesthetic" in s for s in sentences[:2])


def test_a_later_part_is_read_with_what_the_first_names_not_its_ask(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask(
        "my doctor found an osteochondroma on my pelvis. how common are they, could it "
        "become cancer, and what do they do about it?"
    )
    assert "most common benign bone tumour" in answer.answer
    assert "malignant in about 1%" in answer.answer
    assert "excision en bloc" in answer.answer


def test_a_where_question_leads_with_where(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("where do people with SI joint pain usually feel it?")
    assert "most point to the area around the posterior superior iliac spine" in _first(answer)


def test_asking_which_is_the_better_test_finds_the_key_test(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask(
        "suspected osteochondroma over the PSIS - would CT or MRI be the better test?"
    )
    assert "CT as the key test" in _first(answer)


def test_a_sentence_scoring_a_good_share_of_a_high_best_joins_the_answer(assistant) -> None:  # type: ignore[no-untyped-def]
    """The margin floor leaves one sentence when the best scores high (then a companion from
    its paper joins); another sentence of the papers drawn on within the share floor
    (ASSISTANT_SENTENCE_SHARE) joins too; one far below, or from another paper, does not."""
    from dataclasses import replace

    from tests.test_lead import _selected

    def scored(sentence: str, doc: str, score: float):  # type: ignore[no-untyped-def]
        selected = _selected(sentence, doc)
        chunk = selected.passage.chunk.model_copy(update={"doc_id": doc})
        passage = selected.passage.model_copy(update={"chunk": chunk})
        return replace(selected, passage=passage, similarity=0.8, score=score)

    best = scored("Osteochondroma is the most common benign bone tumour.", "a", 1.2)
    companion = scored("An osteochondroma turns malignant in about 1% of cases.", "a", 0.9)
    share = scored("For an osteochondroma that causes symptoms, excision en bloc.", "a", 0.85)
    far = scored("It usually grows near the knee.", "a", 0.5)
    other = scored("The sacroiliac joint transfers vertical load from the spine.", "b", 0.9)
    chosen = assistant._composer._answerer.fill([best, companion, other, share, far], [])
    assert [c.sentence for c in chosen] == [best.sentence, companion.sentence, share.sentence]


def test_a_case_story_is_matched_to_the_condition_whose_picture_it_tells(assistant) -> None:  # type: ignore[no-untyped-def]
    # a story that names no condition, told in everyday words (corpus/conditions.yaml)
    answer = assistant.ask(
        "There's a spot on the ridge of my hip bone at the back, a hand's width from my spine, "
        "and pressing it sends pain down the back of my thigh. My spine scan was clear. "
        "What could this be and how would they check?"
    )
    sentences = [s.text for s in cited_sentences(answer.answer)]
    assert any("nerve block relieves the pain" in s for s in sentences[:2])
    assert not any("osteochondroma" in s or "stress fracture" in s for s in sentences[:2])


def test_a_case_storys_further_asks_get_sentences_of_their_own(assistant) -> None:  # type: ignore[no-untyped-def]
    """The sentence naming the condition ("imaging showed an osteochondroma") touches every
    further ask; each still gets the condition's best sentence not yet given."""
    answer = assistant.ask(
        "My daughter is 22 and there's a hard bony lump you can feel just above her bum on one "
        "side, it has ached for years and physio did nothing. What might it be, which scan "
        "shows it best and what would they do about it?"
    ).answer
    assert "osteochondroma" in answer.lower()
    assert "key test" in answer and "en bloc" in answer


def test_a_case_story_gets_how_its_condition_is_confirmed(assistant) -> None:  # type: ignore[no-untyped-def]
    """Asks no part break separates ("likely dx and best way to confirm") still get the
    pictured condition's sentence on confirming it; a story that asks only what it could be
    gets it too, as a clinician would answer."""
    for question in (
        "28F rower, 5/12 one-sided low back pain since a fall onto her buttocks, points with "
        "one finger to the sacroiliac area, nothing above L5, neuro normal. Likely dx and best "
        "way to confirm?",
        "Ever since a rugby tackle last year I get pain on one side just below my belt where "
        "my back meets my pelvis, I can cover it with one finger. What could it be?",
    ):
        answer = assistant.ask(question).answer
        assert "sacroiliac" in answer.lower(), question
        assert "local anaesthetic" in answer, question


def test_a_definition_told_across_two_sentences_leads_with_both(assistant) -> None:  # type: ignore[no-untyped-def]
    """The sentence saying what the whole subject is leads, and the one after it that goes on
    about it ("This condition arises from...") comes with it, misspelt subject and all."""
    for question in ("What is SI joint dysfunction?", "whats sacroilliac joint disfunction??"):
        answer = assistant.ask(question)
        first, second = (s.text for s in cited_sentences(answer.answer)[:2])
        assert first.startswith("Sacroiliac (SI) joint dysfunction is"), question
        assert second.startswith("This condition arises"), question


def test_a_sentence_naming_part_of_a_subject_does_not_define_it(assistant) -> None:  # type: ignore[no-untyped-def]
    roles = assistant._roles
    assert not roles.defines_whole(
        "The SI joint transmits forces from the spine to the lower extremities.",
        "SI joint dysfunction",
    )
    assert roles.defines_whole(
        "Sacroiliac (SI) joint dysfunction is a significant cause of lower back pain.",
        "SI joint dysfunction",
    )


def test_a_question_naming_a_paper_is_answered_from_that_paper(assistant) -> None:  # type: ignore[no-untyped-def]
    """A short ask about a paper named by its author ("the Orita study") is retrieved from that
    paper alone and need only point the way there; what the paper never says is still refused."""
    enrolled = assistant.ask("How many people did the Orita study enrol?")
    assert enrolled.status == "answered"
    assert "1,804" in enrolled.answer
    never = assistant.ask("What did Orita report about opioids?")
    assert never.status == "insufficient_evidence"
