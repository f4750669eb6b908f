"""The one byline every surface shows under a cited title."""

from assistant.answer.byline import byline
from assistant.schema import Reference
from assistant.ui.format import sources_html
from tests.factories import make_answer, make_citation


def test_byline_names_authors_journal_year_type_and_doubts() -> None:
    reference = Reference(
        ref=6, title="T", authors=["Dreyfuss P", "Dreyer SJ", "Cole A", "Mayo K"],
        journal="J Am Acad Orthop Surg", year=2004, study_type="narrative review",
        match_confidence="low", identifiers_verified=False,
    )  # fmt: skip
    assert byline(reference) == (
        "Dreyfuss P, Dreyer SJ, Cole A et al. · J Am Acad Orthop Surg · 2004 · narrative review"
        " · reference identity uncertain · identifiers unverified"
    )


def test_byline_leaves_out_what_is_unknown() -> None:
    reference = Reference(ref="synthesis", title="S", authors=["A", "B"], study_type="synthesis")
    assert byline(reference) == "A, B · synthesis"


def test_chat_sources_show_the_same_byline() -> None:
    citation = make_citation(authors=["A", "B", "C", "D"], journal="Spine", year=2001)
    assert citation.byline == "A, B, C et al. · Spine · 2001 · narrative review"
    assert citation.byline in sources_html(make_answer(citations=[citation]))
