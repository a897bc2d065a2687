"""Papers, search hits and citations."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.lookahead import NO_PLAN, Nested, Plan
from api.graphql.types.common import Connection
from api.graphql.types.explorer import EntityRef, contradictions_of_paper, supports_of_paper
from kg.store.reads import Row

if TYPE_CHECKING:
    from api.graphql.types.claim import Claim, ResultFact
    from api.graphql.types.entity import EntityLabel, EntityMention
    from api.graphql.types.topic import Topic

EntityMentionRef = Annotated["EntityMention", strawberry.lazy("api.graphql.types.entity")]
EntityLabelRef = Annotated["EntityLabel", strawberry.lazy("api.graphql.types.entity")]
TopicRef = Annotated["Topic", strawberry.lazy("api.graphql.types.topic")]
ClaimRef = Annotated["Claim", strawberry.lazy("api.graphql.types.claim")]
ResultRef = Annotated["ResultFact", strawberry.lazy("api.graphql.types.claim")]


@strawberry.type(description="A paper: title, abstract and listing metadata, plus what was extracted from it.")
class Paper:
    id: strawberry.ID
    title: str
    abstract: str
    date: str | None = strawberry.field(description="ISO date, or `--MM-DD` when the listing gave no year.")
    year: int | None
    authors: list[str]
    organization: str | None
    upvotes: int | None
    doi: str | None
    arxiv_id: str | None
    pagerank: float | None = strawberry.field(description="PageRank in the citation graph (current analysis run).")
    citation_count: int | None = strawberry.field(description="Papers citing this one (current analysis run).")
    prefetched: strawberry.Private[dict[str, tuple[list[Row], Nested]]] = field(default_factory=dict)
    contradictions = strawberry.field(
        resolver=contradictions_of_paper,
        description="Claim pairs of the current run where a claim of this paper is contradicted.",
    )
    supports = strawberry.field(
        resolver=supports_of_paper,
        description="Claim pairs of the current run where a claim of this paper is supported.",
    )

    @classmethod
    def from_row(cls, row: dict[str, Any], plan: Plan = NO_PLAN) -> Paper:
        """The paper of a row; `plan` says which of the row's nested lists answer which fields."""
        return cls(
            id=strawberry.ID(row["id"]),
            title=row.get("title") or "",
            abstract=row.get("abstract") or "",
            date=row.get("date"),
            year=row.get("year"),
            authors=list(row.get("authors") or []),
            organization=row.get("organization"),
            upvotes=row.get("upvotes"),
            doi=row.get("doi"),
            arxiv_id=row.get("arxiv_id"),
            pagerank=row.get("pagerank"),
            citation_count=row.get("citation_count"),
            prefetched=plan.prefetched(row) if plan.nested else {},
        )

    @strawberry.field(
        description="Entities the paper mentions, most mentioned first; optionally of one label, the first n."
    )
    async def entities(
        self, info: Info[Context, None], label: EntityLabelRef | None = None, first: int | None = None
    ) -> list[EntityMentionRef]:
        from api.graphql.types.entity import EntityMention

        found = self.prefetched.get(str(info.path.key))
        if found is not None:
            rows, nested = found
            return [EntityMention.from_row(row, nested.plan) for row in rows]
        rows = await info.context.loaders.entities_of_paper.load(self.id)
        kept = [row for row in rows if label is None or row.get("label") == label.value]
        return [EntityMention.from_row(row) for row in kept[: None if first is None else info.context.page_size(first)]]

    @strawberry.field(description="Topics of the current analysis run the paper belongs to.")
    async def topics(self, info: Info[Context, None]) -> list[TopicRef]:
        from api.graphql.types.topic import Topic

        found = self.prefetched.get(str(info.path.key))
        if found is not None:
            rows, nested = found
            return [Topic.from_row(row, nested.plan) for row in rows]
        return [Topic.from_row(row) for row in await info.context.loaders.topics_of_paper.load(self.id)]

    @strawberry.field(description="Claims made in the abstract, in reading order.")
    async def claims(self, info: Info[Context, None]) -> list[ClaimRef]:
        from api.graphql.types.claim import Claim

        return [Claim.from_row(row) for row in await info.context.loaders.claims_of_paper.load(self.id)]

    @strawberry.field(description="Numeric results reported in the abstract, in reading order.")
    async def results(self, info: Info[Context, None]) -> list[ResultRef]:
        from api.graphql.types.claim import ResultFact

        return [ResultFact.from_row(row) for row in await info.context.loaders.results_of_paper.load(self.id)]


@strawberry.type(description="A page of papers.")
class PaperConnection(Connection[Paper]):
    pass


@strawberry.type(description="A full-text search hit.")
class SearchHit:
    paper: Paper
    score: float
    matched_entities: list[EntityRef] = strawberry.field(
        default_factory=list, description="Entities of the paper whose name or an alias contains a word of the query."
    )


@strawberry.type(description="One citation link, explicit (from the paper's references) or inferred by analysis.")
class Citation:
    paper: Paper
    inferred: bool
    evidence: str | None
    confidence: float | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Citation:
        return cls(
            paper=Paper.from_row(row["paper"]),
            inferred=bool(row.get("inferred")),
            evidence=_text(row.get("evidence")),
            confidence=row.get("confidence"),
        )


@strawberry.type(description="The citations of one paper, both ways.")
class Citations:
    paper: Paper
    cites: list[Citation]
    cited_by: list[Citation]


def _text(value: Any) -> str | None:
    """Evidence may be stored as a string or a list of strings."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)
