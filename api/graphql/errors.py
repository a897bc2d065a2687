"""Expected failures as typed errors with a code, and the one place errors become JSON.

Every error in a response carries `extensions.code`:

- `BAD_USER_INPUT`: an argument is out of range, a cursor is not one of ours, a variable has the
  wrong type.
- `NOT_FOUND`: the paper, entity or topic asked for does not exist.
- `UNAUTHENTICATED`: a mutation without the right `X-API-Key`, or with mutations switched off.
- `SERVICE_UNAVAILABLE`: Neo4j cannot be reached or did not answer in time.
- `GRAPHQL_PARSE_FAILED` / `GRAPHQL_VALIDATION_FAILED`: the document is not valid GraphQL, or
  breaks a limit (depth, aliases, tokens).
- `INTERNAL_SERVER_ERROR`: anything else; the message is generic and the details go to the log.

No stack trace ever reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError

from kg.errors import InvalidQueryInput, Neo4jTimeout, Neo4jUnavailable
from kg.store.db import driver_error

log = logging.getLogger("api")


class ApiError(Exception):
    """An expected failure the client should see, with its code."""

    code = "INTERNAL_SERVER_ERROR"


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"


class NotFound(ApiError):
    code = "NOT_FOUND"


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"


class ServiceUnavailableError(ApiError):
    code = "SERVICE_UNAVAILABLE"

    def __init__(self, message: str = "the graph database is unavailable; try again shortly") -> None:
        super().__init__(message)


def as_api_error(exc: BaseException) -> ApiError | None:
    """The `ApiError` a lower-level exception stands for (driver failures as `kg.store.db.driver_error`
    translates them), or None when it is unexpected."""
    if isinstance(exc, ApiError):
        return exc
    known = driver_error(exc, uri="")
    if isinstance(known, Neo4jTimeout):
        return ServiceUnavailableError("the graph database did not answer in time")
    if isinstance(known, Neo4jUnavailable):
        return ServiceUnavailableError()
    if isinstance(known, InvalidQueryInput):
        return BadUserInput(str(known))
    return None


def format_error(error: GraphQLError, *, before_execution: bool) -> dict[str, Any]:
    """One error as the client sees it: message, locations, path and `extensions.code`."""
    code, message = _code_and_message(error, before_execution=before_execution)
    formatted: dict[str, Any] = {"message": message}
    if error.locations:
        formatted["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path is not None:
        formatted["path"] = list(error.path)
    formatted["extensions"] = {"code": code}
    return formatted


def _code_and_message(error: GraphQLError, *, before_execution: bool) -> tuple[str, str]:
    original = error.original_error
    if original is not None:
        api_error = as_api_error(original)
        if api_error is not None:
            return api_error.code, str(api_error)
        log.error("unexpected error at %s", error.path, exc_info=original)
        return "INTERNAL_SERVER_ERROR", "internal server error"
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED", error.message
    if before_execution:
        return "GRAPHQL_VALIDATION_FAILED", error.message
    if error.path is None:
        return "BAD_USER_INPUT", error.message  # variable coercion
    return "INTERNAL_SERVER_ERROR", error.message
