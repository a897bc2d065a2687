"""Topics on a tiny corpus of clear themes."""

from __future__ import annotations

import itertools

import networkx as nx

from kg.analytics.backends import local_optimum
from kg.analytics.topics import continued_numbers, detect_topics
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


def test_topics_seeded_from_their_own_result_come_back_unchanged() -> None:
    first = detect_topics(corpus(), [], resolution=1.0, seed=1, k=2)
    again = detect_topics(corpus(), [], resolution=1.0, seed=7, k=2, previous=first.assignment())
    assert again.assignment() == first.assignment()
    assert [topic.label for topic in again.topics] == [topic.label for topic in first.topics]


def test_added_papers_join_their_theme_or_a_new_topic_and_the_others_keep_members_and_numbers() -> None:
    first = detect_topics(corpus(), [], resolution=1.0, seed=1, k=2)
    new_theme = "audio tokenizers compress waveforms into discrete codebooks for music"
    added = [
        Paper(id="quant9", title="Post-training paper 9", abstract=THEMES["quant"]),
        *(Paper(id=f"audio{i}", title=f"Audio paper {i}", abstract=new_theme) for i in range(2)),
    ]
    after = detect_topics([*corpus(), *added], [], resolution=1.0, seed=1, k=2, previous=first.assignment())
    before, now = first.assignment(), after.assignment()
    assert {paper: now[paper] for paper in before} == before
    assert now["quant9"] == before["quant0"]
    assert now["audio0"] == now["audio1"] == len(THEMES)  # the next free number


def test_continued_numbers_follow_the_previous_topic_with_most_shared_papers() -> None:
    previous = {"a": 0, "b": 0, "c": 1, "d": 1, "e": 2}
    found = [{"c", "d", "x"}, {"a", "b"}, {"y", "z"}, {"e"}]
    assert continued_numbers(found, previous) == [1, 0, 3, 2]
    assert continued_numbers(found, {}) == [0, 1, 2, 3]


def test_a_node_in_the_wrong_clique_moves_to_its_own() -> None:
    graph = nx.Graph()
    graph.add_edges_from(itertools.combinations("abcd", 2), weight=1.0)
    graph.add_edges_from(itertools.combinations("wxyz", 2), weight=1.0)
    graph.add_edge("d", "w", weight=0.1)
    wrong = {"a": 0, "b": 0, "c": 0, "d": 1, "w": 1, "x": 1, "y": 1, "z": 1}
    assert sorted(map(sorted, local_optimum(graph, wrong, seed=3))) == [list("abcd"), list("wxyz")]
