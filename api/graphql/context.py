"""The typed per-request context: the reader, fresh DataLoaders, settings and the caller's key."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from anyio import to_thread
from neo4j import Driver

from api.graphql.dataloaders import Loaders, call_reader, create_loaders
from api.graphql.errors import BadUserInput, Unauthenticated
from kg.settings import Settings
from kg.store.reads import GraphReader

if TYPE_CHECKING:
    from api.writes import Writes

T = TypeVar("T")


@dataclass(slots=True)
class Context:
    reader: GraphReader
    loaders: Loaders
    settings: Settings
    api_key: str | None  # the X-API-Key header of the request, if any
    writes: Writes | None = None  # the app's mutations, when they are on

    @classmethod
    def for_request(
        cls, reader: GraphReader, settings: Settings, api_key: str | None, writes: Writes | None = None
    ) -> Context:
        return cls(reader, create_loaders(reader, settings.api_request_timeout), settings, api_key, writes)

    @property
    def driver(self) -> Driver:
        return self.reader.driver

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """One read through the reader, off the event loop, with the request timeout."""
        return await call_reader(self.settings.api_request_timeout, fn, *args)

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        """A write (ingestion, analysis) off the event loop; writes may take long, so no read timeout."""
        return await to_thread.run_sync(fn, *args)

    def page_size(self, first: int) -> int:
        """`first` checked against the page-size cap."""
        cap = self.settings.max_page_size
        if not 0 <= first <= cap:
            raise BadUserInput(f"`first` must be between 0 and {cap}, got {first}")
        return first

    def require_writes(self) -> Writes:
        """The app's mutations for a caller holding the key (`require_api_key`)."""
        self.require_api_key()
        if self.writes is None:
            raise Unauthenticated("mutations are disabled: no API key is configured on this server")
        return self.writes

    def require_api_key(self) -> None:
        """Refuse unless mutations are switched on (a key is configured) and the caller sent that key."""
        configured = self.settings.api_key
        if configured is None or not configured.get_secret_value():
            raise Unauthenticated("mutations are disabled: no API key is configured on this server")
        sent = (self.api_key or "").encode()
        if not hmac.compare_digest(sent, configured.get_secret_value().encode()):
            raise Unauthenticated("a valid X-API-Key header is required for mutations")
