"""Open a page in Debian's headless Chromium: a screenshot, and every console message the page logged.

Chromium runs with a fresh profile and every host but this machine unresolvable, so a page that needs the
network shows it. `make browser-deps` installs Chromium.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1", "--enable-logging=stderr", "--v=0",
)  # fmt: skip
_CONSOLE = re.compile(r":CONSOLE[:(]\d*\)?\]\s*(.*)")


@dataclass(frozen=True, slots=True)
class PageRun:
    screenshot: Path
    console: list[str]


def chromium() -> str:
    found = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if found is None:
        pytest.fail("Chromium is missing: run `make browser-deps` (Debian's chromium package)")
    return found


def open_page(url: str, screenshot: Path, *, width: int = 1280, height: int = 2000, timeout: float = 90) -> PageRun:
    with tempfile.TemporaryDirectory(prefix="kg-chromium-", ignore_cleanup_errors=True) as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--screenshot={screenshot}"]
        command += [f"--window-size={width},{height}", url]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    assert screenshot.exists(), f"Chromium wrote no screenshot (status {done.returncode}): {done.stderr[-2000:]}"
    return PageRun(screenshot, [m.group(1) for m in map(_CONSOLE.search, done.stderr.splitlines()) if m])


def dump_dom(url: str, *, wait_ms: int = 15000, timeout: float = 90) -> str:
    """The page's DOM after `wait_ms` of virtual time (enough for a single-page app to render)."""
    with tempfile.TemporaryDirectory(prefix="kg-chromium-", ignore_cleanup_errors=True) as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={wait_ms}"]
        done = subprocess.run([*command, "--dump-dom", url], capture_output=True, text=True, timeout=timeout)
    return done.stdout


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
