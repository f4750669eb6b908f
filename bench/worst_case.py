"""The costliest questions a client can send, beside ordinary ones: every request's cost must be
bounded by its size with a small constant. Target: the worst hostile question within 3x a
normal question (both through `Assistant.ask` on the built index, models loaded, and each
message new to the assistant, so no cache answers any part of it). A normal question is one as
patients and clinicians write them: the median of a fixed sample of the answer tuning sets'
questions (stories, several parts, follow-ups; issue 11 put a normal one at 0.05-0.2 s). The
20 short questions of bench/latency.py are printed beside it as the cheapest kind, and the
worst hostile question is also set against the costliest question as written: a hostile text
is read within the same bounds as a long real one, so it should cost no more.

Run: .venv/bin/python bench/worst_case.py   (figures only; speed targets live here, not in tests)
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from latency import QUESTIONS

from assistant.conversation import Turn
from assistant.environment import configure_environment
from assistant.prompts import Prompts
from assistant.safety.spelling import english
from assistant.safety.triage import Triage
from assistant.settings import Settings

VARIANTS = 5  # different texts of each hostile kind; the median is reported
WRITTEN = 60  # questions sampled from the answer tuning sets
ANSWERS = Path(__file__).resolve().parent.parent / "evals" / "answers"


def written(count: int, seed: int = 3) -> list[tuple[str, list[Turn]]]:
    """A fixed sample of the tuning sets' questions with their conversations (never the test
    half or the held-out sets, though only their cost is read here)."""
    from assistant.evals.cases import load_cases

    cases = [c for path in sorted(ANSWERS.glob("tune*.yaml")) for c in load_cases(path)]
    picked = random.Random(seed).sample(cases, min(count, len(cases)))
    return [(c.question, list(c.history)) for c in picked]


def hostile(limit: int, seed: int = 7) -> dict[str, tuple[str, list[Turn]]]:
    """Questions as long as the API accepts, built to make each step do the most work; each
    seed gives different texts of the same kind."""
    rng = random.Random(seed)
    words = english()
    rare = sorted(
        w for w in words.words if w.isalpha() and 6 <= len(w) <= 10 and words.frequency(w) <= 50
    )
    rng.shuffle(rare)

    def filled(prefix: str, pool: list[str], end: str = "?") -> str:
        out = prefix
        while len(out) < limit - 12:
            out += " " + rng.choice(pool)
        return out + end

    story = [
        "I am 45",
        "my lower back hurts above the buttocks",
        "it is worse when sitting",
        "I had a fall last year",
        "the pain goes to my groin",
        "I cannot sleep on that side",
        "my doctor said my hips are fine",
        "standing on one leg hurts",
    ]
    parts = [
        "What is SI joint pain and how is it treated and what causes it?",
        "How is cluneal nerve entrapment found and what helps it?",
        "Why does my back hurt above the buttocks and what test shows it?",
    ]
    tests = ["MRI", "CT", "X-ray", "injection", "ultrasound", "fusion", "physiotherapy"]
    turns = [Turn(role="user", content=filled("My back pain", rare, "."))] * 6
    return {
        "rare words the corpus never uses": (
            filled("How is sacroiliac joint pain confirmed with", rare),
            [],
        ),
        "random letters": (filled("", ["".join(rng.sample("abcdefghij", 7))] * 1), []),
        "many question parts": (" ".join(rng.choice(parts) for _ in range(40))[:limit], []),
        "long case story": (
            ", ".join(f"{rng.choice(story)} for {rng.randint(2, 900)} days" for _ in range(90))[
                : limit - 30
            ]
            + " What could it be?",
            [],
        ),
        "story with several asks": (
            ", ".join(f"{rng.choice(story)} since {rng.choice(rare)}" for _ in range(60))[
                : limit - 90
            ]
            + ". What could it be, how is it confirmed, what helps, and will it last?",
            [],
        ),
        "many comparisons": (
            " ".join(
                f"Is {rng.choice(tests)} better than {rng.choice(tests)} or {rng.choice(tests)}?"
                for _ in range(60)
            )[:limit],
            [],
        ),
        "long history, unknown follow-up": ("and what about " + " ".join(rare[:20]) + "?", turns),
    }


def timed(assistant: object, question: str, history: list[Turn]) -> float:
    started = time.perf_counter()
    assistant.ask(question, history=history)  # type: ignore[attr-defined]
    return (time.perf_counter() - started) * 1000


def triage_alone(triage: Triage, question: str, history: list[Turn]) -> float:
    said = [turn.content for turn in history if turn.role == "user"] + [question]
    started = time.perf_counter()
    triage.assess(said, "patient")
    return (time.perf_counter() - started) * 1000


def main() -> None:
    settings = Settings()
    configure_environment(settings)
    from assistant.factory import build_assistant, build_embeddings

    assistant = build_assistant(settings)
    triage = Triage(
        Prompts(settings.prompts_dir),
        build_embeddings(settings),
        settings.triage_classifier_threshold,
    )
    triage.assess(["warm up the pipeline"], "patient")
    assistant.ask("What helps pain above the buttocks?")
    # the first case story after start-up embeds corpus/conditions.yaml's findings, once
    assistant.ask("45F, one-sided pain by the dimple since a fall, MRI normal. What could it be?")
    ordinary = [timed(assistant, q, []) for q in QUESTIONS]
    median = statistics.median(ordinary)
    print(f"ordinary questions ({len(ordinary)}): median {median:.0f} ms, max {max(ordinary):.0f}")
    as_written = [timed(assistant, q, h) for q, h in written(WRITTEN)]
    typical = statistics.median(as_written)
    print(
        f"questions as written in the tuning sets ({len(as_written)}): median {typical:.0f} ms, "
        f"p90 {statistics.quantiles(as_written, n=10)[-1]:.0f}, max {max(as_written):.0f}"
    )
    variants = [hostile(settings.max_question_chars, seed) for seed in range(VARIANTS)]
    fresh = [hostile(settings.max_question_chars, seed) for seed in range(VARIANTS, 2 * VARIANTS)]
    worst = 0.0
    header = f"{'chars':>5s}  {'ms':>7s}  {'x written':>9s}  {'x short':>7s}  {'triage ms':>9s}"
    print(f"{'':34s} {header}")
    for name in variants[0]:
        cost = statistics.median(timed(assistant, *variant[name]) for variant in variants)
        alone = statistics.median(triage_alone(triage, *variant[name]) for variant in fresh)
        worst = max(worst, cost)
        chars = len(variants[0][name][0])
        print(
            f"{name:34s} {chars:5d}  {cost:7.0f}  {cost / typical:9.1f}  {cost / median:7.1f}  "
            f"{alone:9.0f}"
        )
    print(
        f"worst hostile question: {worst:.0f} ms = {worst / typical:.1f}x the written questions' "
        f"median (target 3x), {worst / max(as_written):.2f}x the costliest written question, "
        f"{worst / median:.1f}x the short questions' median"
    )


if __name__ == "__main__":
    main()
