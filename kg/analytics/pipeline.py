"""One analysis, computed in memory from a `Corpus`: topics, citations, claim links, scores, trends.

Everything a reader of a run needs is computed here, once, and written with the run.

Pure: no Neo4j here (`kg.analytics.runs` loads and writes). Each stage is timed so the CLI and the
benchmark can report seconds per stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.analytics.backends import DEFAULT_THRESHOLD, pagerank
from kg.analytics.citations import Citation, explicit_citations, infer_citations, leaders
from kg.analytics.claim_context import paper_context
from kg.analytics.contradictions import ClaimLink, link_claims
from kg.analytics.cooccurrence import CoOccurring, top_cooccurring
from kg.analytics.graphs import citation_graph, cooccurrence_graph, similarity_graph
from kg.analytics.topic_map import Point, topic_links, topic_positions
from kg.analytics.topics import TopicModel, detect_topics, paper_vectors
from kg.analytics.trends import Trends, entity_trends
from kg.analytics.vectors import TermVectors
from kg.model import Corpus

Stage = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class AnalysisParams:
    resolution: float = 2.0
    seed: int = 42
    neighbours: int = 15  # k of the paper similarity graph
    supports_per_claim: int = 3  # SUPPORTS kept per claim, its strongest
    backend_threshold: int = DEFAULT_THRESHOLD  # edges above which igraph/leidenalg take over
    seeded_topics: bool = True  # topics start from the current run's (stable across runs); False: from scratch
    cooccurring_top: int = 100  # co-occurring entities kept per entity (the API's largest page)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(slots=True)
class AnalysisResult:
    topics: TopicModel
    inferred: list[Citation]
    explicit: list[Citation]
    claim_links: list[ClaimLink]
    paper_pagerank: dict[str, float]
    citation_counts: dict[str, int]
    entity_pagerank: dict[str, float]
    topic_leaders: dict[int, list[str]]
    trends: Trends
    seconds: dict[str, float] = field(default_factory=dict)
    topic_positions: dict[int, Point] = field(default_factory=dict)  # topic number -> map position in [0, 1]²
    cooccurring: dict[str, CoOccurring] = field(default_factory=dict)  # entity key -> its top co-occurring

    def summary(self) -> dict[str, Any]:
        contradictions = [link for link in self.claim_links if link.relation == "CONTRADICTS"]
        return {
            "topics": len(self.topics.topics),
            "modularity": self.topics.modularity,
            "coverage": self.topics.coverage,
            "inferred_citations": len(self.inferred),
            "explicit_citations": len(self.explicit),
            "contradictions": len(contradictions),
            "supports": len(self.claim_links) - len(contradictions),
            "entities_ranked": len(self.entity_pagerank),
            "dated_papers": self.trends.dated_papers,
            "trend_periods": self.trends.periods,
            "seconds": {stage: round(seconds, 2) for stage, seconds in self.seconds.items()},
        }


def run_topics(corpus: Corpus, params: AnalysisParams, vectors: TermVectors, graph: nx.Graph) -> TopicModel:
    """The run's topics over the papers' term vectors and similarity graph."""
    return detect_topics(
        corpus.papers,
        corpus.mentions,
        resolution=params.resolution,
        seed=params.seed,
        threshold=params.backend_threshold,
        vectors=vectors,
        graph=graph,
        previous=corpus.previous_topics if params.seeded_topics else None,
    )


def analyze(corpus: Corpus, params: AnalysisParams, *, on_stage: Stage | None = None) -> AnalysisResult:
    seconds: dict[str, float] = {}

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        if on_stage:
            on_stage(name)
        started = time.perf_counter()
        yield
        seconds[name] = time.perf_counter() - started

    papers = corpus.papers
    ids = [paper.id for paper in papers]
    with stage("similarity"):
        vectors = paper_vectors(papers, corpus.mentions)
        graph = similarity_graph(vectors, k=params.neighbours)
    with stage("topics"):
        topics = run_topics(corpus, params, vectors, graph)
        members = {topic.number: topic.members for topic in topics.topics}
        pairs = ((mention.paper_id, mention.entity_key) for mention in corpus.mentions)
        positions = topic_positions(members, topic_links(members, pairs), seed=params.seed)
    similarity = vectors.cosine()
    with stage("citations"):
        inferred = infer_citations(papers, corpus.names, similarity=similarity)
        explicit = explicit_citations(papers)
        cites = citation_graph(ids, [(c.citing, c.cited) for c in inferred + explicit])
        ranks = pagerank(cites, weight=None, threshold=params.backend_threshold)
        counts = {paper: cites.in_degree(paper) for paper in ids}
        assignment = topics.topics
        topic_leaders = {t.number: leaders(t.members, counts, ranks) for t in assignment}
    with stage("claims"):
        context = paper_context(similarity, topics.assignment(), corpus.mentions)
        claim_links = link_claims(
            corpus.claims, papers=context, supports_per_claim=params.supports_per_claim, seed=params.seed
        )
    with stage("entities"):
        cooccurrence = cooccurrence_graph(corpus.mentions)
        entity_ranks = pagerank(cooccurrence, threshold=params.backend_threshold)
        trends = entity_trends(papers, corpus.mentions)
        cooccurring = top_cooccurring(corpus.mentions, top=params.cooccurring_top)
    return AnalysisResult(
        topics,
        inferred,
        explicit,
        claim_links,
        ranks,
        counts,
        entity_ranks,
        topic_leaders,
        trends,
        seconds,
        positions,
        cooccurring,
    )
