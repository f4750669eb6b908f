"""Thumbs up or down on an answer, kept in SQLite: the answer id, the rating, an optional
comment and the time. Nothing else (no IP address, no question text) is stored."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

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


class FeedbackStore:
    """One SQLite file; every write is a single transaction."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(_SCHEMA)

    def add(self, answer_id: str, rating: Rating, comment: str | None = None) -> int:
        """Store one rating; returns its id."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock, self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (answer_id, rating, comment, created_at) VALUES (?, ?, ?, ?)",
                (answer_id, rating, comment or None, now),
            )
            return int(cursor.lastrowid or 0)

    def all(self) -> list[dict[str, object]]:
        """Every stored rating, oldest first."""
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute("SELECT * FROM feedback ORDER BY id")]

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._path, timeout=10)
