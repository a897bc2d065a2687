"""Resolver helpers for the explorer page's additions: the entities a search hit matched."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from api.graphql.context import Context
from api.graphql.types.entity import Entity
from api.graphql.types.paper import SearchHit


def asks_for(info: Info[Any, Any], name: str) -> bool:
    """True when the client selected field `name` anywhere under this field (fragments included)."""
    return any(_selects(field.selections, name) for field in info.selected_fields)


def _selects(selections: Sequence[Selection], name: str) -> bool:
    return any(
        (selection.name == name or _selects(selection.selections, name))
        if isinstance(selection, SelectedField)
        else _selects(selection.selections, name)
        for selection in selections
    )


async def add_matched_entities(ctx: Context, hits: list[SearchHit], query: str) -> None:
    """Fill each hit's `matched_entities`, in one read for all hits."""
    matched = await ctx.read(ctx.reader.matched_entities, [str(hit.paper.id) for hit in hits], query)
    for hit in hits:
        hit.matched_entities = [Entity.from_row(row) for row in matched.get(str(hit.paper.id), [])]
