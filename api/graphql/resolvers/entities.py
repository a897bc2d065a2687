"""Root fields about entities: `entity`, `entities`."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import NotFound
from api.graphql.lookahead import children, plan_entity
from api.graphql.resolvers.pagination import asks_for_total, connection
from api.graphql.types.common import Connection
from api.graphql.types.entity import Entity, EntityLabel, EntityOrder
from kg.store.reads import Row


@strawberry.type(description="A page of entities.")
class EntityConnection(Connection[Entity]):
    pass


def entity_keys(label: EntityLabel, key: str) -> list[str]:
    """Keys to try for `key`, as given first, then lowercased, then with hyphens for spaces.

    `llava` → `MODEL:llava`; `Linear Attention` → … `METHOD:linear-attention`; a full key for the
    same label (`MODEL:llava`) is accepted as it is.
    """
    prefix = f"{label.value}:"
    given = key.strip().removeprefix(prefix)
    forms = (given, given.lower(), "-".join(given.lower().split()))
    return [prefix + form for form in dict.fromkeys(forms)]


def _position(row: Row) -> tuple[Any, str]:
    return row["sort_key"], row["entity"]["key"]


@strawberry.type
class EntityQueries:
    @strawberry.field(description="One entity by label and canonical key (`llava`) or full key (`MODEL:llava`).")
    async def entity(self, info: Info[Context, None], label: EntityLabel, key: str) -> Entity | None:
        ctx, keys = info.context, entity_keys(label, key)
        shape, plan = plan_entity(children(info.selected_fields), ctx.settings.max_page_size)
        row = await ctx.read(ctx.reader.project_entity, keys, shape)
        if row is None:
            raise NotFound(f"entity {keys[0]!r} does not exist")
        return Entity.from_row(row, plan)

    @strawberry.field(description="Entities, optionally of one label, keyset-paginated in the chosen order.")
    async def entities(
        self,
        info: Info[Context, None],
        label: EntityLabel | None = None,
        order_by: EntityOrder = EntityOrder.MENTIONS,
        first: int = 20,
        after: str | None = None,
    ) -> EntityConnection:
        ctx = info.context
        label_value = label.value if label else None
        return await connection(
            ctx,
            EntityConnection,
            ordering=f"entity:{order_by.value}:{label_value}",
            first=first,
            after=after,
            fetch=lambda start, limit: ctx.reader.entity_page(order_by.value, label_value, start, limit),
            count=lambda: ctx.reader.entity_count(label_value),
            to_node=lambda row: Entity.from_row(row["entity"]),
            position=_position,
            prefetch_total=asks_for_total(info),
        )
