"""What a report shows, as plain data: collected from the graph, diffed, rendered, saved as JSON.

`ReportData` round-trips through `figures.json` (`to_json` / `from_json`), so the next report can
compare itself with the previous one without touching Neo4j.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

FORMAT_VERSION = 1


@dataclass(slots=True)
class Overview:
    papers: int = 0
    entities_by_label: dict[str, int] = field(default_factory=dict)
    date_min: str | None = None
    date_max: str | None = None
    claims: int = 0
    results: int = 0
    citations: int = 0
    contradictions: int = 0
    dated_papers: int = 0  # papers with a year and month: the basis of the trends


@dataclass(slots=True)
class RunInfo:
    id: str
    finished_at: str | None = None


@dataclass(slots=True)
class TopicRow:
    id: str
    label: str
    size: int
    top_terms: list[str] = field(default_factory=list)
    paper_ids: list[str] = field(default_factory=list)
    x: float | None = None  # position on the topic map in [0, 1]², computed by the analysis run
    y: float | None = None


@dataclass(slots=True)
class TopicLink:
    source: str
    target: str
    weight: int


@dataclass(slots=True)
class TrendRow:
    key: str
    name: str
    label: str
    periods: list[str]
    counts: list[int]
    slope: float  # change in share of papers per period, least squares


@dataclass(slots=True)
class PaperRow:
    id: str
    title: str
    date: str | None
    citation_count: int = 0
    pagerank: float = 0.0


@dataclass(slots=True)
class EntityRow:
    key: str
    name: str
    label: str
    paper_count: int
    mentions: int


@dataclass(slots=True)
class ClaimSide:
    claim_id: str
    text: str
    paper_id: str
    paper_title: str
    paper_date: str | None = None


@dataclass(slots=True)
class ContradictionRow:
    score: float
    factor: str | None
    reason: str | None
    left: ClaimSide
    right: ClaimSide

    @property
    def key(self) -> str:
        """Order-independent identity of the pair, stable across analysis runs."""
        return "|".join(sorted((self.left.claim_id, self.right.claim_id)))


@dataclass(slots=True)
class ReportData:
    generated_at: str
    run: RunInfo | None = None
    overview: Overview = field(default_factory=Overview)
    topics: list[TopicRow] = field(default_factory=list)
    topic_links: list[TopicLink] = field(default_factory=list)
    rising: list[TrendRow] = field(default_factory=list)
    falling: list[TrendRow] = field(default_factory=list)
    most_cited: list[PaperRow] = field(default_factory=list)
    most_central: list[PaperRow] = field(default_factory=list)
    top_entities: dict[str, list[EntityRow]] = field(default_factory=dict)
    contradictions: list[ContradictionRow] = field(default_factory=list)
    papers: dict[str, str] = field(default_factory=dict)  # id -> title, for "new papers since"

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ReportData:
        """Rebuild a report saved by `to_json`; unknown keys are ignored, missing ones default."""
        return cls(
            generated_at=str(raw.get("generated_at", "")),
            run=RunInfo(**raw["run"]) if raw.get("run") else None,
            overview=Overview(**raw.get("overview", {})),
            topics=[TopicRow(**t) for t in raw.get("topics", [])],
            topic_links=[TopicLink(**t) for t in raw.get("topic_links", [])],
            rising=[TrendRow(**t) for t in raw.get("rising", [])],
            falling=[TrendRow(**t) for t in raw.get("falling", [])],
            most_cited=[PaperRow(**p) for p in raw.get("most_cited", [])],
            most_central=[PaperRow(**p) for p in raw.get("most_central", [])],
            top_entities={k: [EntityRow(**e) for e in v] for k, v in raw.get("top_entities", {}).items()},
            contradictions=[_contradiction(c) for c in raw.get("contradictions", [])],
            papers={str(k): str(v) for k, v in raw.get("papers", {}).items()},
        )


def _contradiction(raw: dict[str, Any]) -> ContradictionRow:
    return ContradictionRow(
        score=float(raw["score"]),
        factor=raw.get("factor"),
        reason=raw.get("reason"),
        left=ClaimSide(**raw["left"]),
        right=ClaimSide(**raw["right"]),
    )
