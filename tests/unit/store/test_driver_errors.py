"""The one translation of driver failures (`kg.store.db.driver_error`), as the CLI and the API see it."""

from __future__ import annotations

import pytest
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from api.graphql.errors import as_api_error
from kg.errors import InvalidQueryInput, Neo4jAuthFailed, Neo4jTimeout, Neo4jUnavailable
from kg.store.db import driver_error, driver_errors_translated

URI = "bolt://127.0.0.1:1"


def server_error(code: str, message: str = "refused") -> Neo4jError:
    """The exception the driver raises for a server failure with `code` (built as the driver builds it)."""
    return Neo4jError._hydrate_neo4j(code=code, message=message)


@pytest.mark.parametrize(
    ("exc", "kind", "api_code"),
    [
        (ServiceUnavailable("Connection refused"), Neo4jUnavailable, "SERVICE_UNAVAILABLE"),
        (SessionExpired("gone"), Neo4jUnavailable, "SERVICE_UNAVAILABLE"),
        (TimeoutError(), Neo4jUnavailable, "SERVICE_UNAVAILABLE"),
        (server_error("Neo.ClientError.Security.Unauthorized"), Neo4jAuthFailed, "SERVICE_UNAVAILABLE"),
        (
            server_error("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"),
            Neo4jTimeout,
            "SERVICE_UNAVAILABLE",
        ),
        (server_error("Neo.TransientError.General.DatabaseUnavailable"), Neo4jUnavailable, "SERVICE_UNAVAILABLE"),
        (server_error("Neo.ClientError.Procedure.ProcedureCallFailed"), InvalidQueryInput, "BAD_USER_INPUT"),
    ],
)
def test_driver_failures_have_one_translation(exc: BaseException, kind: type, api_code: str) -> None:
    known = driver_error(exc, URI)
    assert type(known) is kind
    api_error = as_api_error(exc)
    assert api_error is not None and api_error.code == api_code


def test_a_bug_is_not_translated() -> None:
    assert driver_error(server_error("Neo.ClientError.Statement.SyntaxError"), URI) is None
    assert driver_error(KeyError("x"), URI) is None
    assert as_api_error(KeyError("x")) is None


def test_the_cli_sees_one_error_naming_the_server() -> None:
    expected = r"Neo4j at bolt://127\.0\.0\.1:1 is unavailable: .*nothing listens"
    with pytest.raises(Neo4jUnavailable, match=expected), driver_errors_translated(URI):
        raise ServiceUnavailable("Connection refused")
