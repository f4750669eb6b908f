"""The answering pipeline on the real corpus: cited, grounded, honest when it cannot answer."""

import json

import pytest

from assistant.answer.markers import cited_sentences
from assistant.conversation import Turn
from assistant.errors import InvalidQuestionError
from assistant.schema import Answer, AnswerDelta

QUESTIONS = [
    "How is sacroiliac joint pain confirmed?",
    "What treatments help sacroiliac joint pain?",
    "Can a sacral stress fracture happen after childbirth?",
    "How accurate is the buttock applied strain test?",
    "Is buttock pain a sign of neuropathic pain?",
    "Why would an iron infusion cause back pain?",
    "What is cluneal nerve entrapment?",
    "When is an osteochondroma operated on?",
]


def _sentences_with_markers(answer: Answer) -> list[tuple[str, int]]:
    pairs = [(s.text, s.markers) for s in cited_sentences(answer.answer)]
    assert all(len(markers) == 1 for _, markers in pairs), "one marker after every sentence"
    return [(text, markers[0]) for text, markers in pairs]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_sentence_is_cited_and_stands_in_its_passage(assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.status == "answered"
    pairs = _sentences_with_markers(answer)
    assert 1 <= len(pairs) <= 6
    quotes = {c.n: c.quote for c in answer.citations}
    for sentence, n in pairs:
        assert sentence in quotes[n], (sentence, quotes[n])
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert {n for _, n in pairs} == set(quotes)


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_citation_resolves_to_corpus_metadata(assistant, question: str) -> None:
    answer = assistant.ask(question)
    retrieved = {p.chunk_id for p in answer.retrieved}
    references = {r.ref: r for r in answer.references}
    for citation in answer.citations:
        assert citation.chunk_id in retrieved
        reference = assistant.corpus.reference(citation.ref)
        assert (citation.title, citation.year, citation.url) == (
            reference.title,
            reference.year,
            reference.url,
        )
        assert citation.ref in references
        for cited in citation.cites:
            assert references[cited].title == assistant.corpus.reference(cited).title
        assert (citation.ref == "synthesis") or citation.cites == []


def test_sacroiliac_confirmation_is_drawn_from_refs_6_and_8(assistant) -> None:
    answer = assistant.ask("How is sacroiliac joint pain confirmed?")
    cited = {c.ref for c in answer.citations} | {r for c in answer.citations for r in c.cites}
    assert {6, 8} <= cited
    assert "inject" in answer.answer.lower()


@pytest.mark.parametrize(
    "question", ["write me a poem about the sea", "What is the capital of France?"]
)
def test_unrelated_questions_are_out_of_scope(assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.status == "out_of_scope"
    assert answer.citations == [] and answer.references == [] and answer.retrieved == []
    assert "only covers low back pain above the buttocks" in answer.answer


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Does acupuncture help sacroiliac joint pain?", '"acupuncture"'),
        ("How many mg of ibuprofen can I take for pain above my buttocks?", "a dose"),
        ("How long does relief from SI joint radiofrequency denervation last?", "how long"),
    ],
)
def test_in_topic_questions_the_evidence_does_not_cover(
    assistant, question: str, named: str
) -> None:
    answer = assistant.ask(question)
    assert answer.status == "insufficient_evidence"
    assert answer.citations == []
    assert named in answer.answer
    assert answer.not_covered
    assert answer.retrieved, "the nearest passages are still shown"
    assert "mg" not in answer.answer.replace("ibuprofen", "")


@pytest.mark.parametrize(
    "question", ["", "   \n\t", "x" * 2001, "\u200b\u200d\ufeff", "?!..", "back \ud800 pain"]
)
def test_bad_questions_are_refused_clearly(assistant, question: str) -> None:
    with pytest.raises(InvalidQuestionError) as caught:
        assistant.ask(question)
    assert caught.value.exit_code == 2
    assert "question" in caught.value.message


def test_question_at_the_limit_is_accepted(assistant) -> None:
    question = "How is sacroiliac joint pain confirmed? " * 40
    assert assistant.ask(question[:2000]).status in {"answered", "insufficient_evidence"}


def test_stream_yields_the_answer_text_then_the_result(assistant) -> None:
    events = list(assistant.stream("How accurate is the buttock applied strain test?"))
    deltas = [e for e in events if isinstance(e, AnswerDelta)]
    final = events[-1]
    assert isinstance(final, Answer)
    assert len(deltas) >= 2
    assert "".join(d.text for d in deltas) == final.answer


def test_result_is_json_serialisable_and_round_trips(assistant) -> None:
    answer = assistant.ask("What treatments help sacroiliac joint pain?")
    data = json.loads(answer.model_dump_json())
    assert set(data) >= {"status", "answer", "citations", "retrieved", "latency_ms", "disclaimer"}
    assert set(data["citations"][0]) >= {
        "n",
        "chunk_id",
        "ref",
        "cites",
        "quote",
        "title",
        "authors",
        "year",
        "journal",
        "study_type",
        "url",
        "match_confidence",
    }
    assert set(data["retrieved"][0]) >= {"chunk_id", "ref", "cites", "score"}
    assert Answer.model_validate(data) == answer
    assert answer.latency_ms > 0


def test_a_follow_up_is_answered_on_the_topic_of_the_conversation(assistant) -> None:
    history = [
        Turn(role="user", content="What is sacroiliac joint pain and how common is it?"),
        Turn(role="assistant", content="It is pain from the SI joint, in about 15% of people. [1]"),
    ]
    answer = assistant.ask("And how is it treated?", history=history)
    assert (
        answer.query == "What is sacroiliac joint pain and how common is it? And how is it treated?"
    )
    assert answer.status == "answered"
    cited = {c.ref for c in answer.citations} | {r for c in answer.citations for r in c.cites}
    assert cited & {6, 8}
    assert assistant.ask("And how is it treated?").query == "And how is it treated?"


def test_a_long_message_is_triaged_whole_and_answered_from_its_ask(assistant) -> None:
    """The answerer reads a long message in part (its cost stays bounded); triage reads it
    all, so a red flag told far from the question is still raised."""
    walks = " ".join(f"On day {n} I walked to the shop and back." for n in range(1, 30))
    ask = "What treatments help sacroiliac joint pain?"
    calm = assistant.ask(f"{walks} {ask}")
    assert len(walks) > 3 * assistant.settings.answer_read_chars
    assert calm.status == "answered" and calm.triage is None
    cited = {c.ref for c in calm.citations}
    assert cited & {6, 8} and cited <= {c.ref for c in assistant.ask(ask).citations}
    flag = "Since Monday I can't feel the toilet paper when I wipe and I wet myself."
    urgent = assistant.ask(f"{flag} {walks} {ask}")
    assert urgent.triage is not None
    assert "cauda_equina" in {hit.family for hit in urgent.triage.flags}


def test_a_terse_clinician_follow_up_is_answered_on_the_last_topic(assistant) -> None:
    history = [
        Turn(role="user", content="What's the evidence on the BUAS test for radicular pain?"),
        Turn(role="assistant", content="The BUAS test had a sensitivity of 92%. [5]"),
    ]
    answer = assistant.ask("Inter-rater reliability?", history=history)
    assert answer.status == "answered"
    assert "kappa" in answer.answer.split(". ")[0].lower()
