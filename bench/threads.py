"""Single-question encode latency with 1 and 2 torch threads, idle and with the CPU busy (one
process spinning per core, as other requests would). Picks ASSISTANT_ENCODER_THREADS.

Run: .venv/bin/python bench/threads.py   (figures only; speed targets live here, not in tests)
"""

from __future__ import annotations

import multiprocessing
import statistics
import time

from latency import QUESTIONS

from assistant.environment import configure_environment
from assistant.settings import Settings

ROUNDS = 3


def spin(stop: multiprocessing.synchronize.Event) -> None:
    while not stop.is_set():
        sum(range(10_000))


def timings(encode: object, threads: int) -> list[float]:
    import torch

    torch.set_num_threads(threads)
    found = []
    for _ in range(ROUNDS):
        for question in QUESTIONS:
            started = time.perf_counter()
            encode([question])  # type: ignore[operator]
            found.append((time.perf_counter() - started) * 1000)
    return found


def main() -> None:
    settings = Settings()
    configure_environment(settings)
    from assistant.factory import build_embeddings

    embeddings = build_embeddings(settings)
    embeddings.load()
    embeddings.encode(QUESTIONS)
    for load in (0, multiprocessing.cpu_count()):
        stop = multiprocessing.Event()
        spinners = [multiprocessing.Process(target=spin, args=(stop,)) for _ in range(load)]
        for process in spinners:
            process.start()
        for threads in (1, 2):
            ms = sorted(timings(embeddings.encode, threads))
            p95 = ms[int(0.95 * (len(ms) - 1))]
            print(
                f"busy processes {load}  threads {threads}: "
                f"p50 {statistics.median(ms):5.1f} ms  p95 {p95:5.1f} ms  max {ms[-1]:6.1f} ms"
            )
        stop.set()
        for process in spinners:
            process.join()


if __name__ == "__main__":
    main()
