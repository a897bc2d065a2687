"""Turns keyset reads into Relay-style connections with opaque cursors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from api.graphql import cursors
from api.graphql.context import Context
from api.graphql.types.common import Connection, Edge, PageInfo
from kg.store.reads import After, Row

C = TypeVar("C", bound=Connection[Any])


async def connection(
    ctx: Context,
    kind: type[C],
    *,
    ordering: str,
    first: int,
    after: str | None,
    fetch: Callable[[After, int], list[Row]],
    count: Callable[[], int],
    to_node: Callable[[Row], Any],
    position: Callable[[Row], tuple[Any, str]],
) -> C:
    """One page: `first` rows after the cursor `after`, read as `first + 1` to learn whether more follow.

    `position(row)` gives the (sort key, id) the row's cursor holds; `count()` runs only when the
    client asks for `totalCount`.
    """
    size = ctx.page_size(first)
    start = cursors.decode(after, ordering)
    rows = await ctx.read(fetch, start, size + 1)
    edges = [Edge(cursor=cursors.encode(ordering, *position(row)), node=to_node(row)) for row in rows[:size]]
    page_info = PageInfo(
        has_next_page=len(rows) > size,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )

    async def total() -> int:
        return await ctx.read(count)

    return kind(edges=edges, page_info=page_info, count_rows=total)
