"""Errors a user can cause or fix; surfaces turn each into a message and an exit code or status."""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error that carries a message meant for the user, with an optional hint."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\nHint: {self.hint}" if self.hint else self.message


class ConfigurationError(AssistantError):
    """An ASSISTANT_ variable has a value that cannot be used."""

    exit_code = 2


class InvalidQuestionError(AssistantError):
    """The question is empty, too long, or otherwise unusable."""

    exit_code = 2


class CorpusError(AssistantError):
    """A corpus file is missing or does not match its schema; the message names file and field."""


class IndexMissingError(AssistantError):
    """No index has been built yet at the configured location."""


class IndexMismatchError(AssistantError):
    """The index was built with another embedding model or from another corpus version."""


class IndexUnavailableError(AssistantError):
    """The index cannot be read now (its server is down, or it is being rebuilt); retry later."""


class IngestRunningError(AssistantError):
    """Another ingest holds the index's lock."""


class EmbeddingModelError(AssistantError):
    """The embedding model cannot be found or loaded offline."""


class PromptError(AssistantError):
    """A prompt file is missing or was rendered with missing or unknown variables."""
