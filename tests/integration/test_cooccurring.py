"""An entity's co-occurring entities as the reader gives them after an analysis run (the run's stored top list)
equal a direct count over the corpus's mentions: the papers mentioning both, most first, ties by key."""

from __future__ import annotations

from collections import Counter, defaultdict

from neo4j import Driver

from kg.settings import Settings
from kg.store.analytics import load_corpus
from kg.store.reads import GraphReader


def counted(papers_of: dict[str, set[str]], key: str, limit: int) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for keys in papers_of.values():
        if key in keys:
            counts.update(keys - {key})
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def test_stored_cooccurring_entities_equal_a_direct_count(analyzed_graph: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    corpus = load_corpus(analyzed_graph, database)
    papers_of: dict[str, set[str]] = defaultdict(set)
    for mention in corpus.mentions:
        papers_of[mention.paper_id].add(mention.entity_key)
    frequent = Counter(key for keys in papers_of.values() for key in keys).most_common(5)
    reader = GraphReader(analyzed_graph, database)
    for key, _ in frequent:
        for limit in (3, 20):
            rows = reader.co_occurring(key, limit)
            assert [(row["entity"]["key"], row["papers"]) for row in rows] == counted(papers_of, key, limit)
