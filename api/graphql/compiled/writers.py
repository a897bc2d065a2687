"""Writers: a document's selection, compiled once, that turns a projection read's rows into `data`.

`object_writer` compiles the fields selected on a `Paper`, `Entity`, `Topic` or `EntityMention`
(fragments flattened, fields of one response key merged, keys in the order GraphQL gives them)
and `connection_writer` those on a `PaperConnection`; a field they do not know raises
`Unsupported`, and the document runs the normal execution. A writer answers a row with the
look-ahead `Plan` the planner made for the same selection: the plan says under which key of the
row each nested list sits, with its page size and cursor. `covered(plan)` says whether the planner
planned every nested list the writer needs (it leaves to their resolvers those with arguments the
resolver refuses, whose errors only the normal execution gives).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
)

from api.graphql import cursors
from api.graphql.compiled import values
from api.graphql.lookahead import PAPER_ORDERING, Plan
from kg.store.reads import PaperFilter

Row = dict[str, Any]
Item = Callable[[Row, Plan], Any]
Field = tuple[str, Callable[..., Any], bool]  # response key, its writer, whether the writer takes the plan
Fragments = dict[str, FragmentDefinitionNode]
_SCALARS = {"Paper": values.PAPER, "Entity": values.ENTITY, "Topic": values.TOPIC, "EntityMention": values.MENTION}

# The `totalCount`s of nested pages an answer being written still needs: the page's answer, the
# key to fill and the listing to count. `CompiledOperation.answer` sets the list and fills them
# after the writers ran, one count read each (as many as the resolvers make), side by side.
PENDING_COUNTS: ContextVar[list[tuple[dict[str, Any], str, PaperFilter]]] = ContextVar("pending_counts")


class Unsupported(Exception):
    """The selection has something the compiled answers do not give: run the normal execution."""


def collect(selection_sets: Iterable[SelectionSetNode | None], fragments: Fragments) -> dict[str, list[FieldNode]]:
    """Field nodes by response key in GraphQL's order, fragments flattened; directives are not compiled."""
    found: dict[str, list[FieldNode]] = {}
    for selection_set in selection_sets:
        _collect(selection_set, fragments, found, set())
    return found


def _collect(
    selection_set: SelectionSetNode | None, fragments: Fragments, found: dict[str, list[FieldNode]], seen: set[str]
) -> None:
    for selection in selection_set.selections if selection_set else ():
        if selection.directives:
            raise Unsupported("directives")
        if isinstance(selection, FieldNode):
            found.setdefault((selection.alias or selection.name).value, []).append(selection)
        elif isinstance(selection, InlineFragmentNode):
            _collect(selection.selection_set, fragments, found, seen)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
            seen.add(selection.name.value)
            fragment = fragments[selection.name.value]
            if fragment.directives:
                raise Unsupported("directives")
            _collect(fragment.selection_set, fragments, found, seen)


def subfields(nodes: Sequence[FieldNode], fragments: Fragments) -> dict[str, list[FieldNode]]:
    return collect((node.selection_set for node in nodes), fragments)


class ObjectWriter:
    """The fields selected on one object type, written from its row in selection order."""

    def __init__(self, items: list[Field], nested: dict[str, ObjectWriter | ConnectionWriter]) -> None:
        self.items = items  # scalars take the row only, nested lists the row and the plan
        self.nested = nested  # response key → the writer of a nested list the plan must cover

    def write(self, row: Row, plan: Plan) -> dict[str, Any]:
        return {key: item(row, plan) if nested else item(row) for key, item, nested in self.items}

    def covered(self, plan: Plan) -> bool:
        for key, writer in self.nested.items():
            found = plan.nested.get(key)
            if found is None or not writer.covered(found.plan):
                return False
        return True


def object_writer(kind: GraphQLObjectType, fields: dict[str, list[FieldNode]], fragments: Fragments) -> ObjectWriter:
    scalars = _SCALARS[kind.name]
    items: list[Field] = []
    nested: dict[str, ObjectWriter | ConnectionWriter] = {}
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name == "__typename":
            items.append((key, _constant(kind.name), False))
        elif name in scalars:
            items.append((key, scalars[name], False))
        elif kind.name == "EntityMention" and name == "entity":
            entity = object_writer(_type_of(kind, name), subfields(nodes, fragments), fragments)
            items.append((key, _entity_of_mention(entity), True))
            nested.update(entity.nested)
        elif (kind.name, name) in (("Paper", "entities"), ("Paper", "topics")):
            listed = nested[key] = object_writer(_type_of(kind, name), subfields(nodes, fragments), fragments)
            items.append((key, _nested_list(key, listed), True))
        elif kind.name in ("Entity", "Topic") and name == "papers":
            paged = nested[key] = connection_writer(_type_of(kind, name), subfields(nodes, fragments), fragments)
            items.append((key, _nested_page(key, paged, kind.name), True))
        else:
            raise Unsupported(f"{kind.name}.{name}")
    return ObjectWriter(items, nested)


def _type_of(kind: GraphQLObjectType, name: str) -> GraphQLObjectType:
    named = get_named_type(kind.fields[name].type)
    assert isinstance(named, GraphQLObjectType)
    return named


