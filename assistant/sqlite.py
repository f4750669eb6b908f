"""The feedback and audit stores' SQLite access: one short-lived connection per transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path


@contextmanager
def transaction(path: Path, busy_s: float) -> Iterator[sqlite3.Connection]:
    """Committed on success, rolled back on error, always closed; waits at most `busy_s` for
    another writer's lock before sqlite3.OperationalError."""
    with closing(sqlite3.connect(path, timeout=busy_s)) as db, db:
        yield db
