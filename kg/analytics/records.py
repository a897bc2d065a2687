"""The plain objects analytics computes on, whichever way they were loaded (Neo4j or files).

`kg.model.Paper` carries a paper; these add what the graph holds beside it: the entities a paper
mentions and its claims, each with the ids the write-back needs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from kg.model import Paper


@dataclass(frozen=True, slots=True)
class Mention:
    """One `(:Paper)-[:MENTIONS {count}]->(:Entity)` edge with what the entity node says of itself."""

    paper_id: str
    entity_key: str  # "MODEL:llava"
    label: str  # "MODEL"
    name: str
    count: int = 1
    long_form: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A `Claim` node's frame as the analysis reads it (the sentence itself is never read here)."""

    id: str
    paper_id: str
    factor: str | None = None
    comparator: str | None = None
    direction: str | None = None
    outcome: str | None = None
    outcome_class: str | None = None
    polarity: str | None = None
    negated: bool = False
    hedged: bool = False
    role: str | None = None
    condition_kinds: tuple[str, ...] = ()
    condition_values: tuple[str, ...] = ()

    def conditions(self) -> dict[str, frozenset[str]]:
        """Condition kind -> the values the claim states for it."""
        found: dict[str, set[str]] = {}
        for kind, value in zip(self.condition_kinds, self.condition_values, strict=False):
            found.setdefault(kind, set()).add(value)
        return {kind: frozenset(values) for kind, values in found.items()}


@dataclass(slots=True)
class Corpus:
    """Everything one analysis run reads."""

    papers: list[Paper] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)

    def by_id(self) -> dict[str, Paper]:
        return {paper.id: paper for paper in self.papers}

    def fingerprint(self) -> str:
        """A digest of everything a run reads, whatever order it was loaded in: equal corpora, equal digests."""
        digest = hashlib.sha256()
        for records in (self.papers, self.mentions, self.claims):
            for line in sorted(map(repr, records)):
                digest.update(line.encode("utf-8", "surrogatepass"))
                digest.update(b"\n")
            digest.update(b"\x00")
        return digest.hexdigest()
