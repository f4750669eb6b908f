"""Prompts and fixed phrases live as text files in prompts/, rendered strictly."""

from __future__ import annotations

import string
from pathlib import Path

from assistant.errors import PromptError


def render(prompts_dir: Path, name: str, **variables: str) -> str:
    """The prompt `name` with `variables` filled in; any missing or unknown variable is an error."""
    path = prompts_dir / f"{name}.txt"
    try:
        template = string.Template(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PromptError(f"prompt {name!r} cannot be read from {path}: {exc}") from exc
    needed = set(template.get_identifiers())
    if needed != set(variables):
        raise PromptError(
            f"prompt {name!r} needs {sorted(needed)} but was given {sorted(variables)}"
        )
    return template.substitute(variables).strip()
