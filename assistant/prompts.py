"""Prompts and fixed phrases live as text files in prompts/, loaded once and rendered strictly."""

from __future__ import annotations

import string
from pathlib import Path

from assistant.errors import PromptError


class Prompts:
    """Every `*.txt` in the prompts folder, by file stem."""

    def __init__(self, folder: Path) -> None:
        try:
            self._templates = {
                path.stem: string.Template(path.read_text(encoding="utf-8").strip())
                for path in sorted(folder.glob("*.txt"))
            }
        except OSError as exc:
            raise PromptError(f"prompts cannot be read from {folder}: {exc}") from exc
        self._folder = folder

    @property
    def names(self) -> list[str]:
        return list(self._templates)

    def variables(self, name: str) -> set[str]:
        return set(self._template(name).get_identifiers())

    def render(self, name: str, **variables: str) -> str:
        """The prompt with `variables` filled in; a missing or unknown variable is an error."""
        template = self._template(name)
        needed = set(template.get_identifiers())
        if needed != set(variables):
            raise PromptError(
                f"prompt {name!r} needs {sorted(needed)} but was given {sorted(variables)}"
            )
        return template.substitute(variables)

    def _template(self, name: str) -> string.Template:
        if name not in self._templates:
            raise PromptError(f"prompt {name!r} not found in {self._folder}")
        return self._templates[name]
