"""Look-ahead: what a root field's selection asks for, as a store shape plus where each answer goes.

A root resolver (`paper`, `papers`, `entity`, `topic`) turns its selection (`info.selected_fields`,
fragments flattened, variables resolved) into a `kg.store.shapes` shape: the stored properties the
client selected and the nested lists the planner covers (a paper's `entities` and `topics`, an
entity's or topic's `papers` page, to any depth). The store answers it in one read. The `Plan`
that comes with the shape tells each object which rows of the answer belong to which response key
(aliases included); fields the planner does not cover (claims, results, co-occurring entities …)
find nothing prefetched and fall back to the DataLoaders and named reads, as before.

Nested fields with an argument the resolver would refuse (a `first` beyond the cap, a foreign
cursor) are left to their resolver, so the error lands on their path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.types.nodes import SelectedField, Selection

from api.graphql import cursors
from api.graphql.errors import BadUserInput
from kg.model import Label
from kg.store.reads import Row
from kg.store.shapes import EntityShape, MentionList, PaperPage, PaperShape, TopicShape

PAPER_ORDERING = "paper:id"  # the ordering every paper connection's cursors name

# GraphQL field name → stored property.
PAPER_SCALARS = {
    "id": "id", "title": "title", "abstract": "abstract", "date": "date", "year": "year", "authors": "authors",
    "organization": "organization", "upvotes": "upvotes", "doi": "doi", "arxivId": "arxiv_id",
    "pagerank": "pagerank", "citationCount": "citation_count",
}  # fmt: skip
ENTITY_SCALARS = {
    "key": "key", "label": "label", "name": "name", "canonical": "canonical", "aliases": "aliases",
    "family": "family", "size": "size", "longForm": "long_form", "mentions": "mentions",
    "paperCount": "paper_count", "pagerank": "pagerank",
}  # fmt: skip
TOPIC_SCALARS = {
    "id": "id", "label": "label", "size": "size", "topTerms": "top_terms", "run": "run", "x": "map_x", "y": "map_y",
}  # fmt: skip
_LABELS = {label.value for label in Label}


@dataclass(frozen=True, slots=True)
class Nested:
    """A nested list the read answered: under `key` of the parent's row, its nodes read with `plan`."""

    key: str
    plan: Plan
    first: int = 0  # connections: the page size asked for
    after: str | None = None  # connections: the cursor given


@dataclass(frozen=True, slots=True)
class Plan:
    """Response key → the nested list that answers it (empty: nothing prefetched)."""

    nested: dict[str, Nested] = field(default_factory=dict)

    def prefetched(self, row: Row) -> dict[str, tuple[list[Row], Nested]]:
        return {alias: (row.get(nested.key) or [], nested) for alias, nested in self.nested.items()}


NO_PLAN = Plan()


def fields_by_key(selections: Iterable[Selection]) -> dict[str, list[SelectedField]]:
    """Selected fields by response key (alias or name), fragments flattened; a key's fields merge."""
    found: dict[str, list[SelectedField]] = {}
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.setdefault(selection.alias or selection.name, []).append(selection)
        else:
            for key, fields in fields_by_key(selection.selections).items():
                found.setdefault(key, []).extend(fields)
    return found


def children(fields: Sequence[Selection]) -> list[Selection]:
    return [selection for f in fields for selection in f.selections]


def connection_nodes(selections: Iterable[Selection]) -> list[Selection]:
    """The node selections of a connection: `nodes { … }` and `edges { node { … } }`."""
    by_key = fields_by_key(selections)
    nodes = [s for fields in by_key.values() for f in fields if f.name == "nodes" for s in f.selections]
    edges = [f for fields in by_key.values() for f in fields if f.name == "edges"]
    for edge_fields in fields_by_key(children(edges)).values():
        nodes += [s for f in edge_fields if f.name == "node" for s in f.selections]
    return nodes


