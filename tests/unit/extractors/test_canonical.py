"""Canonical keys: one key per thing across surface forms."""

from __future__ import annotations

import pytest

from extractors.components.canonical import acronym_key, fold_plural, normalize, split_size


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mixture-of-Experts", "mixture of experts"),
        ("Transformers", "transformer"),
        ("GPUs", "GPU"),
        ("Post-training quantization", "post-training quantization"),
        ('Nystr\\"{o}mformer', "Nyströmformer"),
        ("state space models", "State Space Model"),
    ],
)
def test_surface_variants_share_a_key(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(("word", "kept"), [("loss", "loss"), ("corpus", "corpus"), ("physics", "physics")])
def test_plural_folding_leaves_singular_s_words(word: str, kept: str) -> None:
    assert fold_plural(word) == kept


@pytest.mark.parametrize(
    ("name", "family", "size"),
    [
        ("LLaVA-7B", "LLaVA", "7B"),
        ("VAR-d30", "VAR", "d30"),
        ("ViT-B/16", "ViT", "B/16"),
        ("Llama 3.1", "Llama", "3.1"),
        ("ESM-2 (15B)", "ESM-2", "15B"),
        ("openMaMMUT-L/14", "openMaMMUT", "L/14"),
        ("BERT", None, None),
        ("GPT-2", None, None),
    ],
)
def test_size_variants_split_into_family_and_size(name: str, family: str | None, size: str | None) -> None:
    assert split_size(name) == (family, size)


def test_size_stays_in_the_key() -> None:
    assert normalize("LLaVA-7B") == "llava-7b"
    assert normalize("LLaVA-7B") != normalize("LLaVA-13B")


def test_acronym_plural_folds() -> None:
    assert acronym_key("GNNs") == acronym_key("GNN") == "gnn"
