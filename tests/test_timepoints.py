"""Time points a figure is asked at and told at (no model needed)."""

import pytest

from assistant.answer.timepoints import asked_at, same_time, told_at


@pytest.mark.parametrize(
    ("question", "weeks"),
    [
        ("what % were pain free at 2 years?", [104.0]),
        ("relief within six weeks?", [6.0]),
        ("outcome by 3 months after the block", [52 / 12 * 3]),
        ("results at the 1-year follow-up", [52.0]),
        ("any 2 yr follow up data?", [104.0]),
        # an age or a span of the story places no figure in time
        ("is it common in people over 50 years?", []),
        ("I've had it for 3 years, what % get better?", []),
    ],
)
def test_a_question_places_its_figure_in_time_only_with_words_that_place_it(
    question: str, weeks: list[float]
) -> None:
    assert asked_at(question) == pytest.approx(weeks)


def test_a_figure_told_at_another_time_is_not_the_one_asked() -> None:
    told = told_at("Scores fell in both groups by 12 weeks, and 41% responded at 2 to 6 weeks.")
    assert told == pytest.approx([12.0, 6.0])
    assert same_time(asked_at("and at 3 months?"), told)
    assert not same_time(asked_at("still responding at 1 year?"), told)
    assert not same_time(asked_at("how many at 6 months?"), told)
