"""Root fields about claims: `claims`, `contradictions`."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.resolvers.pagination import asks_for_total, connection
from api.graphql.types.claim import Claim, Contradiction
from api.graphql.types.common import Connection
from kg.analytics.confidence import default_min_confidence
from kg.store.reads import ClaimFilter

MIN_CONFIDENCE_HELP = (
    "Only links at or above this confidence (the probability that a careful reader accepts the link); "
    "default: the threshold at which judged precision is at least 0.8."
)


@strawberry.type(description="A page of claims.")
class ClaimConnection(Connection[Claim]):
    pass


@strawberry.type(description="A page of contradictions.")
class ContradictionConnection(Connection[Contradiction]):
    pass


@strawberry.type
class ClaimQueries:
    @strawberry.field(
        description="Claims, optionally about one factor, from one paper, or in a contradiction at or above "
        "`minConfidence`; ordered by id."
    )
    async def claims(
        self,
        info: Info[Context, None],
        factor: str | None = None,
        paper_id: strawberry.ID | None = None,
        min_confidence: Annotated[
            float | None, strawberry.argument(description="Only claims in a contradiction at or above this confidence.")
        ] = None,
        first: int = 20,
        after: str | None = None,
    ) -> ClaimConnection:
        ctx = info.context
        filters = ClaimFilter(factor, str(paper_id) if paper_id is not None else None, min_confidence)
        return await connection(
            ctx,
            ClaimConnection,
            ordering="claim:id",
            first=first,
            after=after,
            fetch=lambda start, limit: ctx.reader.claim_page(filters, start, limit),
            count=lambda: ctx.reader.claim_count(filters),
            to_node=Claim.from_row,
            position=lambda row: (None, row["id"]),
            prefetch_total=asks_for_total(info),
        )

    @strawberry.field(description="Contradicting claim pairs of the current run, most confident first.")
    async def contradictions(
        self,
        info: Info[Context, None],
        factor: str | None = None,
        min_confidence: Annotated[float | None, strawberry.argument(description=MIN_CONFIDENCE_HELP)] = None,
        first: int = 20,
        after: str | None = None,
    ) -> ContradictionConnection:
        ctx = info.context
        threshold = default_min_confidence() if min_confidence is None else min_confidence
        return await connection(
            ctx,
            ContradictionConnection,
            ordering="contradiction:score",
            first=first,
            after=after,
            fetch=lambda start, limit: ctx.reader.contradiction_page(factor, threshold, start, limit),
            count=lambda: ctx.reader.contradiction_count(factor, threshold),
            to_node=Contradiction.from_row,
            position=lambda row: (row["sort_key"], row["id"]),
            prefetch_total=asks_for_total(info),
        )
