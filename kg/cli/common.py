"""What every CLI command shares: settings read once, the driver opened once, two consoles."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver
from rich.console import Console

from kg.settings import Settings
from kg.store.db import open_driver, unavailable_as_error

console = Console()
err_console = Console(stderr=True)


def load_settings() -> Settings:
    return Settings()


@contextmanager
def connected(settings: Settings) -> Iterator[Driver]:
    """The process's one driver, verified, with driver failures turned into `Neo4jUnavailable`."""
    driver = open_driver(settings)
    try:
        with unavailable_as_error(settings.bolt_uri):
            yield driver
    finally:
        driver.close()
