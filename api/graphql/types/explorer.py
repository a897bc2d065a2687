"""Fields the explorer page needs: an entity's mentions over time, a paper's claim links, supports.

The fields are attached to `Entity`, `Paper` and `SearchHit` in their modules, with the resolvers here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from kg.analytics.confidence import default_min_confidence

if TYPE_CHECKING:
    from api.graphql.types.claim import Claim, Contradiction
    from api.graphql.types.entity import Entity
    from api.graphql.types.paper import Paper

ClaimRef = Annotated["Claim", strawberry.lazy("api.graphql.types.claim")]
ContradictionRef = Annotated["Contradiction", strawberry.lazy("api.graphql.types.claim")]
EntityRef = Annotated["Entity", strawberry.lazy("api.graphql.types.entity")]


@strawberry.type(description="How many papers mention an entity in one month (or one year, when no month is known).")
class PeriodCount:
    year: int
    month: int | None
    papers: int
    mentions: int


@strawberry.type(description="Two claims that agree about the same factor (current analysis run).")
class Support:
    id: strawberry.ID = strawberry.field(description="`<claim id>|<other claim id>`.")
    claim: ClaimRef
    other: ClaimRef
    confidence: float = strawberry.field(description="Probability that a careful reader accepts the link.")
    factor: str | None
    comparator: str | None
    outcome: str | None
    differs: list[str] = strawberry.field(description="Stated conditions or outcomes that differ between the two.")
    reason: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Support:
        from api.graphql.types.claim import Claim

        return cls(
            id=strawberry.ID(row["id"]),
            claim=Claim.from_row(row["claim"]),
            other=Claim.from_row(row["other"]),
            confidence=float(row.get("confidence") or 0.0),
            factor=row.get("factor"),
            comparator=row.get("comparator"),
            outcome=row.get("outcome"),
            differs=list(row.get("differs") or []),
            reason=row.get("reason"),
        )


async def mentions_over_time(root: Entity, info: Info[Context, None]) -> list[PeriodCount]:
    ctx = info.context
    rows = await ctx.read(ctx.reader.entity_mentions_over_time, root.key)
    return [PeriodCount(year=r["year"], month=r["month"], papers=r["papers"], mentions=r["mentions"]) for r in rows]


MIN_CONFIDENCE_HELP = "Only links at or above this confidence; default: the calibrated threshold of `contradictions`."


async def contradictions_of_paper(
    root: Paper,
    info: Info[Context, None],
    min_confidence: Annotated[float | None, strawberry.argument(description=MIN_CONFIDENCE_HELP)] = None,
    first: int = 20,
) -> list[ContradictionRef]:
    from api.graphql.types.claim import Contradiction

    ctx = info.context
    threshold = default_min_confidence() if min_confidence is None else min_confidence
    rows = await ctx.read(ctx.reader.contradictions_of_paper, root.id, threshold, ctx.page_size(first))
    return [Contradiction.from_row(row) for row in rows]


async def supports_of_paper(
    root: Paper, info: Info[Context, None], min_confidence: float = 0.0, first: int = 20
) -> list[Support]:
    ctx = info.context
    rows = await ctx.read(ctx.reader.supports_of_paper, root.id, min_confidence, ctx.page_size(first))
    return [Support.from_row(row) for row in rows]
