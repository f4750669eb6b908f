"""Thumbs up or down on an answer, kept in SQLite: the answer id, the rating, an optional
comment and the time. Nothing else (no IP address, no question text) is stored."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from assistant.errors import AssistantError
from assistant.sqlite import transaction

Rating = Literal["up", "down"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT,
    created_at TEXT NOT NULL
)
"""
_BUSY_S = 2.0


class FeedbackBusyError(AssistantError):
    """The feedback database stayed locked; the rating was not stored."""


class FeedbackStore:
    """One SQLite file; every write is a single transaction on its own short-lived connection,
    waiting at most two seconds for a lock (then FeedbackBusyError, never a stalled server)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        with self._connection() as db:
            db.execute(_SCHEMA)

    def add(self, answer_id: str, rating: Rating, comment: str | None = None) -> int:
        """Store one rating; returns its id."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._connection() as db:
            cursor = db.execute(
                "INSERT INTO feedback (answer_id, rating, comment, created_at) VALUES (?, ?, ?, ?)",
                (answer_id, rating, comment or None, now),
            )
            return int(cursor.lastrowid or 0)

    def all(self) -> list[dict[str, object]]:
        """Every stored rating, oldest first."""
        with self._connection() as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute("SELECT * FROM feedback ORDER BY id")]

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            with transaction(self._path, _BUSY_S) as db:
                yield db
        except sqlite3.OperationalError as exc:
            raise FeedbackBusyError(
                f"the feedback database {self._path} is busy or unwritable ({exc})",
                hint="try again in a moment",
            ) from exc
