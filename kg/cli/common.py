"""What every CLI command shares: settings read once, the driver opened once, two consoles, progress.

Progress (bars, spinners) is drawn on standard error, and only on a terminal: piped or redirected,
a command prints plain lines (what it is doing, then its result), and `kg --quiet` drops the
"what it is doing" lines too. Lines are never wrapped by the program (URLs and paths stay whole).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # rich, pydantic-settings and the driver load when a command uses them, not for `kg -h`
    from neo4j import Driver
    from rich.console import Console
    from rich.progress import Progress, ProgressColumn

    from kg.settings import Settings

# Every command and group takes -h as well as --help; help fills up to 100 columns of a wide terminal.
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyConsole:
    """A rich `Console` made on first use; attributes are the console's."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def get(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(soft_wrap=True, **self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


console = LazyConsole()
err_console = LazyConsole(stderr=True)


@dataclass(slots=True)
class Output:
    quiet: bool = False  # `kg --quiet`: no progress and no "doing ..." lines, results and errors only


OUTPUT = Output()


def drawing_progress() -> bool:
    return not OUTPUT.quiet and err_console.is_terminal


def progress(*columns: str | ProgressColumn, transient: bool = True) -> Progress:
    """A rich progress display on standard error, drawn only on a terminal (never debris in a pipe or file)."""
    from rich.progress import Progress

    return Progress(*columns, console=err_console.get(), transient=transient, disable=not drawing_progress())


@contextmanager
def status(message: str) -> Iterator[None]:
    """A spinner with `message` on a terminal; otherwise `message` once as a plain line (none with --quiet)."""
    if drawing_progress():
        with err_console.status(message):
            yield
        return
    if not OUTPUT.quiet:
        err_console.print(message, highlight=False, markup=False)
    yield


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """`1 source`, `2 sources`, `1,000 papers`."""
    return f"{count:,} {noun if count == 1 else plural_form or noun + 's'}"


def load_settings() -> Settings:
    from kg.settings import Settings

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
