"""Offline by construction: set before any heavy library is imported."""

from __future__ import annotations

import os

from assistant.settings import Settings

_ALWAYS = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
_OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def configure_environment(settings: Settings) -> None:
    """Turn off telemetry always, and model-hub access unless the user allowed it."""
    os.environ.update(_ALWAYS)
    if settings.offline:
        os.environ.update(_OFFLINE)
