"""Topic-map positions computed by the analysis run, on tiny topic graphs."""

from __future__ import annotations

from kg.analytics.topic_map import strongest_links, topic_links, topic_positions


def test_links_count_the_entities_two_topics_share() -> None:
    members = {0: ["p1", "p2"], 1: ["p3"], 2: ["p4"]}
    mentions = [("p1", "A"), ("p2", "B"), ("p3", "A"), ("p3", "B"), ("p4", "C"), ("p4", "A"), ("p9", "C")]
    assert topic_links(members, mentions) == [(0, 1, 2), (0, 2, 1), (1, 2, 1)]


def test_only_each_topics_strongest_links_are_kept() -> None:
    links = [(0, i, 10 - i) for i in range(1, 8)]
    kept = strongest_links(links, per_topic=2)
    assert (0, 1, 9) in kept and (0, 2, 8) in kept
    assert all(link in kept for link in links)  # each outer topic keeps its only link
    weak = [(0, 1, 5), (0, 2, 4), (1, 2, 1), (0, 3, 3), (1, 3, 2)]
    assert strongest_links(weak, per_topic=1) == [(0, 1, 5), (0, 2, 4), (0, 3, 3)]


def test_positions_are_in_the_unit_square_and_follow_the_seed() -> None:
    numbers = list(range(8))
    links = [(a, b, 1 + (a * b) % 5) for a in numbers for b in numbers if a < b]
    first = topic_positions(numbers, links, seed=7)
    assert set(first) == set(numbers)
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in first.values())
    assert first == topic_positions(numbers, links, seed=7)
    assert first != topic_positions(numbers, links, seed=8)


def test_linked_topics_sit_closer_than_unlinked_ones() -> None:
    links = [(0, 1, 9), (2, 3, 9), (1, 2, 1)]
    at = topic_positions(range(4), links, seed=1)

    def gap(a: int, b: int) -> float:
        return float(((at[a][0] - at[b][0]) ** 2 + (at[a][1] - at[b][1]) ** 2) ** 0.5)

    assert gap(0, 1) < gap(0, 3) and gap(2, 3) < gap(0, 3)


def test_a_single_topic_sits_in_the_middle() -> None:
    assert topic_positions([5], []) == {5: (0.5, 0.5)}
