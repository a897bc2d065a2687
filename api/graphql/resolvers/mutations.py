"""Mutations: `ingest` and `runAnalysis`, for callers holding the API key (off when none is configured)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import BadUserInput
from api.graphql.types.mutation import AnalysisSummary, IngestSummary, PaperInput


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Add or update papers (merged by id = hash of the normalised title), with extraction."
    )
    async def ingest(self, info: Info[Context, None], papers: list[PaperInput]) -> IngestSummary:
        ctx = info.context
        writes = ctx.require_writes()
        if not 1 <= len(papers) <= ctx.settings.max_page_size:
            raise BadUserInput(f"`papers` must hold 1 to {ctx.settings.max_page_size} papers, got {len(papers)}")
        domain = [paper.to_paper() for paper in papers]
        return await ctx.write(writes.ingest, domain)

    @strawberry.mutation(description="Run the analysis (topics, citations, contradictions) and make it current.")
    async def run_analysis(self, info: Info[Context, None]) -> AnalysisSummary:
        writes = info.context.require_writes()
        return await info.context.write(writes.run_analysis)
