from assistant.corpus.citations import citation_groups, parse_citations


def test_numbers_before_full_stop_are_citations() -> None:
    text, refs = parse_citations("pain in the lower back and buttocks region4 6 8.")
    assert text == "pain in the lower back and buttocks region."
    assert refs == (4, 6, 8)


def test_two_digit_refs_and_order_kept() -> None:
    assert parse_citations("when buttock pain is present2 3 10.") == (
        "when buttock pain is present.",
        (2, 3, 10),
    )


def test_numbers_that_are_not_citations_stay() -> None:
    for sentence in (
        "pain above the level of L5.",
        "serum phosphate was 0.27.",
        "a rise in intact FGF23.",
        "aged 20 to 79.",
        "Cohen's kappa 0.911.",
    ):
        assert parse_citations(sentence) == (sentence, ())


def test_citation_after_closing_bracket() -> None:
    assert parse_citations("surgical fusion (arthrodesis)6.") == (
        "surgical fusion (arthrodesis).",
        (6,),
    )


def test_repeated_refs_are_listed_once() -> None:
    assert parse_citations("First claim1. Second claim1 2.")[1] == (1, 2)


def test_groups_end_at_each_cited_sentence() -> None:
    paragraph = "Uncited lead-in. Claim one4 6. Claim two8. Trailing remark."
    groups = citation_groups(paragraph, offset=100)
    assert [(g.text, g.cites) for g in groups] == [
        ("Uncited lead-in. Claim one.", (4, 6)),
        ("Claim two.", (8,)),
        ("Trailing remark.", ()),
    ]
    for group in groups:
        assert paragraph[group.start - 100 : group.end - 100] == group.raw


def test_a_paragraph_without_citations_is_one_group() -> None:
    groups = citation_groups("One sentence. Another sentence.")
    assert len(groups) == 1
    assert groups[0].cites == ()
