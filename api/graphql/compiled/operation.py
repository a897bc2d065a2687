"""Which documents are answered compiled, and how one request of such a document is answered.

`CompiledAnswers.operation(query, operation_name)` decides once per document (an LRU, like the
parse and validation caches): the document parses within the token limit, validates with GraphQL's
rules and the limits (depth, aliases), its operation is a query of one root field among `paper`,
`papers`, `entity` and `topic`, and every field under it is one the writers compile. Then
`CompiledOperation.answer` coerces the variables and the root arguments as graphql-core does,
plans the read with the look-ahead planner (the same shape, so the same Cypher, as the resolvers),
reads once (a root `totalCount` alongside, nested ones after it, one read each as the resolvers
make them) and writes `data`. It returns None, and the request runs the normal execution,
whenever the answer would hold anything but data: variables that do not coerce, a `first` beyond
the cap, a foreign cursor, arguments the planner leaves to a resolver, a value GraphQL would
refuse. The errors it does give itself are a read's (`NOT_FOUND`, `SERVICE_UNAVAILABLE`), on the
root field's path, as the resolvers raise them.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    OperationType,
    ValueNode,
    VariableNode,
    get_named_type,
    get_operation_ast,
    located_error,
    parse,
    specified_rules,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from graphql.language import ListValueNode, ObjectValueNode
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionResult
from strawberry.types.nodes import Selection, convert_selections

from api.graphql import cursors
from api.graphql.compiled.values import Unanswerable
from api.graphql.compiled.writers import (
    PENDING_COUNTS,
    ConnectionWriter,
    Fragments,
    ObjectWriter,
    Unsupported,
    collect,
    connection_writer,
    object_writer,
    subfields,
)
from api.graphql.dataloaders import call_reader
from api.graphql.errors import BadUserInput, NotFound, as_api_error, log
from api.graphql.limits import CACHED_DOCUMENTS, limit_rules
from api.graphql.lookahead import PAPER_ORDERING, Plan, children, connection_nodes, plan_entity, plan_paper, plan_topic
from api.graphql.resolvers.entities import entity_keys
from api.graphql.resolvers.papers import PaperFilterInput
from kg.settings import Settings
from kg.store.reads import GraphReader, PaperFilter

ROOTS = ("paper", "papers", "entity", "topic")
_PLANS_PER_OPERATION = 64


class CompiledAnswers:
    """The compiled operations of one schema, by (document, operation name); None for those not compiled."""

    def __init__(self, schema: GraphQLSchema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        self.rules = (*specified_rules, *limit_rules(settings))
        self.answered = 0  # requests answered compiled (tests check that the path is taken)
        self.operation = lru_cache(maxsize=CACHED_DOCUMENTS)(self._compile)

    def _compile(self, query: str, operation_name: str | None) -> CompiledOperation | None:
        try:
            document = parse(query, max_tokens=self.settings.max_tokens)
        except GraphQLError:
            return None
        if validate_document(self.schema, document, self.rules):
            return None
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation != OperationType.QUERY or operation.directives:
            return None
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        try:
            roots = collect([operation.selection_set], fragments)
            if len(roots) != 1:
                raise Unsupported("more than one root field")
            ((key, nodes),) = roots.items()
            return CompiledOperation(
                self, operation.variable_definitions or (), fragments, _root(self.schema, key, nodes, fragments)
            )
        except Unsupported:
            return None


@dataclass(frozen=True, slots=True)
class Root:
    """The one root field of a compiled operation and the writer of its answer."""

    name: str
    key: str
    nodes: tuple[FieldNode, ...]
    definition: GraphQLField
    writer: ObjectWriter | ConnectionWriter


def _root(schema: GraphQLSchema, key: str, nodes: list[FieldNode], fragments: Fragments) -> Root:
    name = nodes[0].name.value
    if name not in ROOTS:
        raise Unsupported(f"Query.{name}")
    assert schema.query_type is not None
    definition = schema.query_type.fields[name]
    kind = get_named_type(definition.type)
    assert isinstance(kind, GraphQLObjectType)
    fields = subfields(nodes, fragments)
    writer = connection_writer(kind, fields, fragments) if name == "papers" else object_writer(kind, fields, fragments)
    return Root(name, key, tuple(nodes), definition, writer)


@dataclass(slots=True)
class CompiledOperation:
    answers: CompiledAnswers
    variable_definitions: Any
    fragments: Fragments
    root: Root
    nested_variables: tuple[str, ...] = ()
    plans: OrderedDict[Hashable, tuple[Any, Plan, bool]] = field(default_factory=OrderedDict)

    def __post_init__(self) -> None:
        found: list[str] = []
        for node in self.root.nodes:
            _variables_below(node, self.fragments, found)
        self.nested_variables = tuple(dict.fromkeys(found))

    async def answer(self, reader: GraphReader, inputs: dict[str, Any] | None) -> ExecutionResult | None:
        """The result of this operation for the request's variables, or None: run the normal execution."""
        variables = get_variable_values(self.answers.schema, self.variable_definitions, inputs or {})
        if isinstance(variables, list):
            return None
        try:
            arguments = get_argument_values(self.root.definition, self.root.nodes[0], variables)
        except GraphQLError:
            return None
        shape, plan, covered = self._planned(variables)
        if not covered:
            return None
        pending: list[tuple[dict[str, Any], str, PaperFilter]] = []
        PENDING_COUNTS.set(pending)
        try:
            data = await self._data(reader, arguments, shape, plan)
            if pending:
                await self._count(reader, pending)
        except (_Fallback, Unanswerable):
            return None
        except Exception as error:
            if as_api_error(error) is not None:
                return self._failed(error)
            log.warning("a compiled answer failed; the normal execution answers", exc_info=error)
            return None
        self.answers.answered += 1
        return ExecutionResult(data=data, errors=None)

    async def _count(self, reader: GraphReader, pending: list[tuple[dict[str, Any], str, PaperFilter]]) -> None:
        """The `totalCount`s of nested pages, read side by side; a failed one: the normal execution says how."""
        try:
            totals = await asyncio.gather(*(self._read(reader.paper_count, listing) for _, _, listing in pending))
        except Exception:
            raise _Fallback from None
        for (answer, key, _), total in zip(pending, totals, strict=True):
            answer[key] = total

    def _failed(self, error: Exception) -> ExecutionResult:
        located = located_error(error, list(self.root.nodes), [self.root.key])
        nullable = not isinstance(self.root.definition.type, GraphQLNonNull)
        return ExecutionResult(data={self.root.key: None} if nullable else None, errors=[located])

    def _planned(self, variables: VariableValues) -> tuple[Any, Plan, bool]:
        """The planner's shape and plan for this selection, remembered by the values of the variables below the root."""
        key: Hashable = tuple(variables.coerced.get(name) for name in self.nested_variables)
        try:
            found = self.plans.get(key)
        except TypeError:  # a list or an input object: plan afresh
            return self._plan(variables)
        if found is None:
            found = self.plans[key] = self._plan(variables)
            if len(self.plans) > _PLANS_PER_OPERATION:
                self.plans.popitem(last=False)
        return found

    def _plan(self, variables: VariableValues) -> tuple[Any, Plan, bool]:
        info: Any = SimpleNamespace(fragments=self.fragments, variable_values=variables.coerced)
        selected: list[Selection] = children(convert_selections(info, self.root.nodes))
        cap = self.answers.settings.max_page_size
        if self.root.name == "paper":
            shape, plan = plan_paper(selected, cap)
        elif self.root.name == "papers":
            shape, plan = plan_paper(connection_nodes(selected), cap)
        elif self.root.name == "entity":
            shape, plan = plan_entity(selected, cap)  # type: ignore[assignment]
        else:
            shape, plan = plan_topic(selected, cap)  # type: ignore[assignment]
        return shape, plan, self.root.writer.covered(plan)

    async def _data(self, reader: GraphReader, arguments: dict[str, Any], shape: Any, plan: Plan) -> dict[str, Any]:
        root, read = self.root, self._read
        if root.name == "papers":
            return {root.key: await self._page(reader, arguments, shape, plan)}
        if root.name == "paper":
            row = await read(reader.project_paper, arguments["id"], shape)
            missing = f"paper {arguments['id']!r} does not exist"
        elif root.name == "entity":
            keys = entity_keys(arguments["label"], arguments["key"])
            row = await read(reader.project_entity, keys, shape)
            missing = f"entity {keys[0]!r} does not exist"
        else:
            row = await read(reader.project_topic, arguments["id"], shape)
            missing = f"topic {arguments['id']!r} does not exist in the current analysis run"
        if row is None:
            raise NotFound(missing)
        assert isinstance(root.writer, ObjectWriter)
        return {root.key: root.writer.write(row, plan)}

    async def _page(self, reader: GraphReader, arguments: dict[str, Any], shape: Any, plan: Plan) -> dict[str, Any]:
        """The root `papers` connection, as `paper_connection` reads it."""
        writer = self.root.writer
        assert isinstance(writer, ConnectionWriter)
        where = _paper_filter(arguments.get("filter"))
        first, after = arguments["first"], arguments.get("after")
        if not isinstance(first, int) or not 0 <= first <= self.answers.settings.max_page_size:
            raise _Fallback
        try:
            start = cursors.decode(after, PAPER_ORDERING)
        except BadUserInput:
            raise _Fallback from None
        counting = asyncio.ensure_future(self._read(reader.paper_count, where)) if writer.count_keys else None
        try:
            rows = await self._read(reader.project_paper_page, where, start, first + 1, shape)
        except BaseException:
            if counting is not None:
                counting.cancel()
            raise
        total = None
        if counting is not None:
            try:
                total = await counting
            except Exception:
                raise _Fallback from None
        return writer.write(rows, first, after, plan, total)

    def _read(self, fn: Callable[..., Any], *args: Any) -> Awaitable[Any]:
        return call_reader(self.answers.settings.api_request_timeout, fn, *args)


