"""The one place the seams are wired together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from assistant.answer.compose import Composer
from assistant.answer.composed import ComposedAnswers
from assistant.answer.coverage import EvidenceCheck
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.forms import QuestionForms
from assistant.answer.lead import LeadModel, LeadRanker, shipped_model_path
from assistant.answer.llm import LLMComposer, chat_model
from assistant.answer.question_types import QuestionTypes
from assistant.answer.roles import SentenceRoles
from assistant.answer.sentences import SentenceBank
from assistant.answer.support import SupportCheck
from assistant.corpus.loader import Corpus, load_corpus
from assistant.environment import configure_environment
from assistant.index.embeddings import SentenceEmbeddings
from assistant.index.store import ChunkStore, IndexInfo
from assistant.pipeline import Assistant
from assistant.prompts import Prompts
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.mending import QuestionMender
from assistant.retrieval.papers import NamedPapers
from assistant.retrieval.retriever import HybridRetriever
from assistant.safety.scope import ScopeGuard
from assistant.safety.spelling import english
from assistant.safety.triage import Triage
from assistant.settings import Settings
from assistant.text import Analyzer

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


@dataclass(frozen=True)
class Components:
    """What takes time to load (the model, the index, sentence vectors), loaded once."""

    corpus: Corpus
    embeddings: SentenceEmbeddings
    store: ChunkStore
    index: IndexInfo
    lexical: LexicalIndex
    bank: SentenceBank
    types: QuestionTypes
    triage: Triage
    prompts: Prompts
    mender: QuestionMender


def build_embeddings(settings: Settings) -> SentenceEmbeddings:
    return SentenceEmbeddings(
        settings.embedding_model,
        offline=settings.offline,
        device=settings.embedding_device,
        batch_size=settings.embedding_batch_size,
    )


def load_components(settings: Settings, embeddings: SentenceEmbeddings | None = None) -> Components:
    """Load the corpus and open the index it was built into; fail early with a hint if stale.
    A reload passes the embedding model already in memory."""
    configure_environment(settings)
    corpus = load_corpus(settings.corpus_dir)
    embeddings = embeddings or build_embeddings(settings)
    embeddings.set_threads(settings.encoder_threads)
    analyzer = Analyzer(corpus.synonyms)
    store = ChunkStore(settings, embeddings, analyzer)
    index = store.check(corpus.version)
    stored = store.chunks_and_terms()
    prompts = Prompts(settings.prompts_dir)
    lexical = LexicalIndex(
        [chunk for chunk, _ in stored], analyzer, corpus.names, [terms for _, terms in stored]
    )
    triage = Triage(prompts, embeddings, settings.triage_classifier_threshold)
    return Components(
        corpus=corpus,
        embeddings=embeddings,
        store=store,
        index=index,
        lexical=lexical,
        bank=SentenceBank(store.sentence_table(corpus.version), embeddings, analyzer),
        types=QuestionTypes(analyzer),
        triage=triage,
        prompts=prompts,
        mender=QuestionMender(
            [
                *(doc.text for doc in corpus.documents),
                *corpus.synonyms,
                *corpus.synonyms.values(),
            ],
            english(),
        ),
    )


def load_lead_model(settings: Settings, embeddings: SentenceEmbeddings) -> LeadModel | None:
    """The shipped lead model, if it is on and was trained with this embedding model."""
    path = shipped_model_path()
    if not settings.lead_model or not path.exists():
        return None
    model = LeadModel.load(path)
    return model if model.model == embeddings.name else None


def assemble(
    settings: Settings,
    parts: Components,
    chat: BaseChatModel | None = None,
    *,
    recording: list[tuple[np.ndarray, list[str]]] | None = None,
) -> Assistant:
    """An assistant on loaded components; cheap, so settings can be tried one after another.
    With `recording`, the lead model is off and each answer's lead features are kept there
    (how `assistant train-lead` gathers its examples)."""
    papers = NamedPapers(parts.corpus.documents, english().words.__contains__)
    retriever = HybridRetriever(parts.store, parts.lexical, settings, papers)
    forms = QuestionForms()
    roles = SentenceRoles(parts.lexical.analyzer, parts.corpus.kinds)
    model = None if recording is not None else load_lead_model(settings, parts.embeddings)
    lead = LeadRanker(parts.bank, roles, parts.types, model, recording)
    return Assistant(
        settings=settings,
        corpus=parts.corpus,
        bank=parts.bank,
        retriever=retriever,
        composer=Composer(
            ExtractiveAnswerer(parts.bank, parts.lexical, parts.types, settings),
            retriever,
            parts.bank,
            forms=forms,
            roles=roles,
            lead=lead,
            settings=settings,
            pictures=parts.corpus.pictures,
        ),
        forms=forms,
        roles=roles,
        evidence=EvidenceCheck(
            parts.bank,
            parts.lexical,
            parts.types,
            forms,
            settings,
            frequency=english().frequency,
            measures=[term for term, kind in parts.corpus.kinds.items() if kind == "measures"],
        ),
        triage=parts.triage,
        llm=_composed_answers(settings, parts, chat),
        scope=ScopeGuard(
            parts.bank,
            settings.scope_threshold,
            parts.corpus.topic_words(),
            lambda word: any(parts.lexical.knows(t) for t in parts.lexical.analyzer.terms(word)),
            english().frequency,
        ),
        prompts=parts.prompts,
        mender=parts.mender,
    )


def _composed_answers(
    settings: Settings, parts: Components, chat: BaseChatModel | None
) -> ComposedAnswers | None:
    """The language-model composer when one is configured (ASSISTANT_LLM) or given, else None."""
    if chat is None and settings.llm == "none":
        return None
    model = LLMComposer(chat or chat_model(settings), parts.prompts, settings)
    return ComposedAnswers(model, support_check(settings, parts))


def support_check(settings: Settings, parts: Components) -> SupportCheck:
    """The sentence-level support check composed answers pass."""
    return SupportCheck(
        parts.bank,
        parts.lexical,
        parts.corpus.kinds,
        settings.support_threshold,
        english().frequency,
    )


def build_assistant(settings: Settings) -> Assistant:
    return assemble(settings, load_components(settings))
