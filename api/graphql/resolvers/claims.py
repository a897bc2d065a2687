"""Root fields about claims: `claims`, `contradictions`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.resolvers.pagination import asks_for_total, connection
from api.graphql.types.claim import Claim, Contradiction
from api.graphql.types.common import Connection


@strawberry.type(description="A page of claims.")
class ClaimConnection(Connection[Claim]):
    pass


@strawberry.type(description="A page of contradictions.")
class ContradictionConnection(Connection[Contradiction]):
    pass


@strawberry.type
class ClaimQueries:
    @strawberry.field(description="Claims, optionally about one factor or from one paper, ordered by id.")
    async def claims(
        self,
        info: Info[Context, None],
        factor: str | None = None,
        paper_id: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ClaimConnection:
        ctx = info.context
        return await connection(
            ctx,
            ClaimConnection,
            ordering="claim:id",
            first=first,
            after=after,
            fetch=lambda start, limit: ctx.reader.claim_page(factor, paper_id, start, limit),
            count=lambda: ctx.reader.claim_count(factor, paper_id),
            to_node=Claim.from_row,
            position=lambda row: (None, row["id"]),
            prefetch_total=asks_for_total(info),
        )

    @strawberry.field(
        description="Contradicting claim pairs of the current run, strongest first, at or above `minConfidence`."
    )
    async def contradictions(
        self,
        info: Info[Context, None],
        factor: str | None = None,
        min_confidence: float | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ContradictionConnection:
        ctx = info.context
        return await connection(
            ctx,
            ContradictionConnection,
            ordering="contradiction:score",
            first=first,
            after=after,
            fetch=lambda start, limit: ctx.reader.contradiction_page(factor, min_confidence, start, limit),
            count=lambda: ctx.reader.contradiction_count(factor, min_confidence),
            to_node=Contradiction.from_row,
            position=lambda row: (row["sort_key"], row["id"]),
            prefetch_total=asks_for_total(info),
        )
