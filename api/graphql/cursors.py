"""Keyset cursors: opaque strings that hold the sort key and id of the last row of a page.

A page that starts after a cursor asks Neo4j for rows strictly after (sort key, id) in the sort
order, so inserting or deleting rows elsewhere never shifts pages the way offsets do. The cursor
also names the ordering it belongs to; a cursor from another listing or ordering is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from api.graphql.errors import BadUserInput
from kg.store.reads import FIRST_PAGE, After

_PREFIX = "kg1:"


def encode(ordering: str, key: Any, row_id: str) -> str:
    payload = json.dumps([ordering, key, row_id], separators=(",", ":"))
    return base64.urlsafe_b64encode((_PREFIX + payload).encode()).decode().rstrip("=")


def decode(cursor: str | None, ordering: str) -> After:
    """The keyset position a cursor stands for; `BadUserInput` when it is not a cursor of `ordering`."""
    if cursor is None:
        return FIRST_PAGE
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith(_PREFIX):
            raise ValueError("not a cursor")
        found, key, row_id = json.loads(text.removeprefix(_PREFIX))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise BadUserInput(f"`after` is not a valid cursor: {cursor[:40]!r}") from None
    if found != ordering or not isinstance(row_id, str) or not isinstance(key, str | int | float | None):
        raise BadUserInput("`after` is a cursor from a different listing or ordering")
    return After(key=key, id=row_id)
