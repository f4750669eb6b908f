"""Load on the real HTTP server, over loopback only: concurrent clients posting `/ask` (then
`/ask/stream`) with questions as the answer tuning sets write them, each level bounded in
seconds and in requests; throughput, latency percentiles,
errors by status, and the server's resident memory after each level (growth there is a leak).

Run: .venv/bin/python bench/load.py [--clients 8,32] [--seconds 20] [--max-requests 2000]
(figures only; speed targets live here, not in tests)
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import httpx
from latency import QUESTIONS

from assistant.settings import Settings

LOOPBACK = ("127.0.0.1", "localhost")
ASSISTANT = Path(sys.executable).with_name("assistant")
API = "/api/v1"
ANSWERS = Path(__file__).resolve().parent.parent / "evals" / "answers"
# The limiter allows 30 questions a minute per client address, and every client here is 127.0.0.1.
SERVER_ENV = {"ASSISTANT_RATE_LIMIT_PER_MINUTE": "100000"}
HEALTH_TIMEOUT_S = 180.0
REQUEST_TIMEOUT_S = 120.0

Call = Callable[[httpx.Client, str], str | None]
"""Sends one question; returns None on success, else what went wrong (a status, or a label)."""
Plan = tuple[str, Call, int]
"""A scenario's name, its call, and how many clients run it at once."""


@dataclass
class Level:
    """One scenario at one concurrency: what completed, what failed, and the memory after."""

    scenario: str
    clients: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    rss_mb: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, elapsed_ms: float, error: str | None) -> None:
        """Called from every client thread; errors are counted, not timed."""
        with self._lock:
            if error is None:
                self.latencies_ms.append(elapsed_ms)
            else:
                self.errors[error] += 1


def ask(client: httpx.Client, question: str) -> str | None:
    response = client.post(f"{API}/ask", json={"question": question})
    return None if response.status_code == 200 else str(response.status_code)


def ask_stream(client: httpx.Client, question: str) -> str | None:
    """Reads the event stream up to the `done` event's data, so latency is time to `done`."""
    with client.stream("POST", f"{API}/ask/stream", json={"question": question}) as response:
        if response.status_code != 200:
            return str(response.status_code)
        name = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: ") and name in ("done", "error"):
                return None if name == "done" else "error event"
    return "no done event"


def written_questions(seed: int = 5) -> Iterator[str]:
    """The answer tuning sets' questions, shuffled, round and round: each request asks a question
    the server has not just answered, as a clinic's users do (the server remembers recent
    question vectors, so the same few questions again would measure that memory, not the work)."""
    from assistant.evals.cases import load_cases

    questions = sorted(
        {c.question for path in sorted(ANSWERS.glob("tune*.yaml")) for c in load_cases(path)}
    )
    random.Random(seed).shuffle(questions)
    return itertools.cycle(questions)


class Quota:
    """Hands out the next question until the time or the requests run out; shared by clients."""

    def __init__(self, seconds: float, limit: int, questions: Iterator[str]) -> None:
        self._deadline = time.monotonic() + seconds
        self._limit = limit
        self._questions = questions
        self._tickets = itertools.count()
        self._lock = threading.Lock()

    def claim(self) -> str | None:
        with self._lock:
            ticket = next(self._tickets)
            if ticket >= self._limit or time.monotonic() >= self._deadline:
                return None
            return next(self._questions)


def client_loop(base: str, call: Call, quota: Quota, level: Level) -> None:
    """One client on its own connection, asking one question after another."""
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S, trust_env=False) as client:
        while (question := quota.claim()) is not None:
            started = time.perf_counter()
            try:
                error = call(client, question)
            except httpx.HTTPError as exc:
                error = type(exc).__name__
            level.record((time.perf_counter() - started) * 1000, error)


