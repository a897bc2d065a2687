"""The explorer in Chromium: time from navigation to the first data rendered, per page.

Each page (search, paper, contradictions, entity, topics) is opened `--runs` times in a fresh browser
context (cold: no HTTP cache, no client cache) and once more in the same context (warm: the browser's
HTTP cache and the API's persisted queries in play). The time is `performance.now()` when the page's
main element says its data is rendered (`data-ready`), i.e. measured from the start of navigation.
The baseline, measured in the same run, is the app shell alone (the search page before a query: no data to wait for):
the ratio says what the GraphQL round trips and rendering add.

    .venv/bin/python benchmarks/bench_explorer.py                  # starts `kg serve` (same environment)
    .venv/bin/python benchmarks/bench_explorer.py --url http://127.0.0.1:8000

The graph should hold the corpus, analysed (`make demo`), and the bundle be built (`make frontend`).
Chromium is Debian's (`/usr/bin/chromium`), driven by Playwright.
"""

from __future__ import annotations

import argparse
import statistics
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from bench_api import graphql, served
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]  # fmt: skip
READY = "main[data-ready=true]"


@dataclass(frozen=True)
class Timing:
    page: str
    cold: list[float]
    warm: float


def pages(base: str) -> dict[str, str]:
    """Path of each page, with ids taken from the graph being served."""
    query = "{ contradictions(minConfidence: 0, first: 1) { nodes { paper { id } } } }"  # any link, however weak
    pair = graphql(base, query)["contradictions"]["nodes"]
    entity = graphql(base, "{ entities(first: 1) { nodes { label canonical } } }")["entities"]["nodes"][0]
    if pair:
        paper = pair[0]["paper"]["id"]
    else:  # not analysed: the first paper (the contradictions and topics pages show none)
        paper = graphql(base, "{ papers(first: 1) { nodes { id } } }")["papers"]["nodes"][0]["id"]
    return {
        "app shell (baseline)": "/search",  # renders without asking the API
        "search": "/search?q=quantization",
        "paper": f"/paper/{paper}",
        "contradictions": "/contradictions",
        "entity": f"/entity/{entity['label']}/{quote(entity['canonical'], safe='')}",
        "topics": "/topics",
    }


def time_to_data(browser: Browser, url: str, runs: int) -> tuple[list[float], float]:
    cold = []
    for _ in range(runs):
        context = browser.new_context()
        cold.append(_visit(context.new_page(), url))
        context.close()
    context = browser.new_context()
    page = context.new_page()
    _visit(page, url)
    warm = _visit(page, url)
    context.close()
    return cold, warm


def _visit(page: Any, url: str) -> float:
    page.goto(url, wait_until="commit")
    page.wait_for_selector(READY, timeout=60_000)
    return float(page.evaluate("performance.now()")) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="base URL of a running `kg serve` (default: start one)")
    parser.add_argument("--runs", type=int, default=7, help="cold visits per page")
    args = parser.parse_args()
    with served(args.url) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        timings = [Timing(name, *time_to_data(browser, base + path, args.runs)) for name, path in pages(base).items()]
        browser.close()
    baseline = statistics.median(timings[0].cold)
    print(f"navigation -> first data rendered, {args.runs} cold visits per page, then one warm visit")
    print(f"{'page':<22}{'cold p50 s':>11}{'cold max s':>11}{'warm s':>9}{'x shell':>9}")
    for t in timings:
        p50 = statistics.median(t.cold)
        print(f"{t.page:<22}{p50:>11.3f}{max(t.cold):>11.3f}{t.warm:>9.3f}{p50 / baseline:>9.2f}")


if __name__ == "__main__":
    main()
