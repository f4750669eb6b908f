"""Offline by construction: hub and telemetry switched off, and the network closed in tests."""

import os
import socket

import pytest

from assistant.environment import configure_environment
from assistant.settings import Settings


def test_offline_environment_is_set() -> None:
    configure_environment(Settings())
    for name, value in {
        "HF_HUB_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False",
    }.items():
        assert os.environ[name] == value


def test_non_loopback_connections_fail_in_tests() -> None:
    with (
        pytest.warns(UserWarning, match="A test tried to use socket"),
        pytest.raises(Exception, match="A test tried to use socket"),
    ):
        socket.create_connection(("192.0.2.1", 443), timeout=1)


def test_embedding_a_text_needs_no_network(embeddings) -> None:
    assert len(embeddings.embed_query("no network needed")) == 384
