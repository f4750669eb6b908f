"""Training the lead model (answer/lead.py) on the tuning answer cases.

Only files named tune*.yaml under evals/answers are read: the test half and the held-out sets
are never trained on. Each answer case whose reply holds one of its `lead: true` facts gives one
example per sentence of the reply (is this the sentence that answers?). Leave-one-file-out
cross-validation says how the model does on an author it was not trained on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answer.lead import LeadModel, cases_hash, fit
from assistant.evals.cases import Case, load_cases
from assistant.factory import assemble, load_components
from assistant.settings import Settings

TUNING_GLOB = "tune*.yaml"
Example = tuple[np.ndarray, list[bool], list[str]]


@dataclass(frozen=True)
class CrossValidation:
    """Answers whose lead sentence is among their sentences, and how many lead with it."""

    answers: int
    rules_first: int
    model_first: int


def tuning_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(TUNING_GLOB))


def gather(settings: Settings, files: list[Path]) -> dict[str, list[Example]]:
    """Each tuning file's examples, from answers composed with the lead model off."""
    recording: list[tuple[np.ndarray, list[str]]] = []
    assistant = assemble(settings, load_components(settings), recording=recording)
    examples: dict[str, list[Example]] = {}
    for path in files:
        examples[path.name] = []
        for case in load_cases(path):
            recording.clear()
            if case.kind != "answer" or not case.leads:
                continue
            answer = assistant.ask(case.question, history=case.history)
            if answer.status != "answered" or not recording:
                continue
            features, sentences = recording[-1]
            labels = [_leads(case, sentence) for sentence in sentences]
            if any(labels):
                examples[path.name].append((features, labels, sentences))
    return examples


def cross_validate(
    examples: dict[str, list[Example]], fitter: Callable[[list[Example]], LeadModel]
) -> CrossValidation:
    """Train on all files but one, count leads on that one; summed over the files."""
    answers = rules = model_first = 0
    for held, rows in examples.items():
        model = fitter([e for name, other in examples.items() if name != held for e in other])
        for features, labels, sentences in rows:
            answers += 1
            rules += labels[0]
            model_first += labels[model.best(features, sentences)]
    return CrossValidation(answers, rules, model_first)


def train_lead(settings: Settings, folder: Path) -> tuple[LeadModel, CrossValidation]:
    files = tuning_files(folder)
    if not files:
        raise FileNotFoundError(f"no {TUNING_GLOB} answer case files in {folder}")
    examples = gather(settings, files)
    data_hash = cases_hash(files)

    def fitter(rows: list[Example]) -> LeadModel:
        return fit(rows, settings.embedding_model, data_hash)

    report = cross_validate(examples, fitter)
    return fitter([e for rows in examples.values() for e in rows]), report


def _leads(case: Case, sentence: str) -> bool:
    return any(fact.found_in(sentence.lower()) for fact in case.leads)
