"""The `assistant` command: parse arguments, call the core, print the result."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from assistant.environment import configure_environment
from assistant.errors import AssistantError, ConfigurationError
from assistant.settings import PROJECT_ROOT, Audience, RetrievalMode, Settings, load_settings

if TYPE_CHECKING:
    from rich.console import RenderableType

    from assistant.evals.cases import Case
    from assistant.evals.gate import SuiteRun
    from assistant.evals.support_set import SupportFigures
    from assistant.evals.thresholds import Verdict
    from assistant.factory import Components

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
    compare_composers: Annotated[
        bool,
        typer.Option(
            "--compare-composers",
            "--llm",
            help="Run the cases extractive and through the language model (ASSISTANT_LLM); "
            "print side by side.",
        ),
    ] = False,
) -> None:
    """Run the eval cases, and every suite the thresholds file names (the red-flag test half),
    and gate on the thresholds: exit 1 naming any figure that misses."""
    from assistant.evals.cases import load_cases
    from assistant.evals.gate import report_path, run_gate
    from assistant.evals.report import write_json, write_junit, write_markdown
    from assistant.evals.runner import run_cases
    from assistant.evals.table import render_comparison, render_support
    from assistant.factory import assemble, load_components

    with _errors_as_messages():
        settings = _settings()
        parts = load_components(settings)
        assistant = assemble(settings, parts)
        if compare:
            chosen = load_cases(cases)
            runs = [run_cases(assistant, chosen, k=k, mode=m) for m in ("dense", "bm25", "hybrid")]
            Console().print(render_comparison(runs))
            return
        if compare_composers:
            Console().print(_compare_composers(settings, parts, load_cases(cases), k, mode))
            return
        suites = run_gate(assistant, cases, thresholds, k=k, mode=mode)
        support = _support_gate(thresholds, settings, parts)
    console = Console()
    for suite in suites:
        _show_suite(console, suite)
        for path, write in ((report, write_json), (junit, write_junit), (markdown, write_markdown)):
            if path is not None:
                write(report_path(path, suite.name), suite.run, suite.verdicts)
    missed = [f"{s.name}: {v.describe()}" for s in suites for v in s.missed]
    if support is not None:
        figures, checked = support
        console.print(render_support(figures, checked))
        missed += [f"support: {v.describe()}" for v in checked if not v.passed]
    if missed:
        _fail("eval gate failed: " + "; ".join(missed))
    total = sum(len(s.verdicts) for s in suites) + (len(support[1]) if support else 0)
    cases_run = sum(s.run.summary.cases for s in suites)
    typer.echo(f"eval gate passed: {total} thresholds met on {cases_run} cases")


def _compare_composers(
    settings: Settings, parts: Components, chosen: list[Case], k: int, mode: RetrievalMode | None
) -> RenderableType:
    """The cases answered extractively and by the language model, figures side by side."""
    from assistant.evals.runner import run_cases
    from assistant.evals.table import render_comparison
    from assistant.factory import assemble

    if settings.llm == "none":
        _fail(
            "--compare-composers needs a language model",
            hint="set ASSISTANT_LLM=openai and ASSISTANT_LLM_BASE_URL",
        )
    extractive = assemble(settings.model_copy(update={"llm": "none"}), parts)
    runs = [run_cases(a, chosen, k=k, mode=mode) for a in (extractive, assemble(settings, parts))]
    return render_comparison(runs, ["extractive", "llm"], title="Composers")


def _show_suite(console: Console, suite: SuiteRun) -> None:
    """A suite's figures, and per family or per question form where it has them."""
    from assistant.evals.metrics.families import by_family, by_form
    from assistant.evals.table import render_families, render_forms, render_run

    console.print(f"[bold]Suite: {suite.name}[/bold]")
    console.print(render_run(suite.run, suite.verdicts))
    families = by_family(suite.run.results)
    if len(families) > 1:
        console.print(render_families(f"Red flags by family ({suite.name})", families))
    forms = by_form(suite.run.results)
    if forms:
        console.print(render_forms(f"Answer cases by question form ({suite.name})", forms))


