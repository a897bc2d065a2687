"""Whole-graph root fields: `path`, `stats`, `analysisRuns`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import BadUserInput, NotFound
from api.graphql.types.graph import AnalysisRun, Path, PathNode, Stats
from kg.store.reads import MAX_PATH_HOPS


@strawberry.type
class GraphQueries:
    @strawberry.field(
        description=f"Shortest path (at most `maxHops`, 1 … {MAX_PATH_HOPS}) between two papers (id) or entities "
        "(key) over mentions and citations; null when there is none within reach."
    )
    async def path(
        self, info: Info[Context, None], from_id: strawberry.ID, to_id: strawberry.ID, max_hops: int = 4
    ) -> Path | None:
        ctx = info.context
        if not 1 <= max_hops <= MAX_PATH_HOPS:
            raise BadUserInput(f"`maxHops` must be between 1 and {MAX_PATH_HOPS}, got {max_hops}")
        ends = await ctx.read(ctx.reader.path_endpoints, [from_id, to_id])
        for end in (from_id, to_id):
            if end not in ends:
                raise NotFound(f"no paper or entity has the id {end!r}")
        if from_id == to_id:
            node = ends[from_id]
            return Path(length=0, nodes=[PathNode(id=from_id, kind=node["kind"], name=node["name"])], links=[])
        row = await ctx.read(ctx.reader.shortest_path, from_id, to_id, max_hops)
        return Path.from_row(row) if row else None

    @strawberry.field(description="Counts of papers, entities, claims, results and of the current run's analysis.")
    async def stats(self, info: Info[Context, None]) -> Stats:
        return Stats.from_row(await info.context.read(info.context.reader.stats))

    @strawberry.field(description="Analysis runs, newest first.")
    async def analysis_runs(self, info: Info[Context, None], first: int = 20) -> list[AnalysisRun]:
        ctx = info.context
        return [AnalysisRun.from_row(row) for row in await ctx.read(ctx.reader.analysis_runs, ctx.page_size(first))]
