"""Topics on a tiny corpus of clear themes."""

from __future__ import annotations

from kg.analytics.topics import detect_topics
from kg.model import Paper

THEMES = {
    "quant": "post-training quantization of weights to low-bit integers with calibration and rounding error",
    "seg": "image segmentation with convolutional encoders on street scenes and pixel labels",
    "rl": "reinforcement learning agents with reward shaping and policy gradients in games",
    "speech": "speech recognition with acoustic models over spoken utterances and phonemes",
    "graph": "graph neural networks passing messages between molecule atoms and bonds",
    "moe": "mixture of experts routing tokens to sparse expert layers with load balancing",
}


def corpus() -> list[Paper]:
    return [
        Paper(id=f"{theme}{i}", title=f"{text.split()[0].title()} paper {i}", abstract=text)
        for theme, text in THEMES.items()
        for i in range(3)
    ]


def test_themes_become_labelled_topics_deterministically() -> None:
    model = detect_topics(corpus(), [], resolution=1.0, seed=1, k=2)
    assert sorted(sorted(topic.members) for topic in model.topics) == sorted(
        [f"{theme}{i}" for i in range(3)] for theme in THEMES
    )
    for topic in model.topics:  # labelled by words of its own theme only, never by words shared by all
        theme_words = set(THEMES[next(iter(topic.members)).rstrip("0123456789")].split())
        assert topic.top_terms and all(set(term.split()) <= theme_words for term in topic.top_terms[:3])
    assert all(0.0 <= weight <= 1.0 for topic in model.topics for weight in topic.members.values())
    assert model.modularity > 0.5 and model.coverage > 0.9
    again = detect_topics(corpus(), [], resolution=1.0, seed=1, k=2)
    assert [topic.members for topic in again.topics] == [topic.members for topic in model.topics]
