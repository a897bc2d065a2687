"""The one Neo4j driver of a process: opened at the composition root, passed down, closed on exit."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from kg.errors import ConfigError, InvalidQueryInput, KgError, Neo4jAuthFailed, Neo4jTimeout, Neo4jUnavailable
from kg.settings import Settings

_TRANSIENT = (ServiceUnavailable, SessionExpired, OSError, TimeoutError)  # retried while connecting
_UNAVAILABLE = (*_TRANSIENT, TransientError, DriverError)  # in the middle of work: Neo4j cannot serve


def open_driver(settings: Settings, *, verify: bool = True) -> Driver:
    """Open the driver and, unless `verify` is false, prove that Neo4j answers.

    Timeouts and transient failures are retried `settings.neo4j_retries` times with exponential backoff,
    then raised as one `Neo4jUnavailable` naming the URI and the cause. A refused connection (nothing
    listens) is not retried, nor is a wrong password (`Neo4jAuthFailed`).
    """
    if settings.neo4j_password is None:
        raise ConfigError(
            "KG_NEO4J_PASSWORD is not set: put it in the environment or in a .env file "
            f"(looked in {settings.env_files()}; make demo writes one)"
        )
    uri = settings.bolt_uri
    driver = GraphDatabase.driver(
        uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=settings.neo4j_connect_timeout,
        connection_acquisition_timeout=settings.neo4j_connect_timeout * 2,
        max_transaction_retry_time=settings.neo4j_connect_timeout * 3,
        liveness_check_timeout=0,
        # Reads name optional properties (doi, references, ...) that a graph may not hold yet; the
        # server's "property key does not exist" notices would otherwise be logged on every query.
        notifications_disabled_classifications=["UNRECOGNIZED"],
    )
    if verify:
        try:
            wait_until_available(driver, uri, attempts=settings.neo4j_retries)
        except Exception:
            driver.close()
            raise
    return driver


def wait_until_available(driver: Driver, uri: str, *, attempts: int = 3, first_delay: float = 0.5) -> None:
    delay = first_delay
    for attempt in range(1, attempts + 1):
        try:
            driver.verify_connectivity()
            return
        except AuthError as exc:
            raise Neo4jAuthFailed(uri, f"authentication failed ({exc.message})") from None
        except _TRANSIENT as exc:
            if attempt == attempts or refused(exc):
                raise Neo4jUnavailable(uri, describe(exc)) from None
        except Neo4jError as exc:
            raise Neo4jUnavailable(uri, describe(exc)) from None
        time.sleep(delay)
        delay *= 2


def refused(exc: BaseException) -> bool:
    """True when the connection was refused: nothing listens there, so waiting will not help."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError) or "Connection refused" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def describe(exc: BaseException) -> str:
    """A one-line cause for an exception from the driver."""
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if refused(exc):
        return "connection refused, nothing listens there (`kg neo4j start` starts the local server)"
    return " ".join(str(message).split())[:300]


def driver_error(exc: BaseException, uri: str) -> KgError | None:
    """The one translation of a driver failure into a `KgError` (CLI and API both use it); None when `exc`
    is not a driver failure the user can act on (a bug, which callers let through or log)."""
    if isinstance(exc, KgError):
        return exc
    code = getattr(exc, "code", None) or ""
    if isinstance(exc, AuthError):
        return Neo4jAuthFailed(uri, f"authentication failed ({exc.message})")
    if isinstance(exc, ClientError) and code.startswith("Neo.ClientError.Security"):
        return Neo4jAuthFailed(uri, f"the server refused the credentials ({describe(exc)})")
    if isinstance(exc, ClientError) and code.startswith("Neo.ClientError.Procedure"):
        return InvalidQueryInput("the search query is not valid full-text syntax")
    if isinstance(exc, ClientError) and ("Timeout" in code or "TimedOut" in code):
        return Neo4jTimeout(uri, "the query did not finish in time")
    if isinstance(exc, _UNAVAILABLE) or (isinstance(exc, Neo4jError) and exc.is_retryable()):
        return Neo4jUnavailable(uri, describe(exc))
    return None


@contextmanager
def driver_errors_translated(uri: str) -> Iterator[None]:
    """Turn a driver failure in the middle of work into its one `KgError` (`driver_error`)."""
    try:
        yield
    except Exception as exc:
        known = driver_error(exc, uri)
        if known is None or known is exc:
            raise
        raise known from None


def run_write(driver: Driver, query: str, database: str, **params: Any) -> list[dict[str, Any]]:
    """Run one parameterised write in a managed (retried) transaction and return its rows."""

    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        return [record.data() for record in tx.run(query, params)]

    with driver.session(database=database) as session:
        return session.execute_write(work)


def run_read_plain(driver: Driver, query: str, database: str, **params: Any) -> list[dict[str, Any]]:
    """`run_read` for queries that return plain values only (strings, numbers, lists of them; no nodes).

    The rows are built from the record values as they arrive, without `Record.data()`'s recursive
    conversion of every value, which costs more than the transfer on a large load.
    """

    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        result = tx.run(query, params)
        keys = result.keys()
        return [dict(zip(keys, record, strict=True)) for record in result]

    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        return session.execute_read(work)


def run_read(driver: Driver, query: str, database: str, **params: Any) -> list[dict[str, Any]]:
    """Run one parameterised read in a managed (retried) transaction and return its rows."""

    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        return [record.data() for record in tx.run(query, params)]

    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        return session.execute_read(work)
