"""Types every domain shares: Relay-style connections with keyset cursors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

N = TypeVar("N")


@strawberry.type(description="Where a page sits in its listing (Relay connection spec).")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[N]):
    cursor: str = strawberry.field(
        description="Opaque keyset cursor; pass it as `after` to get the rows after this one."
    )
    node: N


@strawberry.type
class Connection(Generic[N]):
    edges: list[Edge[N]]
    page_info: PageInfo
    count_rows: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many rows the whole listing holds (all pages).")
    async def total_count(self) -> int:
        return await self.count_rows()

    @strawberry.field(description="The nodes of this page, without cursors.")
    def nodes(self) -> list[N]:
        return [edge.node for edge in self.edges]