def _paper_filter(given: dict[str, Any] | None) -> PaperFilter:
    """The filter of `papers(filter: …)` as graphql-core coerces it, read as the resolver reads it."""
    if given is None:
        return PaperFilter()
    names = {"text": "text", "topic": "topic", "entity": "entity", "label": "label"}
    names |= {"yearFrom": "year_from", "yearTo": "year_to"}
    return PaperFilterInput(**{names[name]: value for name, value in given.items()}).to_filter()


class _Fallback(Exception):
    """Arguments the resolver refuses: its error comes from the normal execution."""


def _variables_below(node: FieldNode, fragments: Fragments, found: list[str]) -> None:
    """The variables the arguments of the fields under `node` use (not those of `node` itself)."""
    for key_nodes in collect([node.selection_set], fragments).values():
        for child in key_nodes:
            for argument in child.arguments or ():
                found.extend(_variables_in(argument.value))
            _variables_below(child, fragments, found)


def _variables_in(value: ValueNode) -> list[str]:
    if isinstance(value, VariableNode):
        return [value.name.value]
    if isinstance(value, ListValueNode):
        return [name for item in value.values for name in _variables_in(item)]
    if isinstance(value, ObjectValueNode):
        return [name for item in value.fields for name in _variables_in(item.value)]
    return []