def run_level(
    base: str, call: Call, level: Level, seconds: float, limit: int, *, questions: Iterator[str]
) -> Level:
    """`level.clients` concurrent clients until the quota runs out; requests in flight at the
    deadline finish and count, and the elapsed time includes them."""
    quota = Quota(seconds, limit, questions)
    threads = [
        threading.Thread(target=client_loop, args=(base, call, quota, level), daemon=True)
        for _ in range(level.clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    level.seconds = time.perf_counter() - started
    return level


def warm_up(base: str) -> None:
    """A few questions through both endpoints, so first-call costs land outside the figures."""
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S, trust_env=False) as client:
        for call, question in [(ask, q) for q in QUESTIONS[:3]] + [(ask_stream, QUESTIONS[3])]:
            error = call(client, question)
            if error is not None:
                raise SystemExit(f"warm-up failed on {question!r}: {error}")


def group_rss_mb(pgid: int, key: str = "VmRSS") -> float:
    """Resident memory summed over the server's process group (the server and any children)."""
    total_kb = 0
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            lines = (proc / "status").read_text().splitlines()
        except (OSError, IndexError, ValueError):  # the process ended while we read it
            continue
        total_kb += sum(int(line.split()[1]) for line in lines if line.startswith(f"{key}:"))
    return total_kb / 1024


def ensure_index() -> None:
    """`serve` refuses to start without an index; build it once if it is missing."""
    settings = Settings()
    if settings.chroma_host is None and not any(settings.index_dir.glob("*")):
        print(f"no index in {settings.index_dir}: running `assistant ingest`", file=sys.stderr)
        subprocess.run([str(ASSISTANT), "ingest"], check=True)


@contextmanager
def running_server(host: str, port: int, scratch: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`assistant serve` in its own process group, healthy on entry, stopped on any exit. Its
    log (a line per request) and audit rows go to `scratch`, not the terminal or the real trail."""
    env = {**os.environ, **SERVER_ENV, "ASSISTANT_AUDIT_DB": str(scratch / "audit.sqlite3")}
    with (scratch / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [str(ASSISTANT), "serve", "--host", host, "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        ready = wait_healthy(f"http://{host}:{port}", server, scratch / "server.log")
        print(f"server healthy after {ready:.1f} s (pid {server.pid})", file=sys.stderr)
        yield server
    finally:
        stop(server)


def wait_healthy(base: str, server: subprocess.Popen[bytes], log: Path) -> float:
    started = time.monotonic()
    while time.monotonic() - started < HEALTH_TIMEOUT_S:
        if server.poll() is not None:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
            raise SystemExit(f"{tail}\nthe server exited with code {server.returncode} early")
        try:
            if httpx.get(f"{base}{API}/healthz", timeout=2, trust_env=False).status_code == 200:
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server was not healthy within {HEALTH_TIMEOUT_S:.0f} s")


def stop(server: subprocess.Popen[bytes]) -> None:
    """The whole group, so nothing the server started outlives the benchmark."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def log_levels(log: Path) -> str:
    """How many server log lines at each level, so warnings under load are not missed."""
    levels: Counter[str] = Counter()
    for line in log.read_text(errors="replace").splitlines():
        try:
            levels[str(json.loads(line).get("level", "?"))] += 1
        except (ValueError, AttributeError):
            levels["not JSON"] += 1
    return ", ".join(f"{name} {n}" for name, n in levels.most_common()) or "empty"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] if ordered else float("nan")


def row(level: Level) -> str:
    ok, times = len(level.latencies_ms), level.latencies_ms
    errors = " ".join(f"{k}:{n}" for k, n in level.errors.most_common()) or "-"
    return (
        f"{level.scenario:<11} {level.clients:>7} {ok:>6} {ok / level.seconds:>7.1f} "
        f"{percentile(times, 50):>7.0f} {percentile(times, 95):>7.0f} "
        f"{percentile(times, 99):>7.0f} {level.rss_mb:>7.0f}  {errors}"
    )


def table(levels: list[Level]) -> str:
    head = (
        f"{'scenario':<11} {'clients':>7} {'ok':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'RSS MB':>7}  errors"
    )
    return "\n".join([head, "-" * len(head), *map(row, levels)])


def client_counts(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1", help="127.0.0.1 or localhost only.")
    parser.add_argument("--port", type=int, default=0, help="Default: a free port.")
    parser.add_argument("--clients", type=client_counts, default=[8, 32], help="e.g. 8,32")
    parser.add_argument("--seconds", type=float, default=20.0, help="Per level.")
    parser.add_argument("--max-requests", type=int, default=2000, help="Per level.")
    parser.add_argument("--stream-clients", type=int, default=8, help="0 skips /ask/stream.")
    args = parser.parse_args()
    if args.host not in LOOPBACK:
        parser.error(f"--host must be one of {', '.join(LOOPBACK)}: this is a loopback test")
    return args


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM unwinds like Ctrl-C, so the server's group is stopped on the way out."""
    raise SystemExit(128 + signum)


def measure(args: argparse.Namespace, plan: list[Plan], scratch: Path) -> tuple[list[Level], str]:
    """Every level of the plan against one server; the levels, and a line on its memory and log."""
    port = args.port or free_port(args.host)
    base = f"http://{args.host}:{port}"
    levels: list[Level] = []
    with running_server(args.host, port, scratch) as server:
        started_mb = group_rss_mb(server.pid)
        warm_up(base)
        warm_mb = group_rss_mb(server.pid)
        questions = written_questions()
        for scenario, call, clients in plan:
            level = Level(scenario, clients)
            run_level(base, call, level, args.seconds, args.max_requests, questions=questions)
            level.rss_mb = group_rss_mb(server.pid)
            levels.append(level)
            print(row(level), file=sys.stderr)
        peak_mb = group_rss_mb(server.pid, "VmHWM")
        stop(server)  # before reading its log, so every line is written
    return levels, (
        f"server RSS: {started_mb:.0f} MB at start, {warm_mb:.0f} MB after warm-up, peak "
        f"{peak_mb:.0f} MB; server log lines: {log_levels(scratch / 'server.log')}"
    )


def main() -> None:
    args = parse_args()
    signal.signal(signal.SIGTERM, _terminate)
    ensure_index()
    plan: list[Plan] = [("ask", ask, n) for n in args.clients]
    if args.stream_clients:
        plan.append(("ask/stream", ask_stream, args.stream_clients))
    with tempfile.TemporaryDirectory() as folder:
        levels, memory = measure(args, plan, Path(folder))
    print(f"per level: at most {args.seconds:.0f} s or {args.max_requests} requests; RSS is "
          "after the level; latency is to the whole answer (stream: to `done`)")  # fmt: skip
    print(memory)
    print(table(levels))


if __name__ == "__main__":
    main()
