"""Turns keyset reads into Relay-style connections with opaque cursors."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

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
    prefetch_total: bool = False,
) -> C:
    """One page: `first` rows after the cursor `after`, read as `first + 1` to learn whether more follow.

    `position(row)` gives the (sort key, id) the row's cursor holds; `count()` runs only when the
    client asks for `totalCount`, alongside the page read when `prefetch_total` says it will.
    """
    size = ctx.page_size(first)
    start = cursors.decode(after, ordering)
    counting = asyncio.ensure_future(ctx.read(count)) if prefetch_total else None
    try:
        rows = await ctx.read(fetch, start, size + 1)
    except BaseException:
        if counting is not None:
            counting.cancel()
        raise

    async def total() -> int:
        return await counting if counting is not None else await ctx.read(count)

    return page_of_rows(
        kind, rows, ordering=ordering, size=size, after=after, to_node=to_node, position=position, total=total
    )


def page_of_rows(
    kind: type[C],
    rows: list[Row],
    *,
    ordering: str,
    size: int,
    after: str | None,
    to_node: Callable[[Row], Any],
    position: Callable[[Row], tuple[Any, str]],
    total: Callable[[], Awaitable[int]],
) -> C:
    """The connection of `rows`, read as `size + 1` rows after the cursor `after`."""
    edges = [Edge(cursor=cursors.encode(ordering, *position(row)), node=to_node(row)) for row in rows[:size]]
    page_info = PageInfo(
        has_next_page=len(rows) > size,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return kind(edges=edges, page_info=page_info, count_rows=total)


def asks_for_total(info: Info[Any, Any]) -> bool:
    """True when the client selected `totalCount` on this connection (fragments included)."""
    return any(_selects(field.selections, "totalCount") for field in info.selected_fields)


def _selects(selections: Sequence[Selection], name: str) -> bool:
    return any(
        selection.name == name if isinstance(selection, SelectedField) else _selects(selection.selections, name)
        for selection in selections
    )
