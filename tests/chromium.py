"""The one browser harness: Playwright for Python driving Debian's headless Chromium.

Playwright cannot download its own browsers here, so it launches `/usr/bin/chromium` (`make browser-deps`
installs it). Every page runs in a fresh context that lets requests reach only this machine: anything
else is aborted and recorded in `Tab.blocked`, so a page that needs the network shows it. Console
messages and uncaught exceptions are recorded in `Tab.console` (as "type: text").

`with browser_tab() as tab: tab.page.goto(url)`; `open_page(url, png)` for a one-shot screenshot.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
)  # fmt: skip
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


@dataclass(slots=True)
class Tab:
    """A page and what it did: console lines, uncaught errors, requests refused for leaving the machine."""

    page: Page
    console: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        return [line for line in self.console if line.startswith(("error:", "pageerror:"))]


@dataclass(frozen=True, slots=True)
class PageRun:
    screenshot: Path
    console: list[str]


def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make browser-deps` (Debian's chromium package)")
    return CHROMIUM


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=list(FLAGS))


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Debian Chromium under Playwright, closed after."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def browser_tab(
    browser: Browser | None = None,
    *,
    width: int = 1280,
    height: int = 900,
    timeout_ms: float = 30_000,
    bypass_csp: bool = False,
) -> Iterator[Tab]:
    """A page in a fresh context (own storage) of `browser`, or of a Chromium started for it.

    `bypass_csp` lets the harness evaluate its waits in a page whose Content-Security-Policy forbids
    `eval` (Neo4j Browser's).
    """
    if browser is None:
        with (
            chromium() as own,
            browser_tab(own, width=width, height=height, timeout_ms=timeout_ms, bypass_csp=bypass_csp) as tab,
        ):
            yield tab
        return
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)
    context.set_default_timeout(timeout_ms)
    page = context.new_page()
    tab = Tab(page)
    context.route("**/*", lambda route: _only_this_machine(route, tab))
    page.on("console", lambda message: tab.console.append(_line(message)))
    page.on("pageerror", lambda error: tab.console.append(f"pageerror: {error}"))
    try:
        yield tab
    finally:
        context.close()


def _only_this_machine(route: Route, tab: Tab) -> None:
    url = route.request.url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
        tab.blocked.append(url)
        route.abort("blockedbyclient")
        return
    route.continue_()


def _line(message: ConsoleMessage) -> str:
    return f"{message.type}: {message.text}"


def open_page(url: str, screenshot: Path, *, width: int = 1280, height: int = 2000) -> PageRun:
    """Load `url`, wait until the network is idle, screenshot the viewport; the console lines logged."""
    with browser_tab(width=width, height=height) as tab:
        tab.page.goto(url, wait_until="networkidle")
        tab.page.screenshot(path=str(screenshot))
        return PageRun(screenshot, list(tab.console))


def colour_count(png: Path) -> int:
    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    return len(colours) if colours is not None else 1 << 20


def inked_fraction(png: Path) -> float:
    """Share of pixels that differ from the most common colour (the background)."""
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 24) or []
        total = rgb.width * rgb.height
    background = max((count for count, _ in colours), default=total)
    return 1 - background / total
