"""Mutations: `ingest` and `runAnalysis`, for callers holding the API key (off when none is configured)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import BadUserInput
from api.graphql.types.mutation import AnalysisSummary, IngestSummary, PaperInput
from api.writes import ingest_papers, run_analysis


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Add or update papers (merged by id = hash of the normalised title), with extraction."
    )
    async def ingest(self, info: Info[Context, None], papers: list[PaperInput]) -> IngestSummary:
        ctx = info.context
        ctx.require_api_key()
        if not 1 <= len(papers) <= ctx.settings.max_page_size:
            raise BadUserInput(f"`papers` must hold 1 to {ctx.settings.max_page_size} papers, got {len(papers)}")
        domain = [paper.to_paper() for paper in papers]
        return await ctx.write(ingest_papers, ctx.driver, ctx.settings, domain)

    @strawberry.mutation(description="Run the analysis (topics, citations, contradictions) and make it current.")
    async def run_analysis(self, info: Info[Context, None]) -> AnalysisSummary:
        ctx = info.context
        ctx.require_api_key()
        return await ctx.write(run_analysis, ctx.driver, ctx.settings)
