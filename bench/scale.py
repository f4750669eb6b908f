"""How ingest, start-up, memory and warm `ask` latency grow with the number of source cards.

Each size is a synthetic corpus: the real synthesis, vocabulary and 10 cards unchanged (the
synthesis cites them), then cards 11..N made from the real ones in turn, with every number
redrawn, a few terms swapped and the title varied (seeded), so that no two chunks and no two
sentences are alike. Each measure runs in a fresh process, so no model or cache carries over.

Columns: "raw encoder s" is one encoder call over the texts ingest embeds (chunks, then
sentences); "ingest at raw speed" is that time over ingest's (target: at least 0.8).

Run: .venv/bin/python bench/scale.py [--sizes 10,100,1000] [--keep DIR] [--seed 0]
(figures only; 1000 cards take several minutes on 2 cores)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml
from latency import QUESTIONS

from assistant.corpus.frontmatter import split_front_matter
from assistant.corpus.loader import load_corpus
from assistant.environment import configure_environment
from assistant.factory import build_assistant, build_embeddings
from assistant.index.chunking import chunk_corpus
from assistant.index.embeddings import SentenceEmbeddings
from assistant.index.ingest import ingest
from assistant.settings import Settings
from assistant.text import Analyzer, split_sentences

# Each synthetic card swaps a few of these pairs (both ways, plurals too), so cards made from the
# same real one differ in words as well as in figures.
SWAPS = [
    ("sacroiliac", "facet"),
    ("buttock", "groin"),
    ("injection", "infusion"),
    ("fracture", "lesion"),
    ("lumbar", "thoracic"),
    ("nerve", "tendon"),
    ("women", "men"),
    ("chronic", "recurrent"),
    ("review", "survey"),
    ("patient", "participant"),
    ("surgery", "physiotherapy"),
    ("pain", "stiffness"),
]
SWAPS_PER_CARD = 5
TITLE_TAILS = ["a replication", "a cohort", "a case series", "a follow-up", "a second look"]
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
_BULLET = re.compile(r"^[-*] +")
_SENTENCE_STOP = re.compile(r"([.!?]?)$")


@dataclass
class Row:
    """One size's figures, in the table's column order."""

    cards: int
    chunks: int
    sentences: int
    ingest_s: float
    ingest_rate: float
    raw_s: float
    share: float
    index_mb: float
    startup_s: float
    rss_mb: float
    peak_mb: float
    p50_ms: float
    p95_ms: float


# Column headings and number formats, in the order of Row's fields.
COLUMNS = [
    ("cards", "d"),
    ("chunks", "d"),
    ("sentences", "d"),
    ("ingest s", ".1f"),
    ("ingest chunks/s", ".0f"),
    ("raw encoder s", ".1f"),
    ("ingest at raw speed", ".2f"),
    ("index MB", ".1f"),
    ("start-up s", ".1f"),
    ("RSS MB", ".0f"),
    ("peak RSS MB", ".0f"),
    ("ask p50 ms", ".0f"),
    ("ask p95 ms", ".0f"),
]


# --- Synthetic corpora ---------------------------------------------------------------------


def write_corpus(source: Path, target: Path, size: int, seed: int) -> None:
    """The real files copied unchanged, then cards up to `size` made from the real cards."""
    (target / "sources").mkdir(parents=True)
    for name in ("synthesis.md", "synonyms.yaml"):
        shutil.copy2(source / name, target / name)
    real = sorted((source / "sources").glob("*.md"))
    seen: set[str] = set()
    for path in real:
        shutil.copy2(path, target / "sources" / path.name)
        seen.update(s for line in body_lines(path) for s in split_sentences(line))
    for ref in range(len(real) + 1, size + 1):
        template = real[(ref - 1) % len(real)]
        card = synthetic_card(template, ref, random.Random(f"{seed}:{ref}"), seen)
        (target / "sources" / f"{ref:02d}-synthetic-{ref}.md").write_text(card, encoding="utf-8")


def body_lines(path: Path) -> list[str]:
    """The text of each finding (bullet marks removed), the units chunks are made of."""
    _, body, _ = split_front_matter(path.read_text(encoding="utf-8"), path)
    return [_BULLET.sub("", line, count=1) for line in body.splitlines() if line.strip()]


def synthetic_card(template: Path, ref: int, rng: random.Random, seen: set[str]) -> str:
    """The template with ref, title and year changed and every finding reworded."""
    meta, body, _ = split_front_matter(template.read_text(encoding="utf-8"), template)
    swaps = swap_table(rng)
    meta["ref"] = ref
    meta["title"] = f"{reword(meta['title'], swaps, rng)} ({rng.choice(TITLE_TAILS)} {ref})"
    meta["year"] = rng.randint(1990, 2025)
    lines = [
        line if not line.strip() or line.startswith("#") else vary(line, ref, swaps, rng, seen)
        for line in body.split("\n")
    ]
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n" + "\n".join(lines)


def swap_table(rng: random.Random) -> dict[str, str]:
    pairs = rng.sample(SWAPS, SWAPS_PER_CARD)
    return {**dict(pairs), **{b: a for a, b in pairs}}


def vary(line: str, ref: int, swaps: dict[str, str], rng: random.Random, seen: set[str]) -> str:
    """A finding reworded sentence by sentence; a sentence that still matches one already
    written (no number, no swapped term) is marked with the card's series number."""
    bullet = _BULLET.match(line)
    sentences = []
    for sentence in split_sentences(line[bullet.end() :] if bullet else line):
        new = reword(sentence, swaps, rng)
        if new in seen:
            new = _SENTENCE_STOP.sub(rf" (series {ref})\1", new, count=1)
        seen.add(new)
        sentences.append(new)
    return (bullet[0] if bullet else "") + " ".join(sentences)


