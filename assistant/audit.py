"""What the assistant showed, for later review: one SQLite row per answer (id, time, corpus
version, status, red flags, cited refs, latency, composer), never the question's words.

Rows are written by one background thread from a bounded queue, so a slow or locked database
never holds up a question: at worst a row is dropped, with a log line saying so.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

from assistant.schema import Answer
from assistant.sqlite import transaction

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    answer_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    corpus_version TEXT NOT NULL,
    status TEXT NOT NULL,
    reply_kind TEXT NOT NULL,
    flags TEXT NOT NULL,
    cited_refs TEXT NOT NULL,
    latency_ms REAL NOT NULL,
    composer TEXT NOT NULL,
    surface TEXT NOT NULL
)
"""
_INSERT = "INSERT OR IGNORE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_QUEUE = 10_000
_BUSY_S = 5.0


class AuditLog:
    """Append-only record of answers; `record` never blocks, `knows` reads with a short wait."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        with self._connection() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
        self._queue: queue.Queue[tuple[object, ...] | None] = queue.Queue(_QUEUE)
        self._writer = threading.Thread(target=self._write, name="lumbar-guide-audit", daemon=True)
        self._writer.start()

    def record(self, answer: Answer, surface: str) -> None:
        """Queue the answer's row; if the queue is full (the database is stuck), drop it."""
        flags = ",".join(flag.id for flag in answer.triage.flags) if answer.triage else ""
        refs = sorted({str(c.ref) for c in answer.citations})
        row = (
            answer.id,
            datetime.now(UTC).isoformat(timespec="milliseconds"),
            answer.corpus_version,
            answer.status,
            answer.reply_kind,
            flags,
            ",".join(refs),
            answer.latency_ms,
            answer.composer,
            surface,
        )
        try:
            self._queue.put_nowait(row)
        except queue.Full:
            log.error("audit queue full; answer %s not recorded", answer.id)

    def knows(self, answer_id: str) -> bool:
        """Whether this server (or another worker on the same file) gave that answer."""
        self.flush()
        with self._connection() as db:
            found = db.execute("SELECT 1 FROM answers WHERE answer_id = ?", (answer_id,))
            return found.fetchone() is not None

    def rows(self) -> list[dict[str, object]]:
        """Every recorded answer, oldest first."""
        self.flush()
        with self._connection() as db:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute("SELECT * FROM answers ORDER BY created_at")]

    def flush(self, timeout: float = _BUSY_S) -> None:
        """Wait (at most `timeout`) until queued rows are written."""
        done = threading.Event()
        try:
            self._queue.put((done,), timeout=timeout)
        except queue.Full:
            return
        done.wait(timeout)

    def close(self) -> None:
        self._queue.put(None)
        self._writer.join(_BUSY_S)

    def _write(self) -> None:
        while (item := self._queue.get()) is not None:
            batch = [item]
            while not self._queue.empty() and len(batch) < 500:
                nxt = self._queue.get_nowait()
                if nxt is None:
                    self._store(batch)
                    return
                batch.append(nxt)
            self._store(batch)

    def _store(self, batch: list[tuple[object, ...]]) -> None:
        rows = [row for row in batch if len(row) > 1]
        if rows:
            try:
                with self._connection() as db:
                    db.executemany(_INSERT, rows)
            except sqlite3.Error as exc:
                log.error("audit rows not written (%d): %s", len(rows), exc)
        for marker in batch:
            if len(marker) == 1 and isinstance(marker[0], threading.Event):
                marker[0].set()

    def _connection(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._path, _BUSY_S)
