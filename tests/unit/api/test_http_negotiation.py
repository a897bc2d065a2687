"""Content negotiation of the GraphQL-over-HTTP layer, and keyset cursors, without a server."""

from __future__ import annotations

import pytest

from api.graphql import cursors
from api.graphql.errors import BadUserInput
from api.http import GRAPHQL_RESPONSE_JSON, JSON, negotiate


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/json", JSON),
        (GRAPHQL_RESPONSE_JSON, GRAPHQL_RESPONSE_JSON),
        (f"application/json;q=0.5, {GRAPHQL_RESPONSE_JSON}", GRAPHQL_RESPONSE_JSON),
        (f"{GRAPHQL_RESPONSE_JSON};q=0.2, application/json", JSON),
        ("text/html", None),
        ("application/json;q=0", None),
        ("text/html, */*;q=0.8", JSON),
    ],
)
def test_negotiate(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept) == expected


@pytest.mark.parametrize("key", [None, 3, 0.25, "llava"])
def test_cursor_round_trip(key: object) -> None:
    after = cursors.decode(cursors.encode("entity:NAME", key, "MODEL:llava"), "entity:NAME")
    assert (after.key, after.id) == (key, "MODEL:llava")


def test_cursor_of_another_ordering_is_refused() -> None:
    with pytest.raises(BadUserInput):
        cursors.decode(cursors.encode("entity:NAME", "a", "b"), "entity:MENTIONS")


@pytest.mark.parametrize("junk", ["", "!!", "a2cxOlsi", "eyJhIjoxfQ"])
def test_junk_cursors_are_bad_user_input(junk: str) -> None:
    with pytest.raises(BadUserInput):
        cursors.decode(junk, "paper:id")