def reword(text: str, swaps: dict[str, str], rng: random.Random) -> str:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, swaps)) + r")(s?)\b", re.IGNORECASE)
    swapped = pattern.sub(lambda m: same_case(swaps[m[1].lower()], m[1]) + m[2], text)
    return _NUMBER.sub(lambda m: redraw(m[0], rng), swapped)


def same_case(word: str, like: str) -> str:
    return word.capitalize() if like[0].isupper() else word


def redraw(number: str, rng: random.Random) -> str:
    """A random number with as many digits (and decimals) as `number`: 15 -> 73, 0.27 -> 0.81."""
    if "," in number:
        return f"{random_digits(len(number.replace(',', '')), rng):,}"
    whole, _, decimals = number.partition(".")
    new = "0" if whole == "0" else str(random_digits(len(whole), rng))
    return new + ("." + "".join(str(rng.randint(0, 9)) for _ in decimals) if decimals else "")


def random_digits(digits: int, rng: random.Random) -> int:
    return rng.randint(10 ** (digits - 1), 10**digits - 1)


# --- Measures, each in a fresh process ----------------------------------------------------


def child_ingest() -> dict[str, Any]:
    """Ingest into an empty index with the model already loaded, then raw encoder calls over the
    chunk texts and over the sentences (start-up's sentence vectors), one call each."""
    settings = Settings()
    configure_environment(settings)
    embeddings = build_embeddings(settings)
    embeddings.load()
    embeddings.encode(["first-call costs land outside every timing"])
    started, cpu = time.perf_counter(), time.process_time()
    report = ingest(settings, embeddings)
    ingest_s, ingest_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    corpus = load_corpus(settings.corpus_dir)
    analyzer = Analyzer(corpus.synonyms)
    chunks = chunk_corpus(corpus, settings.chunk_size, settings.chunk_overlap)
    texts = [analyzer.expand(c.embedding_text) for c in chunks]
    sentences = list(dict.fromkeys(s for c in chunks for s in split_sentences(c.text)))
    return {
        "chunks": report.chunks,
        "added": report.sync.added,
        "distinct_texts": len(set(texts)),
        "sentences": len(sentences),
        "ingest_s": ingest_s,
        "ingest_cpu_s": ingest_cpu_s,
        "raw_s": encode_seconds(embeddings, texts),
        "raw_sentences_s": encode_seconds(embeddings, [analyzer.expand(s) for s in sentences]),
        "peak_mb": proc_mb("VmHWM"),
    }


def encode_seconds(embeddings: SentenceEmbeddings, texts: list[str]) -> float:
    started = time.perf_counter()
    embeddings.encode(texts)
    return time.perf_counter() - started


def child_startup() -> dict[str, Any]:
    """Start-up as a server sees it, from this process's start to a built assistant, then the
    memory it holds, then warm `ask` latency (the second of two rounds over the questions)."""
    imported_s = process_age_s()  # the interpreter and every import above
    started = time.perf_counter()
    assistant = build_assistant(Settings())
    build_s = time.perf_counter() - started
    startup_s = process_age_s()
    rss_mb, peak_mb = proc_mb("VmRSS"), proc_mb("VmHWM")
    for question in QUESTIONS:
        assistant.ask(question)
    latencies = []
    for question in QUESTIONS:
        asked = time.perf_counter()
        assistant.ask(question)
        latencies.append((time.perf_counter() - asked) * 1000)
    return {
        "startup_s": startup_s,
        "import_s": imported_s,
        "build_s": build_s,
        "rss_mb": rss_mb,
        "peak_mb": peak_mb,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
    }


CHILDREN = {"ingest": child_ingest, "startup": child_startup}


