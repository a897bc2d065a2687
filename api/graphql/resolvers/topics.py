"""Root fields about topics of the current analysis run: `topics`, `topic`."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import NotFound
from api.graphql.lookahead import children, plan_topic
from api.graphql.types.topic import Topic


@strawberry.type
class TopicQueries:
    @strawberry.field(description="Topics of the current analysis run, largest first (empty before any run).")
    async def topics(self, info: Info[Context, None]) -> list[Topic]:
        rows = await info.context.read(info.context.reader.topics)
        return [Topic.from_row(row) for row in rows]

    @strawberry.field(description="One topic of the current run; NOT_FOUND when there is none.")
    async def topic(self, info: Info[Context, None], id: strawberry.ID) -> Topic | None:
        ctx = info.context
        shape, plan = plan_topic(children(info.selected_fields), ctx.settings.max_page_size)
        row = await ctx.read(ctx.reader.project_topic, id, shape)
        if row is None:
            raise NotFound(f"topic {id!r} does not exist in the current analysis run")
        return Topic.from_row(row, plan)
