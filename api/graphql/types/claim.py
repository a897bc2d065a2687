"""Claims, numeric results and the contradictions the analysis found between claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import NotFound

if TYPE_CHECKING:
    from api.graphql.types.entity import Entity
    from api.graphql.types.paper import Paper

PaperRef = Annotated["Paper", strawberry.lazy("api.graphql.types.paper")]
EntityRef = Annotated["Entity", strawberry.lazy("api.graphql.types.entity")]


async def _paper(info: Info[Context, None], paper_id: str) -> Paper:
    from api.graphql.types.paper import Paper

    row = await info.context.loaders.paper.load(paper_id)
    if row is None:
        raise NotFound(f"paper {paper_id!r} does not exist")
    return Paper.from_row(row)


@strawberry.type(description="A sentence claiming that some factor helps, hurts or does not matter.")
class Claim:
    id: strawberry.ID
    text: str
    factor: str | None
    direction: str | None = strawberry.field(description="more, less, compare or present.")
    outcome: str | None
    polarity: str | None = strawberry.field(description="improves, hurts or no_effect.")
    preferred: str | None
    other: str | None
    negated: bool
    hedged: bool
    paper_id: strawberry.ID

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Claim:
        return cls(
            id=strawberry.ID(row["id"]),
            text=row.get("text") or "",
            factor=row.get("factor"),
            direction=row.get("direction"),
            outcome=row.get("outcome"),
            polarity=row.get("polarity"),
            preferred=row.get("preferred"),
            other=row.get("other"),
            negated=bool(row.get("negated")),
            hedged=bool(row.get("hedged")),
            paper_id=strawberry.ID(row.get("paper_id") or str(row["id"]).partition(":")[0]),
        )

    @strawberry.field(description="The paper that makes the claim.")
    async def paper(self, info: Info[Context, None]) -> PaperRef:
        return await _paper(info, self.paper_id)

    @strawberry.field(description="Entities the claim is about.")
    async def entities(self, info: Info[Context, None]) -> list[EntityRef]:
        from api.graphql.types.entity import Entity

        return [Entity.from_row(row) for row in await info.context.loaders.entities_of_claim.load(self.id)]


@strawberry.type(name="Result", description="A number a paper reports: metric, value, subject, dataset.")
class ResultFact:
    id: strawberry.ID
    metric: str | None
    value: str | None
    unit: str | None
    subject: str | None
    dataset: str | None
    number: float | None
    change: str | None
    paper_id: strawberry.ID

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ResultFact:
        return cls(
            id=strawberry.ID(row["id"]),
            metric=row.get("metric"),
            value=row.get("value"),
            unit=row.get("unit"),
            subject=row.get("subject"),
            dataset=row.get("dataset"),
            number=row.get("number"),
            change=row.get("change"),
            paper_id=strawberry.ID(row.get("paper_id") or str(row["id"]).partition(":")[0]),
        )

    @strawberry.field(description="The paper that reports the result.")
    async def paper(self, info: Info[Context, None]) -> PaperRef:
        return await _paper(info, self.paper_id)


@strawberry.type(description="Two claims that disagree about the same factor (current analysis run).")
class Contradiction:
    id: strawberry.ID = strawberry.field(description="`<claim id>|<other claim id>`.")
    claim: Claim
    other: Claim
    score: float | None
    factor: str | None
    reason: str | None
    context: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Contradiction:
        return cls(
            id=strawberry.ID(row["id"]),
            claim=Claim.from_row(row["claim"]),
            other=Claim.from_row(row["other"]),
            score=row.get("score"),
            factor=row.get("factor"),
            reason=row.get("reason"),
            context=row.get("context") if isinstance(row.get("context"), str | None) else str(row.get("context")),
        )

    @strawberry.field(description="The paper of `claim`.")
    async def paper(self, info: Info[Context, None]) -> PaperRef:
        return await _paper(info, self.claim.paper_id)

    @strawberry.field(description="The paper of `other`.")
    async def other_paper(self, info: Info[Context, None]) -> PaperRef:
        return await _paper(info, self.other.paper_id)
