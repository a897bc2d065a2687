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
    """A `Claim` node: the sentence and the extractor's reading of it (fields may be empty)."""

    id: str
    paper_id: str
    text: str
    factor: str | None = None
    direction: str | None = None
    outcome: str | None = None
    polarity: str | None = None
    preferred: str | None = None
    other: str | None = None
    negated: bool = False
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class PaperNames:
    """What the extractor stored of a paper's names: those it uses, defines (with long forms) and proposes."""

    paper_id: str
    used: tuple[str, ...] = ()  # sorted, as stored
    defined: tuple[tuple[str, str], ...] = ()  # (name, long form or "")
    proposed: tuple[str, ...] = ()

    def long_form(self, name: str) -> str | None:
        """The long form the paper gives `name` ("" when it defines it without one), None when it does not."""
        return next((form for defined, form in self.defined if defined == name), None)


@dataclass(slots=True)
class Corpus:
    """Everything one analysis run reads."""

    papers: list[Paper] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    names: list[PaperNames] = field(default_factory=list)

    def by_id(self) -> dict[str, Paper]:
        return {paper.id: paper for paper in self.papers}

    def fingerprint(self) -> str:
        """A digest of everything a run reads, whatever order it was loaded in: equal corpora, equal digests."""
        digest = hashlib.sha256()
        for records in (self.papers, self.mentions, self.claims, self.names):
            for line in sorted(map(repr, records)):
                digest.update(line.encode("utf-8", "surrogatepass"))
                digest.update(b"\n")
            digest.update(b"\x00")
        return digest.hexdigest()
