"""Topics (communities of the current analysis run)."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.lookahead import NO_PLAN, Nested, Plan
from kg.store.reads import Row

if TYPE_CHECKING:
    from api.graphql.types.entity import EntityCount
    from api.graphql.types.paper import Paper, PaperConnection

PaperRef = Annotated["Paper", strawberry.lazy("api.graphql.types.paper")]
PaperConnectionRef = Annotated["PaperConnection", strawberry.lazy("api.graphql.types.paper")]
EntityCountRef = Annotated["EntityCount", strawberry.lazy("api.graphql.types.entity")]


@strawberry.type(description="A topic: a community of papers found by the current analysis run.")
class Topic:
    id: strawberry.ID
    label: str | None
    size: int
    top_terms: list[str]
    run: str | None = strawberry.field(description="The analysis run that found it.")
    x: float | None = strawberry.field(description="Position on the topic map, in [0, 1] (computed by the run).")
    y: float | None = strawberry.field(description="Position on the topic map, in [0, 1] (computed by the run).")
    prefetched: strawberry.Private[dict[str, tuple[list[Row], Nested]]] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: dict[str, Any], plan: Plan = NO_PLAN) -> Topic:
        terms = row.get("top_terms") or []
        return cls(
            id=strawberry.ID(row["id"]),
            label=row.get("label"),
            size=int(row.get("size") or 0),
            top_terms=[str(term) for term in terms] if isinstance(terms, list) else [str(terms)],
            run=row.get("run"),
            prefetched=plan.prefetched(row) if plan.nested else {},
            x=row.get("map_x"),
            y=row.get("map_y"),
        )

    @strawberry.field(description="Papers of the topic, by id.")
    async def papers(self, info: Info[Context, None], first: int = 10, after: str | None = None) -> PaperConnectionRef:
        from api.graphql.resolvers.papers import paper_connection, prefetched_papers
        from kg.store.reads import PaperFilter

        where = PaperFilter(topic=self.id)
        found = self.prefetched.get(str(info.path.key))
        if found is not None:
            return prefetched_papers(info.context, where, *found)
        return await paper_connection(info, where, first, after)

    @strawberry.field(description="Entities mentioned by the most papers of the topic.")
    async def top_entities(self, info: Info[Context, None], first: int = 10) -> list[EntityCountRef]:
        from api.graphql.types.entity import Entity, EntityCount

        ctx = info.context
        rows = await ctx.read(ctx.reader.top_entities_of_topic, self.id, ctx.page_size(first))
        return [EntityCount(entity=Entity.from_row(row["entity"]), papers=row["papers"]) for row in rows]

    @strawberry.field(description="The topic's most cited papers (citation count, then PageRank).")
    async def citation_leaders(self, info: Info[Context, None], first: int = 5) -> list[PaperRef]:
        from api.graphql.types.paper import Paper

        ctx = info.context
        rows = await ctx.read(ctx.reader.citation_leaders_of_topic, self.id, ctx.page_size(first))
        return [Paper.from_row(row) for row in rows]
