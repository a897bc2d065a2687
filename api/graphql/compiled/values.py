"""Field values of compiled answers: what `Paper.from_row` (and `Entity`, `Topic`, `EntityMention`)
gives a field, serialised as graphql-core serialises its scalar type.

Each function takes the row of one object and returns the JSON value of one field. A value GraphQL
would refuse (a null for a non-null field, a string for an `Int`, a label outside `EntityLabel`)
raises `Unanswerable`, and the request runs the normal execution, which reports it as it always has.
The fields of the types not named here (`claims`, `coOccurring`, `mentionsOverTime` …) are not compiled.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from graphql import GraphQLError, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLString

from api.graphql.lookahead import ENTITY_SCALARS, PAPER_SCALARS, TOPIC_SCALARS
from api.graphql.types.entity import EntityLabel

Row = dict[str, Any]
Value = Callable[[Row], Any]
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


class Unanswerable(Exception):
    """The rows hold a value the compiled answer cannot give as GraphQL would: run the normal execution."""


def _serialised(scalar: Any, value: Any) -> Any:
    try:
        return scalar.serialize(value)
    except (GraphQLError, TypeError, ValueError) as error:
        raise Unanswerable(str(error)) from None


def string(value: Any) -> str | None:
    return value if value is None or type(value) is str else _serialised(GraphQLString, value)


def required_string(value: Any) -> str:
    if value is None:
        raise Unanswerable("null for a non-null String")
    return value if type(value) is str else _serialised(GraphQLString, value)


def identifier(value: Any) -> str:
    if value is None:
        raise Unanswerable("null for a non-null ID")
    return value if type(value) is str else _serialised(GraphQLID, value)


def integer(value: Any) -> int | None:
    if value is None or (type(value) is int and _INT_MIN <= value <= _INT_MAX):
        return value
    return _serialised(GraphQLInt, value)


def floating(value: Any) -> float | None:
    if value is None or (type(value) is float and math.isfinite(value)):
        return value
    return _serialised(GraphQLFloat, value)


def strings(value: Any) -> list[str]:
    return [required_string(item) for item in list(value or [])]


def _count(name: str) -> Value:
    """A count the types read as `int(row.get(name) or 0)`."""

    def count(row: Row) -> int | None:
        try:
            return integer(int(row.get(name) or 0))
        except (TypeError, ValueError) as error:
            raise Unanswerable(str(error)) from None

    return count


def _property(name: str, serialise: Callable[[Any], Any]) -> Value:
    return lambda row: serialise(row.get(name))


def _canonical(row: Row) -> str:
    return required_string(row.get("canonical") or str(row["key"]).partition(":")[2])


def _entity_label(row: Row) -> str:
    try:
        return EntityLabel(row.get("label") or str(row["key"]).partition(":")[0]).name
    except ValueError as error:
        raise Unanswerable(str(error)) from None


def _top_terms(row: Row) -> list[str]:
    terms = row.get("top_terms") or []
    return [str(term) for term in terms] if isinstance(terms, list) else [str(terms)]


PAPER: dict[str, Value] = {
    "id": lambda row: identifier(row["id"]),
    "title": lambda row: required_string(row.get("title") or ""),
    "abstract": lambda row: required_string(row.get("abstract") or ""),
    "date": _property("date", string),
    "year": _property("year", integer),
    "authors": lambda row: strings(row.get("authors")),
    "organization": _property("organization", string),
    "upvotes": _property("upvotes", integer),
    "doi": _property("doi", string),
    "arxivId": _property("arxiv_id", string),
    "pagerank": _property("pagerank", floating),
    "citationCount": _property("citation_count", integer),
}
ENTITY: dict[str, Value] = {
    "key": lambda row: identifier(row["key"]),
    "label": _entity_label,
    "name": lambda row: required_string(row.get("name") or _canonical(row)),
    "canonical": _canonical,
    "aliases": lambda row: strings(row.get("aliases")),
    "family": _property("family", string),
    "size": _property("size", string),
    "longForm": _property("long_form", string),
    "mentions": _count("mentions"),
    "paperCount": _count("paper_count"),
    "pagerank": _property("pagerank", floating),
}
TOPIC: dict[str, Value] = {
    "id": lambda row: identifier(row["id"]),
    "label": _property("label", string),
    "size": _count("size"),
    "topTerms": _top_terms,
    "run": _property("run", string),
    "x": _property("map_x", floating),
    "y": _property("map_y", floating),
}
MENTION: dict[str, Value] = {"count": _count("count")}

# Every compiled scalar is one the planner reads (a field it does not read would come out null).
assert PAPER.keys() <= PAPER_SCALARS.keys() and ENTITY.keys() <= ENTITY_SCALARS.keys()
assert TOPIC.keys() <= TOPIC_SCALARS.keys()
