from pathlib import Path

import numpy as np
import pytest

from assistant.errors import EmbeddingModelError
from assistant.index.embeddings import resolve_model_path


def test_packaged_model_resolves_to_a_local_folder() -> None:
    path = Path(resolve_model_path("sentence-transformers/all-MiniLM-L6-v2", offline=True))
    assert (path / "config.json").is_file()
    assert (path / "model.safetensors").is_file()


def test_a_local_folder_is_used_as_is(tmp_path: Path) -> None:
    assert resolve_model_path(str(tmp_path), offline=True) == str(tmp_path.resolve())


def test_a_hub_id_is_refused_offline_with_a_hint() -> None:
    with pytest.raises(EmbeddingModelError) as caught:
        resolve_model_path("someone/some-model", offline=True)
    assert caught.value.hint and "ASSISTANT_OFFLINE=false" in caught.value.hint


def test_a_hub_id_passes_through_when_downloads_are_allowed() -> None:
    assert resolve_model_path("someone/some-model", offline=False) == "someone/some-model"


def test_vectors_are_unit_length_and_meaningful(embeddings) -> None:
    vectors = embeddings.encode(
        ["sacroiliac joint pain", "pain in the SI joint", "stock market prices"]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3
    assert len(embeddings.embed_query("x")) == 384
    assert embeddings.encode([]).shape == (0, 384)


def test_a_token_limit_reads_each_text_up_to_that_many_tokens(embeddings) -> None:
    """A question-side text is cut at its limit-th token, so a run of rare words (many tokens
    each) costs the encoder a bounded amount; a text within the limit is read whole."""
    long = "sacroiliac joint pain " + "zyxwvut qwertzuiop " * 40
    cut = embeddings.encode([long], max_tokens=8)[0]
    tokens = embeddings._load().tokenizer(long, add_special_tokens=False).input_ids
    assert len(tokens) > 100
    head = embeddings._load().tokenizer.decode(tokens[:8])
    assert float(cut @ embeddings.encode([head])[0]) > 0.99
    assert float(cut @ embeddings.encode([long])[0]) < 0.95
    short = ["pain in the SI joint"]
    assert np.allclose(embeddings.encode(short, max_tokens=8), embeddings.encode(short))


def test_texts_cut_to_a_token_limit_and_whole_ones_encode_together_from_many_threads(
    embeddings,
) -> None:
    """The server answers several questions at once: cutting a long one to its token limit
    while another thread encodes must not change how either is tokenized (a shared tokenizer
    setting gave ragged batches, a 500, under load)."""
    from concurrent.futures import ThreadPoolExecutor

    long = ["my lower back hurts above the buttocks " * 12 + str(i) for i in range(6)]
    batch = ["pain in the SI joint", "a much longer sentence about the sacroiliac joint " * 3]
    want_long = embeddings.encode(long, max_tokens=32)
    want_batch = embeddings.encode(batch)

    def work(i: int) -> bool:
        if i % 2:
            return np.allclose(embeddings.encode(long, max_tokens=32), want_long, atol=1e-5)
        return np.allclose(embeddings.encode(batch), want_batch, atol=1e-5)

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(800)))
