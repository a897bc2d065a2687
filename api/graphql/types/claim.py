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


@strawberry.type(description="A stated setting of a claim: its kind (scale, data, domain, regime, metric) and value.")
class Condition:
    kind: str
    value: str


def _conditions(row: dict[str, Any]) -> list[Condition]:
    kinds, values = row.get("condition_kinds") or [], row.get("condition_values") or []
    return [Condition(kind=kind, value=value) for kind, value in zip(kinds, values, strict=False)]


@strawberry.type(
    description="A sentence claiming that some factor helps, hurts or does not matter, with its frame read from "
    "the sentence's parse."
)
class Claim:
    id: strawberry.ID
    text: str
    role: str | None = strawberry.field(description="finding, background, method, motivation or future.")
    factor: str | None = strawberry.field(description="What the claim is about, as a normalised key.")
    comparator: str | None = strawberry.field(description="For a comparison: what the factor is said to beat.")
    direction: str | None = strawberry.field(description="more, less, compare or present (of the factor).")
    outcome: str | None = strawberry.field(description="What gets better or worse (accuracy, memory, ...).")
    outcome_class: str | None = strawberry.field(description="The outcome's class: performance, efficiency, ...")
    polarity: str | None = strawberry.field(description="improves, hurts, no_effect, no_harm or depends.")
    negated: bool
    hedged: bool
    conditions: list[Condition] = strawberry.field(description="Settings the sentence states.")
    paper_id: strawberry.ID

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Claim:
        return cls(
            id=strawberry.ID(row["id"]),
            text=row.get("text") or "",
            role=row.get("role"),
            factor=row.get("factor"),
            comparator=row.get("comparator"),
            direction=row.get("direction"),
            outcome=row.get("outcome"),
            outcome_class=row.get("outcome_class"),
            polarity=row.get("polarity"),
            negated=bool(row.get("negated")),
            hedged=bool(row.get("hedged")),
            conditions=_conditions(row),
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


@strawberry.type(
    description="Two claims that give opposite answers about the same factor and outcome (current analysis run). "
    "The aligned parts are the two claims' frames: factor, outcome, direction and polarity of each."
)
class Contradiction:
    id: strawberry.ID = strawberry.field(description="`<claim id>|<other claim id>`.")
    claim: Claim
    other: Claim
    confidence: float = strawberry.field(description="Probability that a careful reader accepts the link.")
    strength: str | None = strawberry.field(
        description="direct (opposite answers, same stated settings) or tension (settings or outcomes differ, "
        "or one side is no effect / depends)."
    )
    factor: str | None = strawberry.field(description="The factor both claims are about.")
    comparator: str | None = strawberry.field(description="For comparisons: the other option.")
    outcome: str | None = strawberry.field(description="The outcome, or both outcomes when they differ.")
    differs: list[str] = strawberry.field(description="Stated conditions or outcomes that differ between the two.")
    reason: str | None = strawberry.field(description="The two frames side by side, in words.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Contradiction:
        return cls(
            id=strawberry.ID(row["id"]),
            claim=Claim.from_row(row["claim"]),
            other=Claim.from_row(row["other"]),
            confidence=float(row.get("confidence") or 0.0),
            strength=row.get("strength"),
            factor=row.get("factor"),
            comparator=row.get("comparator"),
            outcome=row.get("outcome"),
            differs=list(row.get("differs") or []),
            reason=row.get("reason"),
        )

    @strawberry.field(description="The paper of `claim`.")
    async def paper(self, info: Info[Context, None]) -> PaperRef:
        return await _paper(info, self.claim.paper_id)

    @strawberry.field(description="The paper of `other`.")
    async def other_paper(self, info: Info[Context, None]) -> PaperRef:
        return await _paper(info, self.other.paper_id)
