"""API throughput and latency under concurrent clients, against `GET /healthz` as the baseline.

Five representative GraphQL queries (paper by id with entities; a topic's papers, page of 50;
full-text search; contradictions about depth and width; an entity with its co-occurring entities)
each run for `--seconds` under `--clients` concurrent clients; the table gives requests per second,
p50/p95/p99 latency, and each query's p99 over the baseline's p99 measured in the same run.

    KG_NEO4J_URI=bolt://... KG_NEO4J_PASSWORD=... .venv/bin/python benchmarks/bench_api.py
    .venv/bin/python benchmarks/bench_api.py --url http://127.0.0.1:8000   # an already running `kg serve`

Without `--url` it starts `kg serve` on a free port (same environment) and stops it at the end.
The graph should hold the corpus, analysed (`kg ingest data/corpus && kg analyze`).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from serving import free_port, ready_probe, started


@dataclass(frozen=True)
class Case:
    name: str
    query: str | None  # None: GET /healthz
    variables: dict[str, Any]


@dataclass(frozen=True)
class Figures:
    name: str
    requests: int
    errors: int
    rps: float
    p50: float
    p95: float
    p99: float


@contextmanager
def served(url: str | None) -> Iterator[str]:
    """The base URL of a running API: the given one, or a `kg serve` started for the run."""
    if url:
        yield url.rstrip("/")
        return
    port = free_port()
    kg = Path(sys.executable).parent / "kg"
    base = f"http://127.0.0.1:{port}"
    with started([str(kg), "serve", "--port", str(port)], None, "kg serve", partial(ready_probe, f"{base}/readyz")):
        yield base


def graphql(base: str, query: str, variables: dict[str, Any] | None = None) -> Any:
    body = httpx.post(f"{base}/graphql", json={"query": query, "variables": variables}, timeout=30).json()
    if body.get("errors"):
        raise SystemExit(f"setup query failed: {body['errors']}")
    return body["data"]


def cases(base: str) -> list[Case]:
    """The five queries, with ids taken from the graph being served."""
    paper = graphql(base, "{ papers(first: 1, filter: {label: MODEL}) { nodes { id } } }")["papers"]["nodes"][0]["id"]
    entity = graphql(base, "{ entities(first: 1) { nodes { key label canonical } } }")["entities"]["nodes"][0]
    topics = graphql(base, "{ topics { id size } }")["topics"]
    topic_case = (
        Case(
            "topic papers (50)",
            "query($t: ID){ papers(filter: {topic: $t}, first: 50) {"
            " totalCount edges { cursor node { id title year } } } }",
            {"t": topics[0]["id"]},
        )
        if topics
        else Case(
            "MODEL papers (50)*",
            "{ papers(filter: {label: MODEL}, first: 50) { totalCount edges { cursor node { id title year } } } }",
            {},
        )
    )
    return [
        Case(
            "paper + entities",
            "query($id: ID!){ paper(id: $id) { id title entities { count entity { key name label } } } }",
            {"id": paper},
        ),
        topic_case,
        Case(
            "search",
            "query($q: String!){ search(query: $q, first: 10) { score paper { id title } } }",
            {"q": "quantization"},
        ),
        Case(
            "contradictions depth/width",
            """{ depth: contradictions(factor: "model depth", first: 10) {
                   totalCount nodes { confidence reason claim { text } other { text } } }
                 width: contradictions(factor: "model width", first: 10) {
                   totalCount nodes { confidence reason claim { text } other { text } } } }""",
            {},
        ),
        Case(
            "entity + co-occurring",
            "query($l: EntityLabel!, $k: String!){ entity(label: $l, key: $k) {"
            " key name mentions coOccurring(first: 20) { papers entity { key name } } } }",
            {"l": entity["label"], "k": entity["canonical"]},
        ),
    ]


async def client_loop(
    http: httpx.AsyncClient, case: Case, stop: float, latencies: list[float], errors: list[str]
) -> None:
    payload = {"query": case.query, "variables": case.variables}
    while time.perf_counter() < stop:
        started = time.perf_counter()
        failure = await one_request(http, case, payload)
        latencies.append(time.perf_counter() - started)
        if failure:
            errors.append(failure)


async def one_request(http: httpx.AsyncClient, case: Case, payload: dict[str, Any]) -> str | None:
    """None when the request succeeded, else a short reason (HTTP status or GraphQL error code)."""
    try:
        if case.query is None:
            response = await http.get("/healthz")
            return None if response.status_code == 200 else f"HTTP {response.status_code}"
        response = await http.post("/graphql", json=payload)
    except httpx.HTTPError as exc:
        return type(exc).__name__
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    errors = response.json().get("errors")
    return errors[0].get("extensions", {}).get("code", "error") if errors else None


async def measure(base: str, case: Case, clients: int, seconds: float) -> Figures:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        await client_loop(http, case, time.perf_counter() + 0.5, [], [])  # warm-up
        latencies: list[float] = []
        errors: list[str] = []
        started = time.perf_counter()
        stop = started + seconds
        await asyncio.gather(*(client_loop(http, case, stop, latencies, errors) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    if errors:
        print(f"{case.name}: {len(errors)} failed requests: {dict(Counter(errors))}", file=sys.stderr)
    return Figures(case.name, len(latencies), len(errors), len(latencies) / elapsed, cuts[49], cuts[94], cuts[98])


def print_table(rows: list[Figures], baseline: Figures, clients: int, seconds: float) -> None:
    print(f"\n{clients} concurrent clients, {seconds:g} s per query\n")
    header = ("query", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors")
    print("| {:<28} | {:>7} | {:>7} | {:>7} | {:>7} | {:>6} | p99 / baseline |".format(*header))
    print(f"|{'-' * 30}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 8}|{'-' * 16}|")
    for row in [baseline, *rows]:
        ratio = row.p99 / baseline.p99 if baseline.p99 else float("nan")
        print(
            f"| {row.name:<28} | {row.rps:7.0f} | {row.p50 * 1000:7.1f} | {row.p95 * 1000:7.1f} | "
            f"{row.p99 * 1000:7.1f} | {row.errors:6d} | {ratio:14.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="base URL of a running `kg serve` (default: start one)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with served(args.url) as base:
        baseline = asyncio.run(measure(base, Case("baseline: GET /healthz", None, {}), args.clients, args.seconds))
        rows = [asyncio.run(measure(base, case, args.clients, args.seconds)) for case in cases(base)]
    print_table(rows, baseline, args.clients, args.seconds)


if __name__ == "__main__":
    main()