def process_age_s() -> float:
    """Seconds since this process started (interpreter and imports included), to 10 ms."""
    start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def proc_mb(key: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS now, VmHWM the peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def run_child(kind: str, env: dict[str, str], scratch: Path) -> dict[str, Any]:
    """This script in `--child` mode in a new interpreter; its figures come back as JSON."""
    out = scratch / f"{kind}.json"
    command = [sys.executable, __file__, "--child", kind, "--out", str(out)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.splitlines()[-20:])
        raise SystemExit(f"{tail}\nthe {kind} process failed with code {done.returncode}")
    figures: dict[str, Any] = json.loads(out.read_text())
    return figures


def disk_mb(folder: Path) -> float:
    """What `du` counts: blocks allocated, not apparent sizes."""
    return sum(p.stat().st_blocks * 512 for p in folder.rglob("*") if p.is_file()) / 2**20


def measure(size: int, folder: Path, source: Path, seed: int) -> Row:
    """One size: write its corpus, ingest it, start an assistant on it."""
    write_corpus(source, folder / "corpus", size, seed)
    env = {
        **os.environ,
        "ASSISTANT_CORPUS_DIR": str(folder / "corpus"),
        "ASSISTANT_DATA_DIR": str(folder / "data"),
        "ASSISTANT_INDEX_DIR": str(folder / "data" / "index"),
    }
    load = os.getloadavg()[0]
    ing = run_child("ingest", env, folder)
    start = run_child("startup", env, folder)
    print(
        f"{size} cards: {ing['distinct_texts']} distinct chunk texts of {ing['chunks']} "
        f"({ing['added']} added); ingest {ing['ingest_s']:.1f} s used {ing['ingest_cpu_s']:.0f} "
        f"CPU-s, peak RSS {ing['peak_mb']:.0f} MB; raw encoder {ing['raw_s']:.1f} s on chunks, "
        f"{ing['raw_sentences_s']:.1f} s on sentences; start-up = interpreter and imports "
        f"{start['import_s']:.1f} s + build_assistant {start['build_s']:.1f} s; load average "
        f"{load:.1f} before, {os.getloadavg()[0]:.1f} after",
        file=sys.stderr,
        flush=True,
    )
    return Row(
        cards=size,
        chunks=ing["chunks"],
        sentences=ing["sentences"],
        ingest_s=ing["ingest_s"],
        ingest_rate=ing["chunks"] / ing["ingest_s"],
        raw_s=ing["raw_s"] + ing["raw_sentences_s"],
        share=(ing["raw_s"] + ing["raw_sentences_s"]) / ing["ingest_s"],
        index_mb=disk_mb(folder / "data" / "index"),
        startup_s=start["startup_s"],
        rss_mb=start["rss_mb"],
        peak_mb=start["peak_mb"],
        p50_ms=start["p50_ms"],
        p95_ms=start["p95_ms"],
    )


# --- The table -----------------------------------------------------------------------------


def header() -> str:
    names = [name for name, _ in COLUMNS]
    return f"| {' | '.join(names)} |\n|{'|'.join('---:' for _ in names)}|"


def markdown_row(row: Row) -> str:
    values = [getattr(row, f.name) for f in fields(row)]
    cells = [format(value, spec) for value, (_, spec) in zip(values, COLUMNS, strict=True)]
    return f"| {' | '.join(cells)} |"


def sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=sizes, default=[10, 100, 1000], help="Cards, e.g. 10,100")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="Keep each size's files in DIR/N.")
    parser.add_argument("--seed", type=int, default=0, help="Seeds the synthetic cards.")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def run(args: argparse.Namespace, work: Path) -> list[Row]:
    source = Settings().corpus_dir
    real = len(list((source / "sources").glob("*.md")))
    if min(args.sizes) < real:
        raise SystemExit(f"every size must be at least {real}: the real cards are always kept")
    rows: list[Row] = []
    print(header(), flush=True)
    for size in args.sizes:
        folder = work / str(size)
        if folder.exists():
            raise SystemExit(f"{folder} exists; remove it or choose another --keep folder")
        rows.append(measure(size, folder, source, args.seed))
        print(markdown_row(rows[-1]), flush=True)
    return rows


def main() -> None:
    args = parse_args()
    if args.child:
        args.out.write_text(json.dumps(CHILDREN[args.child]()))
        return
    if args.keep:
        rows = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory() as folder:
            rows = run(args, Path(folder))
    print(
        f"\nSeed {args.seed}. Start-up: a fresh process, from its start to a built assistant; "
        "RSS right after, peak RSS up to then. Ask: warm, the second of two rounds over "
        "20 questions. Raw encoder: one encode() call over the chunk texts and one over the "
        "sentences, the texts ingest embeds (stderr: each apart)."
    )
    print("\n".join([header(), *map(markdown_row, rows)]))


if __name__ == "__main__":
    main()
