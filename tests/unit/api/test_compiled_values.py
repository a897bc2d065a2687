"""Field values of compiled answers: what the types' `from_row` gives, serialised as GraphQL does;
what GraphQL would refuse is `Unanswerable` (the request then runs the normal execution)."""

from __future__ import annotations

from typing import Any

import pytest

from api.graphql.compiled import values
from api.graphql.compiled.values import Unanswerable
from api.graphql.types.entity import Entity
from api.graphql.types.paper import Paper
from api.graphql.types.topic import Topic

SPARSE_PAPER = {"id": "p1"}
SPARSE_ENTITY = {"key": "MODEL:llava"}
SPARSE_TOPIC = {"id": "t1", "top_terms": "single term", "map_x": 0.25}


def test_missing_properties_read_as_the_types_read_them() -> None:
    paper, entity, topic = Paper.from_row(SPARSE_PAPER), Entity.from_row(SPARSE_ENTITY), Topic.from_row(SPARSE_TOPIC)
    assert values.PAPER["title"](SPARSE_PAPER) == paper.title == ""
    assert values.PAPER["authors"](SPARSE_PAPER) == paper.authors == []
    assert values.PAPER["year"](SPARSE_PAPER) is paper.year is None
    assert values.ENTITY["name"](SPARSE_ENTITY) == entity.name == "llava"
    assert values.ENTITY["canonical"](SPARSE_ENTITY) == entity.canonical == "llava"
    assert values.ENTITY["label"](SPARSE_ENTITY) == entity.label.name == "MODEL"
    assert values.ENTITY["mentions"](SPARSE_ENTITY) == entity.mentions == 0
    assert values.TOPIC["topTerms"](SPARSE_TOPIC) == topic.top_terms == ["single term"]
    assert values.TOPIC["size"](SPARSE_TOPIC) == topic.size == 0
    assert values.TOPIC["x"](SPARSE_TOPIC) == topic.x == 0.25


def test_scalars_serialise_as_graphql_does() -> None:
    assert values.string(5) == "5" and values.identifier(7) == "7" and values.floating(2) == 2.0
    assert values.integer(3.0) == 3 and values.integer(None) is None


@pytest.mark.parametrize(
    ("field", "row"),
    [
        (values.PAPER["year"], {"year": 2**40}),  # beyond GraphQL's 32-bit Int
        (values.PAPER["year"], {"year": "twenty"}),
        (values.PAPER["pagerank"], {"pagerank": float("nan")}),
        (values.PAPER["id"], {"id": None}),
        (values.PAPER["authors"], {"authors": ["A. Author", None]}),
        (values.ENTITY["label"], {"key": "CHIP:h100", "label": "CHIP"}),
        (values.ENTITY["mentions"], {"key": "MODEL:x", "mentions": "many"}),
    ],
)
def test_what_graphql_would_refuse_is_unanswerable(field: values.Value, row: dict[str, Any]) -> None:
    with pytest.raises(Unanswerable):
        field(row)
