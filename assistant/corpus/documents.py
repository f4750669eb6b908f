"""Read one corpus file into a validated Document: a source card or the synthesis."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.corpus.frontmatter import split_front_matter
from assistant.errors import CorpusError
from assistant.schema import SYNTHESIS, Document, Reference, SourceCard, SynthesisInfo

M = TypeVar("M", bound=BaseModel)

_CARD_NAME = re.compile(r"^(?P<ref>\d+)-[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_card(path: Path) -> Document:
    """Load `sources/N-slug.md` (any number of digits, e.g. `06-si-joint.md` or
    `1204-clinic-protocol.md`); the number in the name must equal the card's `ref`."""
    meta, body, offset = _read(path)
    card = _validate(SourceCard, meta, path)
    name = _CARD_NAME.match(path.stem)
    if not name:
        raise CorpusError(
            f"{path}: file name must look like 'N-slug.md' (any number of digits, e.g. "
            "'06-si-joint.md')"
        )
    if int(name.group("ref")) != card.ref:
        raise CorpusError(f"{path}: field 'ref' is {card.ref} but the file name says {name['ref']}")
    _require_body(body, path)
    reference = Reference(
        ref=card.ref,
        title=card.title,
        authors=card.authors,
        year=card.year,
        journal=card.journal,
        study_type=card.study_type,
        url=card.url,
        doi=card.doi,
        pmid=card.pmid,
        match_confidence=card.match_confidence,
        identifiers_verified=card.identifiers_verified,
    )
    return Document(
        doc_id=path.stem,
        ref=card.ref,
        path=path,
        text=body,
        body_offset=offset,
        reference=reference,
        card=card,
    )


def load_synthesis(path: Path) -> Document:
    """Load the synthesis, whose inline citation numbers stay where its author put them."""
    meta, body, offset = _read(path)
    info = _validate(SynthesisInfo, meta, path)
    _require_body(body, path)
    reference = Reference(ref=SYNTHESIS, title=info.title, study_type=info.study_type)
    return Document(
        doc_id=SYNTHESIS,
        ref=SYNTHESIS,
        path=path,
        text=body,
        body_offset=offset,
        reference=reference,
    )


def _read(path: Path) -> tuple[dict[str, Any], str, int]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read ({exc})") from exc
    return split_front_matter(raw, path)


def _validate(model: type[M], meta: dict[str, Any], path: Path) -> M:
    try:
        return model.model_validate(meta)
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(str(p) for p in err['loc']) or '(front matter)'}': {err['msg']}"
            for err in exc.errors()
        )
        raise CorpusError(f"{path}: {problems}") from exc


def _require_body(body: str, path: Path) -> None:
    if not body.strip():
        raise CorpusError(
            f"{path}: the body is empty; write the key findings below the front matter"
        )
