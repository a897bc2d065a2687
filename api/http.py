"""GraphQL over HTTP, as the GraphQL-over-HTTP spec (and the graphql-http audit) want it.

- `POST /graphql` with `Content-Type: application/json` (anything else: 415); bodies over
  `max_body_bytes` are refused with 413 before parsing; `GET /graphql?query=…` runs queries only
  (a mutation over GET: 405 with `Allow: POST`).
- Responses are `application/graphql-response+json` when the client accepts it, otherwise
  `application/json`; 406 when the client accepts neither.
- A request that cannot run (bad JSON, bad parameters, a document that does not parse or
  validate, variables that do not coerce) has no `data` entry. Under `application/graphql-
  response+json` it answers 400; under `application/json` a bad document answers 200 with the
  errors (the legacy behaviour the spec keeps), a malformed request 400.
- Once execution starts the answer is 200, with `data` and any field errors.
- `GET /graphql` from a browser (no `query`, `Accept: text/html`) serves GraphiQL unless switched off,
  with its bundles from this server (`api/web.py`).
- Automatic persisted queries (`extensions.persistedQuery`, see `api/persisted.py`); an unknown hash
  answers 200 (uncached) with `PERSISTED_QUERY_NOT_FOUND`, as Apollo Server does, so browsers log no error.
- Complete answers of queries are cached by graph version (`api/cache.py`); `GET` answers carry
  an `ETag` and `Cache-Control: no-cache`, and a matching `If-None-Match` gets `304`. A `GET` seen
  before is answered from the cache ahead of the app (`api/cached_gets.py`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

import orjson
import strawberry
from graphql import GraphQLError, OperationDefinitionNode, get_operation_ast, parse
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from api.cache import Cached, InFlight, Key, ResponseCache, VersionClock
from api.graphql.compiled.operation import CompiledAnswers
from api.graphql.context import Context
from api.graphql.errors import format_error
from api.persisted import PersistedQueries, PersistedQueryError
from api.web import graphiql_html
from kg.settings import Settings
from kg.store.reads import GraphReader

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
_JSON_ALIASES = {JSON, "application/*", "*/*"}


class RequestError(Exception):
    """A request the server will not execute, answered with `status` and one error."""

    def __init__(
        self, status: int, message: str, headers: dict[str, str] | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
        self.code = code or ("BAD_REQUEST" if status == 400 else "REQUEST_REFUSED")


@dataclass(frozen=True, slots=True)
class Params:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None


def negotiate(accept: str | None) -> str | None:
    """The response media type for an Accept header: preferred by q-value, None if nothing fits."""
    if not accept or not accept.strip():
        return JSON
    ranked: list[tuple[float, int, str]] = []
    for position, entry in enumerate(accept.split(",")):
        media, _, rest = entry.strip().partition(";")
        quality = 1.0
        for param in rest.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, media.strip().lower()))
    for negative_quality, _, media in sorted(ranked):
        if negative_quality >= 0:
            continue
        if media == GRAPHQL_RESPONSE_JSON:
            return GRAPHQL_RESPONSE_JSON
        if media in _JSON_ALIASES:
            return JSON
    return None


def encode(body: dict[str, Any], status: int, media: str, headers: dict[str, str] | None = None) -> Response:
    return Response(_dumps(body), status_code=status, media_type=f"{media}; charset=utf-8", headers=headers)


def _dumps(body: dict[str, Any]) -> bytes:
    return orjson.dumps(body, default=str)


@lru_cache(maxsize=256)
def _negotiated(accept: str) -> str | None:
    return negotiate(accept)


@lru_cache(maxsize=1024)
def is_query(query: str, operation_name: str | None) -> bool:
    """True when the operation a (valid) document runs is a query, so its answer may be cached."""
    try:
        operation = get_operation_ast(parse(query), operation_name)
    except GraphQLError:
        return False
    return isinstance(operation, OperationDefinitionNode) and operation.operation.value == "query"


def request_error_response(error: RequestError, media: str) -> Response:
    body = {"errors": [{"message": str(error), "extensions": {"code": error.code}}]}
    return encode(body, error.status, media, error.headers)


class GraphQLHTTP:
    """The `/graphql` endpoint: parses the HTTP request, executes, and answers per the spec."""

    def __init__(self, schema: strawberry.Schema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        self.ide_html = graphiql_html() if settings.graphiql else None
        self.persisted = PersistedQueries()
        self.cache = ResponseCache() if settings.api_response_cache else None
        self.in_flight = InFlight()
        self.compiled = CompiledAnswers(schema._schema, settings) if settings.api_compiled_answers else None

    async def handle(self, request: Request) -> Response:
        if self._wants_ide(request):
            return HTMLResponse(self.ide_html)
        media = self.media_type(request.headers.get("accept"))
        if media is None:
            error = RequestError(406, f"responses are {GRAPHQL_RESPONSE_JSON} or {JSON}; see the Accept header")
            return request_error_response(error, JSON)
        try:
            params = await self._params(request)
            version = await self._version(request)
            key = self._key(version, params)
            cached = await self._cached(key)
            if cached is not None:
                return self._answer(request, cached, media, version)
            response = await self._respond(request, params, media, key)
        except RequestError as error:
            return request_error_response(error, media)
        if isinstance(response, Cached):
            return self._answer(request, response, media, None if key is None else version)
        return response

    @staticmethod
    def media_type(accept: str | None) -> str | None:
        """The response media type for an Accept header (`negotiate`, remembered per header)."""
        return _negotiated(accept or "")

    def _key(self, version: int | None, params: Params) -> Key | None:
        """The key a query's answer is kept under; None when nothing is kept (cache off, version
        unknown, not a query)."""
        if self.cache is None or version is None or not is_query(params.query, params.operation_name):
            return None
        return ResponseCache.key(version, params.query, params.variables, params.operation_name)

    async def _cached(self, key: Key | None) -> Cached | None:
        """The kept answer under `key`, or else the answer of the request computing it right now."""
        if key is None or self.cache is None:
            return None
        return self.cache.get(key) or await self.in_flight.joined(key)

    async def _respond(self, request: Request, params: Params, media: str, key: Key | None) -> Response | Cached:
        """The executed answer; under a key, computed once for every request that misses it meanwhile."""

        async def respond() -> Response | Cached:
            return self._result_response(await self._execute(request, params), media)

        if key is None or self.cache is None:
            return await respond()
        return await self.in_flight.lead(key, respond, partial(self._kept, self.cache, key))

    @staticmethod
    def _kept(cache: ResponseCache, key: Key, response: Response | Cached) -> Cached | None:
        """A complete answer, now kept under `key`; None for anything else."""
        if not isinstance(response, Cached):
            return None
        cache.put(key, response)
        return response

    async def _version(self, request: Request) -> int | None:
        if self.cache is None:
            return None
        clock: VersionClock = request.app.state.clock
        return await clock.current()

    def _answer(self, request: Request, answer: Cached, media: str, version: int | None) -> Response:
        """A complete answer; over GET with its ETag (and kept by URL when cached under `version`, so
        `api/cached_gets.py` answers the same URL next time), or 304 when the client holds it already."""
        if request.method != "GET":
            return Response(answer.body, media_type=f"{media}; charset=utf-8")
        if version is not None and self.cache is not None:
            self.cache.put(ResponseCache.url_key(version, request.scope["query_string"]), answer)
        headers = answer.validators()
        if answer.held_by(request.headers.get("if-none-match", "")):
            return Response(status_code=304, headers=headers)
        return Response(answer.body, media_type=f"{media}; charset=utf-8", headers=headers)

    def _wants_ide(self, request: Request) -> bool:
        return (
            self.ide_html is not None
            and request.method == "GET"
            and "query" not in request.query_params
            and "text/html" in request.headers.get("accept", "")
        )

    async def _params(self, request: Request) -> Params:
        if request.method == "GET":
            raw: Any = {
                "query": request.query_params.get("query"),
                "operationName": request.query_params.get("operationName"),
                "variables": _json_param(request.query_params.get("variables"), "variables"),
                "extensions": _json_param(request.query_params.get("extensions"), "extensions"),
            }
        else:
            raw = _parse_json(await self._body(request))
        return _checked_params(raw, self.persisted)

    async def _body(self, request: Request) -> bytes:
        media, _, parameters = request.headers.get("content-type", "").partition(";")
        if media.strip().lower() != JSON:
            raise RequestError(415, f"POST bodies must be {JSON}")
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().lower().partition("=")
            if name == "charset" and value.strip('"') not in ("utf-8", "utf8"):
                raise RequestError(415, "request bodies must be UTF-8")
        limit = self.settings.max_body_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise RequestError(413, f"the request body is larger than {limit} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise RequestError(413, f"the request body is larger than {limit} bytes")
        return bytes(body)

    async def _execute(self, request: Request, params: Params) -> ExecutionResult:
        """The compiled answer of a fully planned query (`api/graphql/compiled/`), else strawberry's execution."""
        reader: GraphReader = request.app.state.reader
        operation = self.compiled.operation(params.query, params.operation_name) if self.compiled else None
        if operation is not None:
            answer = await operation.answer(reader, params.variables)
            if answer is not None:
                return answer
        allowed = {OperationType.QUERY} if request.method == "GET" else {OperationType.QUERY, OperationType.MUTATION}
        writes = getattr(request.app.state, "writes", None)
        context = Context.for_request(reader, self.settings, request.headers.get("x-api-key"), writes)
        try:
            return await self.schema.execute(
                params.query,
                variable_values=params.variables,
                context_value=context,
                operation_name=params.operation_name,
                allowed_operation_types=allowed,
            )
        except InvalidOperationTypeError as error:
            if request.method == "GET":
                raise RequestError(
                    405, "only queries run over GET; send mutations by POST", {"Allow": "POST"}
                ) from None
            raise RequestError(400, f"{error.operation_type.value} operations are not supported") from None
        except CannotGetOperationTypeError:
            raise RequestError(400, "`operationName` does not pick exactly one operation of the document") from None
        except MissingQueryError:
            raise RequestError(400, "the request has no `query`") from None

    def _result_response(self, result: ExecutionResult, media: str) -> Response | Cached:
        """The response, or for a complete answer (data, no errors) its encoded body (`Cached`)."""
        errors = result.errors or []
        before_execution = isinstance(result, PreExecutionError)
        not_executed = result.data is None and bool(errors) and all(error.path is None for error in errors)
        formatted = [format_error(error, before_execution=before_execution) for error in errors]
        if not_executed:
            status = 400 if media == GRAPHQL_RESPONSE_JSON else 200
            return encode({"errors": formatted}, status, media)
        body: dict[str, Any] = {"data": result.data}
        if not formatted:
            content = _dumps(body)
            return Cached(content)
        body["errors"] = formatted
        return encode(body, 200, media)


