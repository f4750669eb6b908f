import pytest

from assistant.conversation import Turn, is_follow_up, standalone_query

HISTORY = [
    Turn(role="user", content="What is sacroiliac joint pain?"),
    Turn(role="assistant", content="It is pain from the SI joint. [1]"),
]


@pytest.mark.parametrize(
    "question",
    [
        "And how is it treated?",
        "What about the straight leg raise?",
        "Which scans showed it?",
        "How was that corrected?",
        "ok, and by 12 weeks?",
    ],
)
def test_follow_ups_are_recognised(question: str) -> None:
    assert is_follow_up(question)


@pytest.mark.parametrize(
    "question", ["How is sacroiliac joint pain treated?", "What is an osteochondroma?"]
)
def test_self_contained_questions_are_not_follow_ups(question: str) -> None:
    assert not is_follow_up(question)


def test_a_follow_up_borrows_the_last_user_question() -> None:
    assert standalone_query("And how is it treated?", HISTORY) == (
        "What is sacroiliac joint pain? And how is it treated?"
    )


def test_a_new_question_or_no_history_stays_as_it_is() -> None:
    assert standalone_query("What is an osteochondroma?", HISTORY) == "What is an osteochondroma?"
    assert standalone_query("And how is it treated?", []) == "And how is it treated?"
    assistant_only = [Turn(role="assistant", content="Hello")]
    assert standalone_query("And how is it treated?", assistant_only) == "And how is it treated?"


def test_a_terse_ask_that_names_no_subject_is_about_the_last_exchange() -> None:
    names = {"osteochondroma", "sacroiliac"}

    def stands_alone(text: str) -> bool:
        return any(name in text.lower() for name in names)

    history = [Turn(role="user", content="How is an osteochondroma of the PSIS diagnosed?")]
    assert is_follow_up("Management if symptomatic?", history, stands_alone)
    assert not is_follow_up("Sacroiliac joint fusion outcomes?", history, stands_alone)
    assert not is_follow_up("Management if symptomatic?", history)
    assert not is_follow_up("Management if symptomatic?", [], stands_alone)


def test_a_follow_up_of_a_follow_up_reaches_back_to_the_question_that_stands_alone() -> None:
    history = [
        Turn(role="user", content="Is the SI joint a common cause of back pain?"),
        Turn(role="assistant", content="It explains at least 15% of low back pain. [1]"),
        Turn(role="user", content="where would i feel it"),
        Turn(role="assistant", content="Most point to the area around the PSIS. [2]"),
    ]
    query = standalone_query("ok can a scan show if that's what's wrong?", history)
    assert query.startswith("Is the SI joint a common cause of back pain? where would i feel it")


@pytest.mark.parametrize(
    "question", ["Did the results differ by age?", "Which of the two worked better?"]
)
def test_a_short_question_about_the_results_or_the_two_is_a_follow_up(question: str) -> None:
    assert is_follow_up(question, HISTORY)
    assert not is_follow_up("What are the results of an MRI for back pain?")
