"""What every CLI command shares: settings read once, the driver opened once, two consoles."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console

from kg.settings import Settings

if TYPE_CHECKING:
    from neo4j import Driver

console = Console()
err_console = Console(stderr=True)


def load_settings() -> Settings:
    return Settings()


@contextmanager
def connected(settings: Settings) -> Iterator[Driver]:
    """The process's one driver, verified, with driver failures turned into their `KgError`."""
    from kg.store.db import driver_errors_translated, open_driver  # the driver loads only for commands that use it

    driver = open_driver(settings)
    try:
        with driver_errors_translated(settings.bolt_uri):
            yield driver
    finally:
        driver.close()
