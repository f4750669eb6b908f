"""The costliest questions a client can send, beside ordinary ones: every request's cost must be
bounded by its size with a small constant. Target: the worst hostile question within 3x the
median ordinary question (both through `Assistant.ask`, warm, on the built index).

Run: .venv/bin/python bench/worst_case.py   (figures only; speed targets live here, not in tests)
"""

from __future__ import annotations

import random
import statistics
import time

from latency import QUESTIONS

from assistant.conversation import Turn
from assistant.environment import configure_environment
from assistant.safety.spelling import english
from assistant.settings import Settings

REPEATS = 3


def hostile(limit: int, seed: int = 7) -> dict[str, tuple[str, list[Turn]]]:
    """Questions as long as the API accepts, built to make each step do the most work."""
    rng = random.Random(seed)
    words = english()
    rare = sorted(
        w for w in words.words if w.isalpha() and 6 <= len(w) <= 10 and words.frequency(w) <= 50
    )

    def filled(prefix: str, pool: list[str], end: str = "?") -> str:
        out = prefix
        while len(out) < limit - 12:
            out += " " + rng.choice(pool)
        return out + end

    story = (
        "I am 45, my lower back hurts above the buttocks, it is worse when sitting, "
        "I had a fall last year, the pain goes to my groin, I cannot sleep on that side, "
        "my doctor said my hips are fine, standing on one leg hurts, "
    )
    turns = [Turn(role="user", content=filled("My back pain", rare, "."))] * 6
    return {
        "rare words the corpus never uses": (
            filled("How is sacroiliac joint pain confirmed with", rare),
            [],
        ),
        "random letters": (filled("", ["".join(rng.sample("abcdefghij", 7))] * 1), []),
        "many question parts": (
            " ".join(["What is SI joint pain and how is it treated and what causes it?"] * 30)[
                :limit
            ],
            [],
        ),
        "long case story": ((story * 20)[: limit - 30] + " What could it be?", []),
        "many comparisons": (
            " ".join(["Is MRI better than CT or X-ray versus injection?"] * 40)[:limit],
            [],
        ),
        "long history, unknown follow-up": ("and what about " + " ".join(rare[:20]) + "?", turns),
    }


def timed(assistant: object, question: str, history: list[Turn]) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        assistant.ask(question, history=history)  # type: ignore[attr-defined]
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    settings = Settings()
    configure_environment(settings)
    from assistant.factory import build_assistant

    assistant = build_assistant(settings)
    for question in QUESTIONS:
        assistant.ask(question)
    ordinary = [timed(assistant, q, []) for q in QUESTIONS]
    median = statistics.median(ordinary)
    print(f"ordinary questions ({len(ordinary)}): median {median:.0f} ms, max {max(ordinary):.0f}")
    worst = 0.0
    for name, (question, history) in hostile(settings.max_question_chars).items():
        cost = timed(assistant, question, history)
        worst = max(worst, cost)
        print(f"{name:34s} {len(question):5d} chars  {cost:7.0f} ms  {cost / median:5.1f}x")
    print(f"worst hostile question: {worst:.0f} ms = {worst / median:.1f}x the median (target 3x)")


if __name__ == "__main__":
    main()
