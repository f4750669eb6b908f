"""Condition pictures (corpus/conditions.yaml): the findings a story tells for each condition
the corpus describes, with the papers that describe it. The composer matches a case story to
them; see compose.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.errors import CorpusError
from assistant.schema import Document


@dataclass(frozen=True)
class ConditionPicture:
    """One condition: its name, the documents that describe it, the vocabulary terms that
    name it and the findings that tell it."""

    name: str
    doc_ids: tuple[str, ...]
    names: tuple[str, ...]
    findings: tuple[str, ...]


def load_pictures(path: Path, documents: Sequence[Document]) -> tuple[ConditionPicture, ...]:
    """The pictures in `path`, none when it does not exist; a malformed entry or a ref with no
    card is a CorpusError naming the file and the condition."""
    if not path.is_file():
        return ()
    try:
        raw = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as error:
        raise CorpusError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(raw, dict):
        raise CorpusError(f"{path}: expected a mapping of condition names to pictures")
    by_ref = {str(doc.ref): doc.doc_id for doc in documents}
    return tuple(
        _picture(str(name), entry, f"{path}: condition {name!r}", by_ref)
        for name, entry in raw.items()
    )


def _picture(name: str, entry: object, where: str, by_ref: dict[str, str]) -> ConditionPicture:
    if not isinstance(entry, dict) or not _strings(entry.get("picture")):
        raise CorpusError(f"{where}: 'picture' must be a list of findings")
    refs = entry.get("papers")
    if not isinstance(refs, list) or not refs:
        raise CorpusError(f"{where}: 'papers' must list source-card refs")
    unknown = [ref for ref in refs if str(ref) not in by_ref]
    if unknown:
        raise CorpusError(f"{where}: no source card has ref {unknown[0]}")
    names = entry.get("names", [])
    if names != [] and not _strings(names):
        raise CorpusError(f"{where}: 'names' must be a list of terms")
    return ConditionPicture(
        name=name,
        doc_ids=tuple(by_ref[str(ref)] for ref in refs),
        names=tuple(names),
        findings=tuple(entry["picture"]),
    )


def _strings(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)