def _constant(value: str) -> values.Value:
    return lambda row: value


def _entity_of_mention(entity: ObjectWriter) -> Item:
    return lambda row, plan: entity.write(row["entity"], plan)


def _nested_list(key: str, writer: ObjectWriter) -> Item:
    def write(row: Row, plan: Plan) -> list[dict[str, Any]]:
        nested = plan.nested[key]
        return [writer.write(item, nested.plan) for item in row.get(nested.key) or []]

    return write


def _nested_page(key: str, writer: ConnectionWriter, owner: str) -> Item:
    """A page of an entity's or a topic's papers; its `totalCount` counts what `Entity.papers` and
    `Topic.papers` count."""

    def write(row: Row, plan: Plan) -> dict[str, Any]:
        nested = plan.nested[key]
        answer = writer.write(row.get(nested.key) or [], nested.first, nested.after, nested.plan)
        if writer.count_keys:
            listing = PaperFilter(entity=str(row["key"])) if owner == "Entity" else PaperFilter(topic=str(row["id"]))
            PENDING_COUNTS.get().extend((answer, count_key, listing) for count_key in writer.count_keys)
        return answer

    return write


Page = tuple[list[Row], list[Row], int, str | None]  # all rows read, the page, its size, the cursor given
PageItem = Callable[[Page, Plan, "int | None"], Any]


class ConnectionWriter:
    """The fields selected on a `PaperConnection`: a keyset page read as `size + 1` rows."""

    def __init__(self, items: list[tuple[str, PageItem]], node: ObjectWriter, count_keys: list[str]) -> None:
        self.items = items
        self.node = node
        self.count_keys = count_keys  # the response keys of `totalCount`

    def write(
        self, rows: list[Row], size: int, after: str | None, plan: Plan, total: int | None = None
    ) -> dict[str, Any]:
        page: Page = (rows, rows[:size], size, after)
        return {key: item(page, plan, total) for key, item in self.items}

    def covered(self, plan: Plan) -> bool:
        return self.node.covered(plan)


def connection_writer(
    kind: GraphQLObjectType, fields: dict[str, list[FieldNode]], fragments: Fragments
) -> ConnectionWriter:
    paper = _type_of(kind, "nodes")
    node_fields: dict[str, list[FieldNode]] = {}
    items: list[tuple[str, PageItem]] = []
    count_keys = []
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name == "__typename":
            items.append((key, _constant_of_page(kind.name)))
        elif name == "totalCount":  # the root's total is read alongside the page, a nested one after it
            items.append((key, lambda page, plan, total: total))
            count_keys.append(key)
        elif name == "pageInfo":
            items.append((key, _page_info(_type_of(kind, name), subfields(nodes, fragments))))
        elif name == "nodes":
            for node_key, found in subfields(nodes, fragments).items():
                node_fields.setdefault(node_key, []).extend(found)
            items.append((key, _nodes(object_writer(paper, subfields(nodes, fragments), fragments))))
        elif name == "edges":
            edge_fields = subfields(nodes, fragments)
            for node_key, found in subfields(
                [n for f in edge_fields.values() for n in f if n.name.value == "node"], fragments
            ).items():
                node_fields.setdefault(node_key, []).extend(found)
            items.append((key, _edges(_type_of(kind, name), edge_fields, fragments)))
        else:
            raise Unsupported(f"{kind.name}.{name}")
    return ConnectionWriter(items, object_writer(paper, node_fields, fragments), count_keys)


def _constant_of_page(value: str) -> PageItem:
    return lambda page, plan, total: value


def _cursor(row: Row) -> str:
    return cursors.encode(PAPER_ORDERING, None, row["id"])


def _nodes(node: ObjectWriter) -> PageItem:
    return lambda page, plan, total: [node.write(row, plan) for row in page[1]]


def _edges(kind: GraphQLObjectType, fields: dict[str, list[FieldNode]], fragments: Fragments) -> PageItem:
    edge = ObjectWriter([], {})
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name == "cursor":
            edge.items.append((key, _cursor, False))
        elif name == "node":
            edge.items.append(
                (key, object_writer(_type_of(kind, name), subfields(nodes, fragments), fragments).write, True)
            )
        elif name == "__typename":
            edge.items.append((key, _constant(kind.name), False))
        else:
            raise Unsupported(f"{kind.name}.{name}")
    return lambda page, plan, total: [edge.write(row, plan) for row in page[1]]


def _page_info(kind: GraphQLObjectType, fields: dict[str, list[FieldNode]]) -> PageItem:
    answers: dict[str, Callable[[Page], Any]] = {
        "hasNextPage": lambda page: len(page[0]) > page[2],
        "hasPreviousPage": lambda page: page[3] is not None,
        "startCursor": lambda page: _cursor(page[1][0]) if page[1] else None,
        "endCursor": lambda page: _cursor(page[1][-1]) if page[1] else None,
        "__typename": lambda page: kind.name,
    }
    parts = []
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name not in answers:
            raise Unsupported(f"{kind.name}.{name}")
        parts.append((key, answers[name]))
    return lambda page, plan, total: {key: part(page) for key, part in parts}