def plan_paper(selections: Iterable[Selection], cap: int) -> tuple[PaperShape, Plan]:
    by_key = fields_by_key(selections)
    mentions: list[MentionList] = []
    topics: list[TopicShape] = []
    nested: dict[str, Nested] = {}
    for key, fields in by_key.items():
        mention_arguments = _mention_arguments(fields[0].arguments, cap) if fields[0].name == "entities" else None
        if mention_arguments is not None:
            entity_shape, entity_plan = plan_entity(_mention_entity(fields), cap)
            mentions.append(MentionList(entity_shape, *mention_arguments))
            nested[key] = Nested(f"entities_{len(mentions) - 1}", entity_plan)
        elif fields[0].name == "topics":
            topic_shape, topic_plan = plan_topic(children(fields), cap)
            topics.append(topic_shape)
            nested[key] = Nested(f"topics_{len(topics) - 1}", topic_plan)
    return PaperShape(_properties(by_key, PAPER_SCALARS), tuple(mentions), tuple(topics)), Plan(nested)


def plan_entity(selections: Iterable[Selection], cap: int) -> tuple[EntityShape, Plan]:
    by_key = fields_by_key(selections)
    pages, nested = _paper_pages(by_key, cap)
    return EntityShape(_properties(by_key, ENTITY_SCALARS), pages), Plan(nested)


def plan_topic(selections: Iterable[Selection], cap: int) -> tuple[TopicShape, Plan]:
    by_key = fields_by_key(selections)
    pages, nested = _paper_pages(by_key, cap)
    return TopicShape(_properties(by_key, TOPIC_SCALARS), pages), Plan(nested)


def _properties(by_key: dict[str, list[SelectedField]], scalars: dict[str, str]) -> tuple[str, ...]:
    names = (scalars.get(fields[0].name) for fields in by_key.values())
    return tuple(dict.fromkeys(name for name in names if name is not None))


def _paper_pages(by_key: dict[str, list[SelectedField]], cap: int) -> tuple[tuple[PaperPage, ...], dict[str, Nested]]:
    pages: list[PaperPage] = []
    nested: dict[str, Nested] = {}
    for key, fields in by_key.items():
        page = _page_arguments(fields[0].arguments, cap) if fields[0].name == "papers" else None
        if page is None:
            continue
        first, after, after_id = page
        node_shape, node_plan = plan_paper(connection_nodes(children(fields)), cap)
        pages.append(PaperPage(node_shape, limit=first + 1, after_id=after_id))
        nested[key] = Nested(f"papers_{len(pages) - 1}", node_plan, first=first, after=after)
    return tuple(pages), nested


def _mention_entity(fields: Sequence[SelectedField]) -> list[Selection]:
    """The selections under `entity` of `EntityMention` (its `count` is always read)."""
    mention_fields = [f for group in fields_by_key(children(fields)).values() for f in group]
    return [selection for f in mention_fields if f.name == "entity" for selection in f.selections]


def _mention_arguments(arguments: dict[str, Any], cap: int) -> tuple[str | None, int | None] | None:
    """(label, first) of `Paper.entities`, or None when the resolver should judge them."""
    label, first = arguments.get("label"), _integer(arguments.get("first"))
    label = getattr(label, "value", label)  # a variable arrives as the enum member, a literal as its name
    if label is not None and label not in _LABELS:
        return None
    if arguments.get("first") is not None and not (first is not None and 0 <= first <= cap):
        return None
    return label, first


def _page_arguments(arguments: dict[str, Any], cap: int) -> tuple[int, str | None, str | None] | None:
    """(first, after, the cursor's id) of a nested `papers` page, or None when the resolver should judge them."""
    first, after = _integer(arguments.get("first", 10)), arguments.get("after")
    if first is None or not 0 <= first <= cap or not (after is None or isinstance(after, str)):
        return None
    try:
        return first, after, cursors.decode(after, PAPER_ORDERING).id
    except BadUserInput:
        return None


def _integer(value: Any) -> int | None:
    """An Int argument: variables arrive as ints, literals in the document as their text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None
