"""Helpers of the explorer's browser tests: waiting for a page's data, axe-core, screenshots to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[3]
AXE = REPO / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
READY = "main[data-ready=true]"


def wait_ready(page: Page) -> None:
    """Until the page's main element says its data is rendered (`data-ready`), then until the network is idle."""
    page.wait_for_selector(READY)


def shot(page: Page, folder: Path, name: str) -> Path:
    """A full-page screenshot; also kept in `$KG_TEST_SCREENSHOTS` when that is set, to look at."""
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    keep = os.environ.get("KG_TEST_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / path.name).write_bytes(path.read_bytes())
    return path


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the current page (rule id, help, first targets)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"][:3]]}
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
