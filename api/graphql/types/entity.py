"""Entities (models, methods, metrics, datasets, hardware) and their neighbourhoods."""

from __future__ import annotations

from dataclasses import field
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.lookahead import NO_PLAN, Nested, Plan
from api.graphql.types.explorer import PeriodCount, mentions_over_time
from kg.model import Label
from kg.store.reads import Row

if TYPE_CHECKING:
    from api.graphql.types.claim import Claim, ResultFact
    from api.graphql.types.paper import PaperConnection


@strawberry.enum(description="The five entity kinds of the annotation guidelines.")
class EntityLabel(Enum):
    MODEL = Label.MODEL.value
    METHOD = Label.METHOD.value
    METRIC = Label.METRIC.value
    DATASET = Label.DATASET.value
    HARDWARE = Label.HARDWARE.value


PaperConnectionRef = Annotated["PaperConnection", strawberry.lazy("api.graphql.types.paper")]
ClaimRef = Annotated["Claim", strawberry.lazy("api.graphql.types.claim")]
ResultRef = Annotated["ResultFact", strawberry.lazy("api.graphql.types.claim")]


@strawberry.type(description="An entity, one node per canonical form; `key` is `LABEL:canonical`.")
class Entity:
    key: strawberry.ID
    label: EntityLabel
    name: str
    canonical: str
    aliases: list[str]
    family: str | None
    size: str | None
    long_form: str | None
    mentions: int = strawberry.field(description="Mentions across all papers.")
    paper_count: int
    pagerank: float | None = strawberry.field(description="PageRank in the co-mention graph (current analysis run).")
    prefetched: strawberry.Private[dict[str, tuple[list[Row], Nested]]] = field(default_factory=dict)
    mentions_over_time: list[PeriodCount] = strawberry.field(
        resolver=mentions_over_time, description="Papers mentioning the entity per month of their dates, oldest first."
    )

    @classmethod
    def from_row(cls, row: dict[str, Any], plan: Plan = NO_PLAN) -> Entity:
        canonical = row.get("canonical") or str(row["key"]).partition(":")[2]
        return cls(
            key=strawberry.ID(row["key"]),
            label=EntityLabel(row.get("label") or str(row["key"]).partition(":")[0]),
            name=row.get("name") or canonical,
            canonical=canonical,
            aliases=list(row.get("aliases") or []),
            family=row.get("family"),
            size=row.get("size"),
            long_form=row.get("long_form"),
            mentions=int(row.get("mentions") or 0),
            paper_count=int(row.get("paper_count") or 0),
            pagerank=row.get("pagerank"),
            prefetched=plan.prefetched(row) if plan.nested else {},
        )

    @strawberry.field(description="Papers that mention the entity, by id.")
    async def papers(self, info: Info[Context, None], first: int = 10, after: str | None = None) -> PaperConnectionRef:
        from api.graphql.resolvers.papers import paper_connection, prefetched_papers
        from kg.store.reads import PaperFilter

        where = PaperFilter(entity=self.key)
        found = self.prefetched.get(str(info.path.key))
        if found is not None:
            return prefetched_papers(info.context, where, *found)
        return await paper_connection(info, where, first, after)

    @strawberry.field(
        description="Entities mentioned in the same papers, by number of shared papers, as of the current analysis"
        " run (counted now when the run holds none for this entity)."
    )
    async def co_occurring(self, info: Info[Context, None], first: int = 10) -> list[EntityCount]:
        rows = await info.context.read(info.context.reader.co_occurring, self.key, info.context.page_size(first))
        return [EntityCount(entity=Entity.from_row(row["entity"]), papers=row["papers"]) for row in rows]

    @strawberry.field(description="Results whose metric, subject or dataset is this entity.")
    async def results(self, info: Info[Context, None], first: int = 20) -> list[ResultRef]:
        from api.graphql.types.claim import ResultFact

        rows = await info.context.read(info.context.reader.results_of_entity, self.key, info.context.page_size(first))
        return [ResultFact.from_row(row) for row in rows]

    @strawberry.field(description="Claims about this entity.")
    async def claims(self, info: Info[Context, None], first: int = 20) -> list[ClaimRef]:
        from api.graphql.types.claim import Claim

        rows = await info.context.read(info.context.reader.claims_of_entity, self.key, info.context.page_size(first))
        return [Claim.from_row(row) for row in rows]


@strawberry.type(description="An entity and how often a paper mentions it.")
class EntityMention:
    entity: Entity
    count: int

    @classmethod
    def from_row(cls, row: dict[str, Any], plan: Plan | None = None) -> EntityMention:
        """A loader's row (the entity's properties and `count`), or a projection's `{count, entity}`."""
        if plan is None:
            return cls(entity=Entity.from_row(row), count=int(row.get("count") or 0))
        return cls(entity=Entity.from_row(row["entity"], plan), count=int(row.get("count") or 0))


@strawberry.type(description="An entity and the number of papers it shares with something (an entity, a topic).")
class EntityCount:
    entity: Entity
    papers: int


@strawberry.enum(description="How `entities` are ordered: by mentions or PageRank (highest first), or by name.")
class EntityOrder(Enum):
    MENTIONS = "MENTIONS"
    PAGERANK = "PAGERANK"
    NAME = "NAME"
