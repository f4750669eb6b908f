"""Which of an answer's chosen sentences leads: a logistic model on the packaged embeddings.

The composer's rules choose the sentences and a first order; this model, trained on answer
cases whose direct answer is marked (`lead: true` in the tuning files under evals/answers, never
the test half or a held-out set), moves the sentence most likely to answer the question to the
front. Its features are the sentence's scores and roles, the question's form, the product of the
sentence's and the question's embeddings (which words of meaning they share) and the sentence's
embedding against the answer's mean (what kind of sentence it is). `assistant train-lead` fits
it and ships lead.npz; with another embedding model it is off (the rules' order stands)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import get_args

import numpy as np

from assistant.answer.extractive import Query, Selected, opens_with_anaphor
from assistant.answer.forms import Form
from assistant.answer.question_types import QuestionTypes
from assistant.answer.roles import SentenceRoles
from assistant.answer.sentences import SentenceBank
from assistant.files import save_arrays_atomic
from assistant.schema import SYNTHESIS

MODEL_FILE = "lead.npz"
REGULARISATION = 100.0  # chosen by leave-one-file-out over the tuning files (439 of 521 lead)
FORMS: tuple[str, ...] = get_args(Form)
SCALE = 10.0  # the embedding product's entries are small; this brings them near the others


@dataclass(frozen=True)
class LeadQuestion:
    """What the model knows of the question."""

    text: str
    form: str
    subject: str
    query: Query
    # the embedding of what is asked first (a several-part question's first part, else the
    # sentences that ask, without the story around them)
    ask: np.ndarray


@dataclass(frozen=True)
class LeadModel:
    """Weights over the features, with the embedding model they were trained on."""

    weights: np.ndarray
    bias: float
    model: str
    data_hash: str

    def save(self, path: Path) -> None:
        save_arrays_atomic(
            path,
            weights=self.weights,
            bias=np.array(self.bias),
            model=np.array(self.model),
            data_hash=np.array(self.data_hash),
        )

    def best(self, features: np.ndarray, sentences: Sequence[str]) -> int:
        """The row that should lead; a sentence opening with an anaphor only if it is first."""
        scores = features @ self.weights + self.bias
        barred = [i for i, text in enumerate(sentences) if i and opens_with_anaphor(text)]
        scores[barred] = -np.inf
        return int(np.argmax(scores))

    @classmethod
    def load(cls, path: Path) -> LeadModel:
        with np.load(path) as data:
            return cls(
                weights=data["weights"].astype(np.float32),
                bias=float(data["bias"]),
                model=str(data["model"]),
                data_hash=str(data["data_hash"]),
            )


def shipped_model_path() -> Path:
    return Path(str(resources.files("assistant.answer").joinpath(MODEL_FILE)))


def cases_hash(files: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class LeadRanker:
    """Puts the likeliest direct answer first; records features when training."""

    bank: SentenceBank
    roles: SentenceRoles
    types: QuestionTypes
    model: LeadModel | None
    recorded: list[tuple[np.ndarray, list[str]]] | None = field(default=None)

    def order(self, question: LeadQuestion, chosen: list[Selected]) -> list[Selected]:
        """`chosen` with the best-scoring sentence (and any that lean on it) moved first; an
        anaphoric sentence ("These fractures...") never leads."""
        if len(chosen) < 2 or (self.model is None and self.recorded is None):
            return chosen
        features = self.features(question, chosen)
        if self.recorded is not None:
            self.recorded.append((features, [c.sentence for c in chosen]))
            return chosen
        assert self.model is not None
        best = self.model.best(features, [c.sentence for c in chosen])
        if best == 0:
            return chosen
        block = [best]
        while block[-1] + 1 < len(chosen) and _leans_on(chosen[block[-1] + 1], chosen[block[-1]]):
            block.append(block[-1] + 1)
        return [chosen[i] for i in block] + [c for i, c in enumerate(chosen) if i not in block]

    def features(self, question: LeadQuestion, chosen: list[Selected]) -> np.ndarray:
        """One row per sentence, the same at training and answering time."""
        sentences = [c.sentence for c in chosen]
        vectors = self.bank.vectors(sentences)
        query = question.query
        asked = np.asarray(vectors @ query.vector)
        first_ask = np.asarray(vectors @ question.ask)
        focus = np.asarray(vectors @ query.focus)
        similarity = np.array([c.similarity for c in chosen])
        score = np.array([c.score for c in chosen])
        wants_figure = self.types.wants_figure(question.text)
        asks_for = self.types.of(question.text)
        follow_up = query.text != question.text
        centre = vectors.mean(axis=0)
        rows = []
        for i, (selected, vector) in enumerate(zip(chosen, vectors, strict=True)):
            text = selected.sentence
            role = {
                "compares": self.roles.compares(text),
                "defines": self.roles.defines(text, question.subject),
                "names_condition": self.roles.names_condition(text),
                "has_figure": self.types.has_figure(text),
            }
            scalar = [
                similarity[i],
                score[i],
                asked[i],
                focus[i],
                self.bank.hub(text),
                *role.values(),
                self.roles.is_method(text),
                self.roles.singles_out(text),
                offers := self.types.offers(text, asks_for),
                opens_with_anaphor(text),
                selected.passage.chunk.ref == SYNTHESIS,
                i == 0,
                i == 1,
                i / len(chosen),
                similarity[i] - similarity.max(),
                score[i] - score.max(),
                asked[i] - asked.max(),
                focus[i] - focus.max(),
                role["has_figure"] and wants_figure,
                np.log(len(text.split())),
                *(question.form == form and value for form in FORMS for value in role.values()),
                *(question.form == form and i == 0 for form in FORMS),
                follow_up and offers,
                follow_up and i == 0,
                first_ask[i],
                first_ask[i] - first_ask.max(),
            ]
            rows.append(
                np.concatenate(
                    [
                        np.array(scalar, dtype=np.float32),
                        vector * query.vector * SCALE,
                        vector - centre,
                    ]
                )
            )
        return np.vstack(rows).astype(np.float32)


def fit(
    rows: Sequence[tuple[np.ndarray, list[bool], list[str]]], model: str, data_hash: str
) -> LeadModel:
    """Logistic regression over every sentence of every answer whose direct answer is among
    its sentences: is this the sentence that answers?"""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([features for features, _, _ in rows])
    y = np.concatenate([labels for _, labels, _ in rows])
    fitted = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(x, y)
    return LeadModel(
        weights=np.asarray(fitted.coef_[0], dtype=np.float32),
        bias=float(fitted.intercept_[0]),
        model=model,
        data_hash=data_hash,
    )


def _leans_on(after: Selected, before: Selected) -> bool:
    """The next sentence of the same passage, opening with an anaphor."""
    same = after.passage.chunk.chunk_id == before.passage.chunk.chunk_id
    return same and after.position == before.position + 1 and opens_with_anaphor(after.sentence)
