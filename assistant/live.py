"""The assistant a long-running server answers with, kept in step with the index.

A re-ingest changes the index under a running server. The server notices (it reads the index's
corpus version at most every `reload_check_s`), loads the new version in the background and
swaps it in whole; until then, and while an ingest is writing, it refuses (503) rather than
answer from a mix of the old sentences and the new index. An unreachable index (a Chroma server
outage) is reported the same way and recovers by itself when the index is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from assistant.errors import AssistantError, IndexUnavailableError
from assistant.factory import Components, assemble, load_components
from assistant.index.store import INCOMPLETE, IndexInfo
from assistant.pipeline import Assistant
from assistant.settings import Settings

log = logging.getLogger(__name__)

State = Literal["ready", "loading", "rebuilding", "stale", "missing", "unreachable"]


@dataclass(frozen=True)
class Readiness:
    """What the server can do now, and why not when it cannot."""

    state: State
    detail: str
    served_version: str | None
    index: IndexInfo | None

    @property
    def ready(self) -> bool:
        return self.state == "ready"


class LiveAssistant:
    """Hands out the current assistant; reloads it when the index holds a new corpus version."""

    def __init__(
        self,
        settings: Settings,
        parts: Components,
        loader: Callable[[Settings], Components] | None = None,
    ) -> None:
        self._settings = settings
        self._loader = loader or (lambda s: load_components(s, self._parts.embeddings))
        self._parts = parts
        self._assistant = assemble(settings, parts)
        self._lock = threading.Lock()
        self._reloading = False
        self._closed = False  # a reload closed the old store and could not open the new one
        self._checked = time.monotonic()
        self._readiness = Readiness("ready", "serving", parts.index.corpus_version, parts.index)

    @property
    def parts(self) -> Components:
        return self._parts

    def current(self) -> Assistant:
        """The assistant to answer with; IndexUnavailableError while none can answer."""
        readiness = self.readiness()
        if not readiness.ready:
            raise IndexUnavailableError(readiness.detail, hint="retry in a few seconds")
        return self._assistant

    def readiness(self, *, fresh: bool = False) -> Readiness:
        """The state, re-read from the index when `reload_check_s` has passed (or `fresh`)."""
        now = time.monotonic()
        with self._lock:
            due = fresh or now - self._checked >= self._settings.reload_check_s
            if due:
                self._checked = now
        if due:
            self._check()
        return self._readiness

    def unchanged_since(self, version: str) -> bool:
        """Whether the index still holds `version` (read now): an answer that began on one
        version and ended on another is not sent."""
        try:
            return self._parts.store.corpus_version() == version
        except AssistantError:
            return False

    def _check(self) -> None:
        if self._reloading:
            return
        if self._closed:
            self._start_reload()
            return
        served = self._parts.index.corpus_version
        try:
            info = self._parts.store.info()
        except IndexUnavailableError as exc:
            self._set("unreachable", exc.message, None)
            return
        except AssistantError as exc:
            self._set("missing", exc.message, None)
            return
        if info.corpus_version == served:
            self._set("ready", "serving", info)
        elif info.corpus_version == INCOMPLETE:
            self._set("rebuilding", "the index is being rebuilt (an ingest is running)", info)
        else:
            self._set("loading", "loading the new version of the corpus", info)
            self._start_reload()

    def _set(self, state: State, detail: str, info: IndexInfo | None) -> None:
        previous = self._readiness.state
        self._readiness = Readiness(state, detail, self._parts.index.corpus_version, info)
        if state != previous:
            level = logging.INFO if state in {"ready", "loading"} else logging.WARNING
            log.log(level, "index %s: %s", state, detail, extra={"index_state": state})

    def _start_reload(self) -> None:
        with self._lock:
            if self._reloading:
                return
            self._reloading = True
        threading.Thread(target=self._reload, name="lumbar-guide-reload", daemon=True).start()

    def _reload(self) -> None:
        if not self._settings.chroma_host and not self._closed:
            self._parts.store.close()  # an embedded index is re-read from disk
            self._closed = True
        try:
            parts = self._loader(self._settings)
            assistant = assemble(self._settings, parts)
        except AssistantError as exc:
            self._set("stale", exc.message, self._readiness.index)
        else:
            with self._lock:
                self._parts, self._assistant = parts, assistant
                self._closed = False
            log.info("reloaded corpus version %s", parts.index.corpus_version)
            self._set("ready", "serving", parts.index)
        finally:
            with self._lock:
                self._reloading = False