def _support_gate(
    thresholds: Path, settings: Settings, parts: Components
) -> tuple[SupportFigures, list[Verdict]] | None:
    """The support check on the pairs the thresholds file names, with its verdicts."""
    from assistant.evals.support_set import load_pairs, load_spec, run_support, verdicts
    from assistant.factory import support_check

    spec = load_spec(thresholds)
    if spec is None:
        return None
    pairs = load_pairs([thresholds.parent / p for p in spec.pairs], spec.half)
    figures = run_support(support_check(settings, parts), pairs, parts.store.chunks())
    return figures, verdicts(figures, spec.gate)


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
    workers: Annotated[
        int,
        typer.Option(
            help="Server processes; each loads the index (share rate limits "
            "through ASSISTANT_RATE_LIMIT_STORAGE).",
            min=1,
        ),
    ] = 1,
) -> None:
    """Start the server: chat UI at /, API at /api/v1 (docs at /docs), widget at /widget.js,
    metrics at /metrics. X-Forwarded-For is believed only from ASSISTANT_TRUSTED_PROXIES."""
    import uvicorn

    from assistant.factory import load_components
    from assistant.logs import configure_logging
    from assistant.server.app import create_app

    with _errors_as_messages():
        settings = _settings()
        configure_logging(settings.log_level)
        target: object = "assistant.server.app:app_from_environment"
        if workers == 1:
            target = create_app(settings, load_components(settings))
    where = f"http://{host or settings.host}:{port or settings.port}"
    err.print(
        f"Serving on {where}: chat UI at /, API at /api/v1 (docs at /docs)",
        highlight=False,
        soft_wrap=True,
    )
    uvicorn.run(
        target,  # type: ignore[arg-type]
        factory=workers > 1,
        workers=workers,
        host=host or settings.host,
        port=port or settings.port,
        proxy_headers=False,  # the app applies ASSISTANT_TRUSTED_PROXIES itself
        access_log=False,  # the app writes one JSON line per request
        log_level="warning",
    )


@app.command(name="train-triage")
def train_triage(
    check: Annotated[
        bool, typer.Option("--check", help="Only say whether the shipped head is up to date.")
    ] = False,
) -> None:
    """Train the red-flag clause classifier on assistant/safety/training/*.yaml and ship it as
    assistant/safety/classifier.npz (a few seconds on a CPU)."""
    from assistant.factory import build_embeddings
    from assistant.safety.classifier import Head, shipped_head_path, train, training_hash

    with _errors_as_messages():
        settings = _settings()
        path = shipped_head_path()
        if check:
            head = Head.load(path) if path.exists() else None
            current = head is not None and head.data_hash == training_hash()
            if not current:
                _fail(f"{path} is missing or older than the training files", "run train-triage")
            typer.echo(f"{path} matches the training files ({training_hash()})")
            return
        head = train(build_embeddings(settings))
        head.save(path)
    typer.echo(f"trained on {training_hash()} with {head.model}: {', '.join(head.classes)}")


@app.command(name="train-lead")
def train_lead(
    check: Annotated[
        bool, typer.Option("--check", help="Only say whether the shipped model is up to date.")
    ] = False,
) -> None:
    """Train the model that picks which sentence of an answer leads, on the tuning answer cases
    (evals/answers/tune*.yaml, never the test half or held-out sets), and ship it as
    assistant/answer/lead.npz (about a minute on a CPU); prints its cross-validated figures."""
    from assistant.answer.lead import LeadModel, cases_hash, shipped_model_path
    from assistant.evals.lead_training import train_lead as train
    from assistant.evals.lead_training import tuning_files

    folder = DEFAULT_CASES.parent / "answers"
    with _errors_as_messages():
        settings = _settings()
        path = shipped_model_path()
        if check:
            expected = cases_hash(tuning_files(folder))
            model = LeadModel.load(path) if path.exists() else None
            if model is None or model.data_hash != expected:
                _fail(f"{path} is missing or older than the tuning cases", "run train-lead")
            typer.echo(f"{path} matches the tuning cases ({expected})")
            return
        try:
            model, report = train(settings, folder)
        except FileNotFoundError as exc:
            _fail(str(exc), "run it from a checkout of the repository, which has evals/")
        model.save(path)
    typer.echo(
        f"trained on {model.data_hash} with {model.model}. Leave one file out: of "
        f"{report.answers} answers holding their direct answer, {report.rules_first} lead with "
        f"it in the composer's order, {report.model_first} with the model's"
    )


def _settings() -> Settings:
    try:
        settings = load_settings()
    except ConfigurationError as exc:
        _fail(exc.message, code=exc.exit_code)
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
