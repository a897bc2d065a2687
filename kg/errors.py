"""Every error `kg` raises on purpose. The CLI turns these into one clear line and an exit status."""

from __future__ import annotations


class KgError(Exception):
    """Base of the errors a user sees as one message, never as a traceback."""

    exit_code = 1


class ConfigError(KgError):
    """Configuration is missing or inconsistent."""


class Neo4jUnavailable(KgError):
    """Neo4j cannot be reached, refused the credentials, or timed out."""

    exit_code = 3

    def __init__(self, uri: str, cause: str) -> None:
        super().__init__(f"Neo4j at {uri} is unavailable: {cause}")
        self.uri = uri
        self.cause = cause


class Neo4jTimeout(Neo4jUnavailable):
    """Neo4j did not answer a query in time."""


class InvalidQueryInput(KgError):
    """A value a user gave was passed to Neo4j and refused there (e.g. a full-text search that does not parse)."""

    exit_code = 2


class Neo4jAuthFailed(Neo4jUnavailable):
    """Neo4j answered but refused the user name or password."""

    exit_code = 4

    def __init__(self, uri: str, cause: str) -> None:
        super().__init__(uri, cause)
        self.args = (f"Neo4j at {uri} refused the credentials: {cause} (check KG_NEO4J_USER and KG_NEO4J_PASSWORD)",)


class PortInUse(KgError):
    """A server cannot listen on its port: something else already does."""

    exit_code = 5


class LocalNeo4jError(KgError):
    """The local Neo4j server could not be fetched, configured, started or stopped."""


class InputError(KgError):
    """An input path cannot be used at all (missing, a directory of nothing, unreadable)."""

    exit_code = 2
