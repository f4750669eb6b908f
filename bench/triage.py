"""Triage cost per message: every user message of the red-flag case files, read cold (no
cache), then the longest message the API accepts. Target: p95 under 30 ms on this machine.

Run: .venv/bin/python bench/triage.py   (figures only; speed targets live here, not in tests)
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from assistant.environment import configure_environment
from assistant.factory import build_embeddings
from assistant.prompts import Prompts
from assistant.safety.triage import Triage
from assistant.settings import PROJECT_ROOT, Settings

CASES = sorted((PROJECT_ROOT / "evals" / "red_flags").glob("*.yaml"))


def messages(paths: list[Path]) -> list[str]:
    found: list[str] = []
    for path in paths:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            found += [t["content"] for t in case.get("history") or [] if t["role"] == "user"]
            found.append(case["question"])
    return list(dict.fromkeys(found))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def main() -> None:
    settings = Settings()
    configure_environment(settings)
    embeddings = build_embeddings(settings)
    embeddings.load()
    triage = Triage(Prompts(settings.prompts_dir), embeddings, settings.triage_classifier_threshold)
    triage.assess(["warm up the pipeline"], "patient")
    texts = messages(CASES)
    timings = []
    for text in texts:
        started = time.perf_counter()
        triage.assess([text], "patient")
        timings.append((time.perf_counter() - started) * 1000)
    print(f"{len(texts)} distinct messages, each read cold")
    print(f"p50 {statistics.median(timings):.1f} ms   p95 {percentile(timings, 95):.1f} ms   "
          f"max {max(timings):.1f} ms")  # fmt: skip
    longest = ("my back hurts and I wonder about numbness " * 60)[: settings.max_question_chars]
    started = time.perf_counter()
    triage.assess([longest], "patient")
    print(f"longest accepted message ({len(longest)} chars): "
          f"{(time.perf_counter() - started) * 1000:.1f} ms")  # fmt: skip
    history = texts[-50:]  # the last read, so still in the reading cache
    started = time.perf_counter()
    triage.assess(history, "patient")
    print(f"a 50-turn conversation, every turn already read: "
          f"{(time.perf_counter() - started) * 1000:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
