"""The conversation policy: a new flag leads; an earlier one is a one-line reminder above a
normal reply; with no flag, own back pain ends with the safety-net checklist."""

import pytest

from assistant.conversation import Turn

pytestmark = pytest.mark.slow
FLAG = "I have back pain and I wet myself this morning without noticing"


def test_a_new_flag_leads_and_shows_only_evidence_about_it(assistant) -> None:
    answer = assistant.ask(FLAG, audience="patient")
    assert answer.status == "urgent" and answer.triage is not None and answer.triage.new
    assert answer.triage.flags[0].family == "cauda_equina"
    assert (
        answer.triage.flags[0].signal == "rule" and "wet myself" in answer.triage.flags[0].matched
    )
    families = assistant._triage.knowledge.families
    for citation in answer.citations:
        assert any(term in citation.quote.lower() for term in families["cauda_equina"].evidence)
    if not answer.citations:
        assert answer.reply_kind == "none" and answer.retrieved == []


def test_an_earlier_flag_is_a_reminder_above_the_reply_to_the_new_message(assistant) -> None:
    history = [Turn(role="user", content=FLAG), Turn(role="assistant", content="URGENT ...")]
    answer = assistant.ask("What is the capital of France?", history=history, audience="patient")
    assert answer.triage is not None and answer.triage.new is False
    assert answer.triage.reminder.startswith("Reminder: earlier you mentioned")
    assert (answer.status, answer.reply_kind) == ("out_of_scope", "out_of_scope")
    answered = assistant.ask(
        "How is sacroiliac joint pain confirmed?", history=history, audience="patient"
    )
    assert answered.triage is not None and not answered.triage.new
    assert answered.reply_kind == "answer" and answered.citations


def test_a_flag_that_first_appears_in_a_follow_up_is_announced(assistant) -> None:
    history = [
        Turn(role="user", content="How is sacroiliac joint pain confirmed?"),
        Turn(role="assistant", content="Injections [1]."),
    ]
    answer = assistant.ask("and now I have a temperature of 38.9", history=history)
    assert answer.status == "urgent" and answer.triage is not None and answer.triage.new
    assert answer.triage.flags[0].signal == "number"


def test_a_flag_nine_turns_back_is_still_carried(assistant) -> None:
    history = [Turn(role="user", content="I can't feel my bottom when I wipe")]
    for i in range(9):
        history += [Turn(role="assistant", content="..."), Turn(role="user", content=f"ok {i}")]
    history.append(Turn(role="assistant", content="..."))
    answer = assistant.ask("Which mattress is best?", history=history)
    assert answer.triage is not None and answer.triage.flags[0].id == "saddle-anaesthesia"


def test_own_back_pain_without_a_flag_ends_with_the_checklist(assistant) -> None:
    answer = assistant.ask(
        "My lower back has ached for a week since I moved house. Will SI joint pain settle?",
        audience="patient",
    )
    assert answer.triage is None and answer.safety_net is not None
    assert answer.safety_net.text.startswith("Get urgent medical help if you also have")
    assert len(answer.safety_net.items) == 7 and answer.safety_net.none_reply == "None of these"
    clinician = assistant.ask("58F with 3 weeks of low back pain; how is SI pain confirmed?")
    assert clinician.safety_net is not None
    assert clinician.safety_net.text.startswith("Red flags to exclude:")


def test_every_quick_reply_leads_to_its_urgent_advice(assistant) -> None:
    for audience in ("patient", "clinician"):
        net = assistant._triage.safety_net(audience)
        for item in net.items:
            answer = assistant.ask(item.reply, audience=audience)
            assert answer.status == "urgent", item.reply
            assert item.family in {h.family for h in answer.triage.flags}, item.reply


def test_none_of_these_is_acknowledged(assistant) -> None:
    answer = assistant.ask("None of these", audience="patient")
    assert answer.triage is None and answer.status == "safety_net"
    assert answer.answer.startswith("Thank you.")


def test_a_question_about_warning_signs_gets_the_checklist(assistant) -> None:
    answer = assistant.ask("Which symptoms mean I should go to A&E with back pain?")
    assert answer.status == "safety_net" and answer.reply_kind == "safety_net"
    assert answer.safety_net is not None and answer.answer == answer.safety_net.text


def test_questions_about_other_things_get_no_checklist(assistant) -> None:
    answer = assistant.ask("How accurate is the buttock applied strain test?")
    assert answer.safety_net is None


def test_a_reply_to_the_assistants_own_question_is_read_with_it(assistant) -> None:  # type: ignore[no-untyped-def]
    """ "yes, twice today" means what the assistant asked; "no" to it raises nothing."""
    history = [
        Turn(role="user", content="my lower back has been bad since I moved a wardrobe"),
        Turn(role="assistant", content="Have you had any accidents with your bladder or bowels?"),
    ]
    answer = assistant.ask("yes, twice today", history=history, audience="patient")
    assert answer.triage is not None and answer.triage.new
    assert answer.triage.flags[0].family == "cauda_equina"
    denied = assistant.ask("no, none of that", history=history, audience="patient")
    assert denied.triage is None
