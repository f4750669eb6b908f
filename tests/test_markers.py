from assistant.answer.markers import CitedSentence, cited_sentences


def test_sentences_and_their_markers_are_read_back() -> None:
    assert cited_sentences("One claim. [1] Two claims (p<0.01). [2] [3]") == [
        CitedSentence("One claim.", (1,)),
        CitedSentence("Two claims (p<0.01).", (2, 3)),
    ]


def test_uncited_text_comes_back_without_markers() -> None:
    assert cited_sentences("Cited. [1] Not cited.") == [
        CitedSentence("Cited.", (1,)),
        CitedSentence("Not cited.", ()),
    ]
    assert cited_sentences("No markers at all.") == [CitedSentence("No markers at all.", ())]


def test_brackets_inside_a_sentence_are_not_markers() -> None:
    assert cited_sentences("See figure [a] here. [1]") == [
        CitedSentence("See figure [a] here.", (1,))
    ]
