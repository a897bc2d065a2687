"""Error codes and the shape of errors as clients see them."""

from __future__ import annotations

import logging

import pytest
from graphql import GraphQLError, GraphQLSyntaxError, Source
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from api.graphql.errors import BadUserInput, NotFound, Unauthenticated, format_error


def located(original: Exception) -> GraphQLError:
    return GraphQLError(str(original), path=["paper"], original_error=original)


@pytest.mark.parametrize(
    ("original", "code"),
    [
        (BadUserInput("bad"), "BAD_USER_INPUT"),
        (NotFound("gone"), "NOT_FOUND"),
        (Unauthenticated("who"), "UNAUTHENTICATED"),
        (ServiceUnavailable("down"), "SERVICE_UNAVAILABLE"),
        (SessionExpired("gone"), "SERVICE_UNAVAILABLE"),
        (ConnectionRefusedError("refused"), "SERVICE_UNAVAILABLE"),
    ],
)
def test_expected_failures_keep_their_code(original: Exception, code: str) -> None:
    formatted = format_error(located(original), before_execution=False)
    assert formatted["extensions"] == {"code": code} and formatted["path"] == ["paper"]


def test_unexpected_errors_are_generic_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="api"):
        formatted = format_error(located(KeyError("secret internals")), before_execution=False)
    assert formatted["message"] == "internal server error" and "secret" not in str(formatted)
    assert formatted["extensions"]["code"] == "INTERNAL_SERVER_ERROR" and "secret internals" in caplog.text


def test_parse_validation_and_coercion_codes() -> None:
    syntax = GraphQLSyntaxError(Source("{"), 1, "Expected Name")
    invalid = GraphQLError("Cannot query field 'x'")
    coercion = GraphQLError("Variable '$id' of non-null type 'ID!' must not be null.")
    assert format_error(syntax, before_execution=True)["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert format_error(invalid, before_execution=True)["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert format_error(coercion, before_execution=False)["extensions"]["code"] == "BAD_USER_INPUT"
