"""Ingest time into a fresh index, and warm `ask` latency over 20 questions.

Run: .venv/bin/python bench/latency.py   (figures only; speed targets live here, not in tests)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from assistant.environment import configure_environment
from assistant.settings import Settings

QUESTIONS = [
    "How is sacroiliac joint pain confirmed?",
    "What treatments help sacroiliac joint pain?",
    "Can a sacral stress fracture happen after childbirth?",
    "How accurate is the buttock applied strain test?",
    "Is buttock pain a sign of neuropathic pain?",
    "Why does ferric carboxymaltose cause low phosphate?",
    "What is cluneal nerve entrapment?",
    "Should a painful osteochondroma be removed?",
    "Where do patients with SI joint pain point to?",
    "Can MRI show that the SI joint is the source of pain?",
    "When is SI joint fusion appropriate?",
    "What share of chronic low back pain is neuropathic?",
    "Did a nerve root block help buttock pain in spinal stenosis?",
    "Are there guidelines for SI joint instability?",
    "Who is more prone to sacroiliac joint pain?",
    "What did CT show in the osteochondroma case?",
    "How was the hypophosphataemia treated?",
    "Do two examiners agree on the BUAS test?",
    "What causes pain above the buttocks?",
    "Does radiofrequency denervation help SI joint pain?",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(index_dir=Path(folder) / "index")
        configure_environment(settings)
        from assistant.factory import build_assistant, build_embeddings
        from assistant.index.ingest import ingest

        started = time.perf_counter()
        embeddings = build_embeddings(settings)
        report = ingest(settings, embeddings)
        seconds = time.perf_counter() - started
        print(f"ingest (cold, incl. model load): {seconds:.1f} s; {report.summary()}")
        started = time.perf_counter()
        again = ingest(settings, embeddings)
        seconds = time.perf_counter() - started
        print(f"re-ingest (unchanged corpus): {seconds:.2f} s; {again.summary()}")
        started = time.perf_counter()
        assistant = build_assistant(settings)
        print(f"assistant start-up: {time.perf_counter() - started:.1f} s")
        for question in QUESTIONS:
            assistant.ask(question)
        latencies = [assistant.ask(q).latency_ms for q in QUESTIONS]
        print(
            f"warm ask latency over {len(latencies)} questions: median "
            f"{statistics.median(latencies):.1f} ms, max {max(latencies):.1f} ms"
        )


if __name__ == "__main__":
    main()
