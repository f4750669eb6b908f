"""Short replies to the assistant's own question, read as what they affirm (no model needed)."""

import pytest

from assistant.safety.replies import affirmed

LISTED = (
    "Thanks. Could you tell me if any of these apply? 1) tingling between the legs "
    "2) a change in how your bladder works 3) a fever"
)
LETTERED = "Please say which fit: a) waking at night with it b) fever c) a limp"


@pytest.mark.parametrize(
    ("asked", "reply", "told", "not_told"),
    [
        (LISTED, "1 and 3, since monday", ["tingling between the legs", "a fever"],
         ["bladder"]),
        (LISTED, "ticked 2", ["a change in how my bladder works"], ["fever", "tingling"]),
        (LETTERED, "b. since friday", ["fever"], ["limp", "waking"]),
        (LETTERED, "A & C", ["waking at night with it", "a limp"], ["fever"]),
        (LISTED, "its the third one", ["a fever"], ["bladder"]),
        (LISTED, "no to all of them except the bladder thing",
         ["a change in how my bladder works"], ["fever", "tingling"]),
        (LISTED, "yes the fever one", ["a fever"], ["bladder"]),
        (LISTED, "all of them", ["tingling", "bladder", "fever"], []),
        ("Does the ache stop him sleeping?", "yes most nights", ["the ache stop him sleeping"],
         []),
        ("Have you had any accidents with your waterworks?", "yeah twice",
         ["accidents with my waterworks"], []),
        ("Has there been any change in sensation between your legs?", "yes since monday",
         ["change in sensation between my legs"], ["any"]),
        ("Did it start all at once, and do you feel clammy?", "both",
         ["it start all at once", "I feel clammy"], []),
        ("How old are you, and did anything happen first?", "79, just bent to tie a shoe",
         ["I am 79 years old"], []),
        ("Thanks. How old is your daughter?", "she's 7", ["my daughter is 7 years old"], []),
        ("Have you checked your temperature?", "38.8 this morning", ["my temperature 38.8"], []),
        # the safety-net checklist's own items, picked by a word of one of them
        ("Get urgent medical help if you also have any of these: numbness around your bottom; "
         "a fever or feeling hot and shivery; a bad fall or accident.", "yes the fall",
         ["a bad fall or accident"], ["fever", "numbness"]),
        # a later alternative of an either-or question, named by the reply's first words
        ("Is the tingling in the same place as before, or is it creeping further up?",
         "creeping up, its past my knee now", ["the tingling creeping further up"], ["same"]),
        ("OK. Is the ache in one leg, or both?", "both today", ["both"], ["one leg"]),
        ("Could you tell me how old you are?", "67, it came on lifting a box",
         ["I am 67 years old"], []),
        # a list of lines opening with a bullet, picked by place
        ("Do any of these apply?\n- a fall\n- a fever\n- a pulsing feeling in your tummy",
         "just the last one", ["a pulsing feeling in my tummy"], ["fall", "fever"]),
        ("Which fits your leg best?\n\u2022 normal strength\n\u2022 weak and getting weaker\n"
         "\u2022 weak but recovering", "the 2nd", ["weak and getting weaker"], ["recovering"]),
    ],
)  # fmt: skip
def test_a_reply_is_read_as_what_it_affirms(
    asked: str, reply: str, told: list[str], not_told: list[str]
) -> None:
    text = affirmed(asked, reply)
    for words in told:
        assert words in text
    for words in not_told:
        assert words not in text


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        (LISTED, "none of those"),
        (LISTED, "no to all"),
        (LISTED, "nope, just the ache"),
        (LISTED, "2 weeks now, and no to the rest"),
        (LISTED, "is number 2 serious?"),
        ("Does the pain wake you at night?", "no, I sleep fine"),
        ("Does the pain wake you at night?", "not really"),
        ("How long has it been going on?", "3 days"),
        ("Thanks for the answer, that helps.", "yes thanks"),
        (LETTERED, "a bit better today"),
        (LISTED, "what do you mean by 1?"),
        (LISTED, "what do you mean by bladder"),
        ("How high is the temperature, and is he drinking?", "38.2, drinking ok"),
        (LISTED, "the fever one - well not me, my son had it"),
        ("Any numbness around your bottom?", "yes, wees fine, no numbness, just the pain"),
        ("Is it down one leg or both?", "yes"),
        # a story that happens to share a word with an option picks nothing
        (
            "Get urgent help if you also have any of these: a fever; a bad fall or accident; "
            "sudden severe tummy or back pain.",
            "lost a stone on purpose this year but my back has ached since I took up running",
        ),
    ],
)
def test_a_denial_a_question_back_or_an_answer_to_something_else_affirms_nothing(
    asked: str, reply: str
) -> None:
    assert affirmed(asked, reply) == ""


def test_the_first_alternative_or_an_or_between_two_nouns_is_no_later_choice() -> None:
    assert affirmed("Is the ache in one leg or both?", "just the one") == ""
    text = affirmed(
        "Have you had any leaks from your bladder or bowels, or trouble holding on?",
        "yes the bladder one",
    )
    assert "bladder or bowels" in text
