"""The `assistant` command: parse arguments, call the core, print the result."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console

from assistant.environment import configure_environment
from assistant.errors import AssistantError
from assistant.settings import RetrievalMode, Settings

app = typer.Typer(
    help="Lumbar Guide: evidence-grounded answers on low back pain above the buttocks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


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
) -> None:
    """Answer one question from the corpus, with numbered citations."""
    from assistant.console import render_answer
    from assistant.factory import build_assistant

    with _errors_as_messages():
        settings = _settings()
        assistant = build_assistant(settings)
        answer = assistant.ask(question, mode=mode)
    if json_output:
        typer.echo(answer.model_dump_json(indent=2))
    else:
        Console().print(render_answer(answer))


@app.command()
def chat(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Start the chat UI in the browser (http://127.0.0.1:7860 by default)."""
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


def _fail(message: str, hint: str | None = None, code: int = 1) -> NoReturn:
    err.print(f"[bold red]Error:[/bold red] {message}", highlight=False, soft_wrap=True)
    if hint:
        err.print(f"[dim]Hint: {hint}[/dim]", highlight=False, soft_wrap=True)
    sys.exit(code)
