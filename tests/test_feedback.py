from pathlib import Path

from assistant.feedback import FeedbackStore


def test_ratings_are_stored_with_only_id_rating_comment_and_time(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "nested" / "feedback.sqlite3")
    first = store.add("a" * 32, "up", "helpful")
    second = store.add("b" * 32, "down")
    assert second > first
    rows = store.all()
    assert [sorted(row) for row in rows] == [
        ["answer_id", "comment", "created_at", "id", "rating"]
    ] * 2
    assert [(r["answer_id"], r["rating"], r["comment"]) for r in rows] == [
        ("a" * 32, "up", "helpful"),
        ("b" * 32, "down", None),
    ]


def test_a_store_reopens_the_same_file(tmp_path: Path) -> None:
    FeedbackStore(tmp_path / "f.sqlite3").add("c" * 32, "up")
    assert len(FeedbackStore(tmp_path / "f.sqlite3").all()) == 1