def _parse_json(body: bytes) -> Any:
    if not body.strip():
        raise RequestError(400, "the request body is empty; send a JSON object with `query`")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RequestError(400, f"the request body is not valid JSON: {error}") from None
    except RecursionError:
        raise RequestError(400, "the request body nests JSON too deeply") from None


def _json_param(value: str | None, name: str) -> Any:
    if value is None or value == "":
        return None
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        raise RequestError(400, f"`{name}` is not valid JSON") from None
    except RecursionError:
        raise RequestError(400, f"`{name}` nests JSON too deeply") from None


def _checked_params(raw: Any, persisted: PersistedQueries) -> Params:
    if not isinstance(raw, dict):
        raise RequestError(400, "the request must be one JSON object (batches are not supported)")
    query, variables, name, extensions = (raw.get(k) for k in ("query", "variables", "operationName", "extensions"))
    if query is not None and not isinstance(query, str):
        raise RequestError(400, "`query` must be a string")
    if variables is not None and not isinstance(variables, dict):
        raise RequestError(400, "`variables` must be an object or null")
    if name is not None and not isinstance(name, str):
        raise RequestError(400, "`operationName` must be a string or null")
    if extensions is not None and not isinstance(extensions, dict):
        raise RequestError(400, "`extensions` must be an object or null")
    try:
        query = persisted.resolve(query, extensions)
    except PersistedQueryError as error:
        if error.code == "PERSISTED_QUERY_NOT_FOUND":  # the protocol's first step, not a failure: 200, as Apollo
            raise RequestError(200, str(error), {"Cache-Control": "no-store"}, code=error.code) from None
        raise RequestError(400, str(error), code=error.code) from None
    if not query or not query.strip():
        raise RequestError(400, "`query` must be a non-empty string")
    return Params(query=query, variables=variables, operation_name=name)
