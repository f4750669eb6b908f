"""The `assistant` command: parse arguments, call the core, print the result."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console

from assistant.environment import configure_environment
from assistant.errors import AssistantError
from assistant.settings import PROJECT_ROOT, Audience, RetrievalMode, Settings

app = typer.Typer(
    help="Lumbar Guide: evidence-grounded answers on low back pain above the buttocks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
_debug = {"on": False}
DEFAULT_CASES = PROJECT_ROOT / "evals" / "cases.yaml"
DEFAULT_THRESHOLDS = PROJECT_ROOT / "evals" / "thresholds.yaml"
DEFAULT_GRID = PROJECT_ROOT / "evals" / "tuning.yaml"


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of unexpected errors.")
    ] = False,
) -> None:
    """Lumbar Guide: evidence-grounded answers on low back pain above the buttocks."""
    _debug["on"] = debug


@app.command()
def ingest(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Drop the index and embed everything again.")
    ] = False,
) -> None:
    """Validate the corpus, chunk it, embed it and sync the Chroma index."""
    from rich.progress import Progress

    from assistant.factory import build_embeddings
    from assistant.index.ingest import ingest as run_ingest

    with _errors_as_messages():
        settings = _settings()
        with Progress(console=err, transient=True) as progress:
            task = progress.add_task("Embedding chunks", total=None)
            report = run_ingest(
                settings,
                build_embeddings(settings),
                rebuild=rebuild,
                on_start=lambda total: progress.update(task, total=total),
                on_progress=lambda n: progress.advance(task, n),
            )
        typer.echo(report.summary())


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the full result object as JSON.")
    ] = False,
    mode: Annotated[
        RetrievalMode | None, typer.Option(help="Retriever to use (default: the setting).")
    ] = None,
    audience: Annotated[
        Audience | None, typer.Option(help="Wording for a clinician or a patient.")
    ] = None,
) -> None:
    """Triage, then answer one question from the corpus, with numbered citations."""
    from assistant.console import render_answer
    from assistant.factory import build_assistant

    with _errors_as_messages():
        settings = _settings()
        assistant = build_assistant(settings)
        answer = assistant.ask(question, mode=mode, audience=audience)
    if json_output:
        typer.echo(answer.model_dump_json(indent=2))
    else:
        Console().print(render_answer(answer))


@app.command(name="eval")
def evaluate(
    cases: Annotated[Path, typer.Option(help="Case file (YAML).")] = DEFAULT_CASES,
    thresholds: Annotated[Path, typer.Option(help="Gate file (YAML).")] = DEFAULT_THRESHOLDS,
    report: Annotated[Path | None, typer.Option(help="Write the JSON report here.")] = None,
    junit: Annotated[Path | None, typer.Option(help="Write JUnit XML here.")] = None,
    markdown: Annotated[Path | None, typer.Option(help="Write a Markdown summary here.")] = None,
    k: Annotated[int, typer.Option(help="Judge retrieval on the top k passages.", min=1)] = 5,
    mode: Annotated[
        RetrievalMode | None, typer.Option(help="Retriever to use (default: the setting).")
    ] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="Run dense, bm25 and hybrid; print side by side.")
    ] = False,
) -> None:
    """Run the eval cases and gate on the thresholds: exit 1 naming any figure that misses."""
    from assistant.evals.cases import load_cases
    from assistant.evals.report import write_json, write_junit, write_markdown
    from assistant.evals.runner import run_cases
    from assistant.evals.table import render_comparison, render_run
    from assistant.evals.thresholds import check, load_thresholds
    from assistant.factory import build_assistant

    with _errors_as_messages():
        settings = _settings()
        suite = load_cases(cases)
        bounds = load_thresholds(thresholds)
        assistant = build_assistant(settings)
        if compare:
            runs = [run_cases(assistant, suite, k=k, mode=m) for m in ("dense", "bm25", "hybrid")]
            Console().print(render_comparison(runs))
            return
        run = run_cases(assistant, suite, k=k, mode=mode)
    verdicts = check(run.summary, bounds)
    Console().print(render_run(run, verdicts))
    for path, write in ((report, write_json), (junit, write_junit), (markdown, write_markdown)):
        if path is not None:
            write(path, run, verdicts)
    missed = [v for v in verdicts if not v.passed]
    if missed:
        _fail("eval gate failed: " + "; ".join(v.describe() for v in missed))
    typer.echo(f"eval gate passed: {len(verdicts)} thresholds met on {run.summary.cases} cases")


@app.command()
def tune(
    grid: Annotated[Path, typer.Option(help="Settings and values to try (YAML).")] = DEFAULT_GRID,
    cases: Annotated[Path, typer.Option(help="Case file (YAML).")] = DEFAULT_CASES,
    thresholds: Annotated[Path, typer.Option(help="Gate file (YAML).")] = DEFAULT_THRESHOLDS,
    k: Annotated[int, typer.Option(help="Judge retrieval on the top k passages.", min=1)] = 5,
    top: Annotated[int, typer.Option(help="How many combinations to list.", min=1)] = 10,
) -> None:
    """Grid-search decision settings on the eval cases; check the best on held-out halves."""
    from rich.progress import Progress

    from assistant.evals.cases import load_cases
    from assistant.evals.table import render_trials
    from assistant.evals.thresholds import load_thresholds
    from assistant.evals.tuning import combinations, load_grid, run_tuning
    from assistant.factory import load_components

    with _errors_as_messages():
        settings = _settings()
        suite, bounds, search = load_cases(cases), load_thresholds(thresholds), load_grid(grid)
        parts = load_components(settings)
        with Progress(console=err, transient=True) as progress:
            task = progress.add_task("Trying settings", total=3 * combinations(search))
            report = run_tuning(
                settings, parts, suite, search, bounds, k=k,
                on_trial=lambda _: progress.advance(task),
            )  # fmt: skip
    Console().print(render_trials(report.trials, report.held_out, top))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Start the server: chat UI at /, API at /api/v1 (docs at /docs), widget at /widget.js."""
    import uvicorn

    from assistant.factory import load_components
    from assistant.server.app import create_app

    with _errors_as_messages():
        settings = _settings()
        app_ = create_app(settings, load_components(settings))
    uvicorn.run(app_, host=host or settings.host, port=port or settings.port, log_level="warning")


@app.command()
def chat(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Start the chat UI alone (http://127.0.0.1:7860 by default); `serve` adds the API."""
    from assistant.factory import build_assistant
    from assistant.ui.chat import launch

    with _errors_as_messages():
        settings = _settings()
        assistant = build_assistant(settings)
    launch(assistant, host=host or settings.host, port=port or settings.port)


def _settings() -> Settings:
    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"ASSISTANT_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        _fail(f"invalid configuration: {problems}", code=2)
    configure_environment(settings)
    return settings


@contextmanager
def _errors_as_messages() -> Iterator[None]:
    try:
        yield
    except AssistantError as exc:
        _fail(exc.message, exc.hint, exc.exit_code)
    except Exception as exc:
        if _debug["on"]:
            raise
        _fail(
            f"unexpected {type(exc).__name__}: {exc}",
            hint="this is a bug; run again with `assistant --debug ...` and report the traceback",
        )


def _fail(message: str, hint: str | None = None, code: int = 1) -> NoReturn:
    err.print(f"[bold red]Error:[/bold red] {message}", highlight=False, soft_wrap=True)
    if hint:
        err.print(f"[dim]Hint: {hint}[/dim]", highlight=False, soft_wrap=True)
    sys.exit(code)
