"""Root fields about papers: `paper`, `papers`, `search`, `citations`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import BadUserInput, NotFound
from api.graphql.lookahead import PAPER_ORDERING, Nested, children, connection_nodes, plan_paper
from api.graphql.resolvers.explorer import add_matched_entities, asks_for
from api.graphql.resolvers.pagination import asks_for_total, connection, page_of_rows
from api.graphql.types.entity import EntityLabel
from api.graphql.types.paper import Citation, Citations, Paper, PaperConnection, SearchHit
from kg.store.reads import PaperFilter, Row


@strawberry.input(description="Filters of `papers`; all optional, combined with AND.")
class PaperFilterInput:
    text: str | None = strawberry.field(default=None, description="Case-insensitive substring of title or abstract.")
    topic: strawberry.ID | None = strawberry.field(default=None, description="A topic id of the current run.")
    entity: strawberry.ID | None = strawberry.field(default=None, description="An entity key, e.g. `MODEL:llava`.")
    label: EntityLabel | None = strawberry.field(default=None, description="Papers mentioning any entity of this kind.")
    year_from: int | None = None
    year_to: int | None = None

    def to_filter(self) -> PaperFilter:
        return PaperFilter(
            text=self.text or None,
            topic=self.topic,
            entity=self.entity,
            label=self.label.value if self.label else None,
            year_from=self.year_from,
            year_to=self.year_to,
        )


async def paper_connection(
    info: Info[Context, None], where: PaperFilter, first: int, after: str | None
) -> PaperConnection:
    """Papers matching `where`, ordered by id, as a keyset-paginated connection: one read for the
    page and what the planner covers under its nodes (`totalCount`, when asked, is a second)."""
    ctx = info.context
    shape, plan = plan_paper(connection_nodes(children(info.selected_fields)), ctx.settings.max_page_size)
    return await connection(
        ctx,
        PaperConnection,
        ordering=PAPER_ORDERING,
        first=first,
        after=after,
        fetch=lambda start, limit: ctx.reader.project_paper_page(where, start, limit, shape),
        count=lambda: ctx.reader.paper_count(where),
        to_node=lambda row: Paper.from_row(row, plan),
        position=_position,
        prefetch_total=asks_for_total(info),
    )


def prefetched_papers(ctx: Context, where: PaperFilter, rows: list[Row], nested: Nested) -> PaperConnection:
    """The connection of a nested `papers` page the parent's read already fetched."""

    async def total() -> int:
        return await ctx.read(ctx.reader.paper_count, where)

    return page_of_rows(
        PaperConnection,
        rows,
        ordering=PAPER_ORDERING,
        size=nested.first,
        after=nested.after,
        to_node=lambda row: Paper.from_row(row, nested.plan),
        position=_position,
        total=total,
    )


def _position(row: Row) -> tuple[None, str]:
    return None, row["id"]


async def load_paper(ctx: Context, paper_id: str) -> Paper:
    row = await ctx.loaders.paper.load(paper_id)
    if row is None:
        raise NotFound(f"paper {paper_id!r} does not exist")
    return Paper.from_row(row)


@strawberry.type
class PaperQueries:
    @strawberry.field(description="One paper by id; NOT_FOUND when there is none.")
    async def paper(self, info: Info[Context, None], id: strawberry.ID) -> Paper | None:
        ctx = info.context
        shape, plan = plan_paper(children(info.selected_fields), ctx.settings.max_page_size)
        row = await ctx.read(ctx.reader.project_paper, id, shape)
        if row is None:
            raise NotFound(f"paper {id!r} does not exist")
        return Paper.from_row(row, plan)

    @strawberry.field(description="Papers, filtered, ordered by id, keyset-paginated.")
    async def papers(
        self,
        info: Info[Context, None],
        filter: PaperFilterInput | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> PaperConnection:
        where = filter.to_filter() if filter else PaperFilter()
        return await paper_connection(info, where, first, after)

    @strawberry.field(description="Full-text search over titles and abstracts (Lucene syntax), best first.")
    async def search(self, info: Info[Context, None], query: str, first: int = 10) -> list[SearchHit]:
        ctx = info.context
        if not query.strip():
            raise BadUserInput("`query` must not be empty")
        rows = await ctx.read(ctx.reader.search_papers, query, ctx.page_size(first))
        hits = [SearchHit(paper=Paper.from_row(row["paper"]), score=row["score"]) for row in rows]
        if hits and asks_for(info, "matchedEntities"):
            await add_matched_entities(ctx, hits, query)
        return hits

    @strawberry.field(description="What a paper cites and what cites it, explicit and inferred, with evidence.")
    async def citations(self, info: Info[Context, None], paper_id: strawberry.ID) -> Citations | None:
        ctx = info.context
        paper = await load_paper(ctx, paper_id)
        cites = await ctx.read(ctx.reader.cites, paper_id)
        cited_by = await ctx.read(ctx.reader.cited_by, paper_id)
        return Citations(
            paper=paper,
            cites=[Citation.from_row(row) for row in cites],
            cited_by=[Citation.from_row(row) for row in cited_by],
        )
