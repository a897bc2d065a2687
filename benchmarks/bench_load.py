"""Load on the GraphQL API: 50 concurrent clients for 60 s on the contract's queries (docs/api.md) over the corpus.

Needs a Neo4j holding the analysed corpus (`kg ingest data/corpus && kg analyze`), named by
KG_NEO4J_URI and KG_NEO4J_PASSWORD; the script starts `kg serve` on a free port against it (or
measures a server already running with --url, memory then read from --pid if given).

    .venv/bin/python benchmarks/bench_load.py [--seconds 60] [--clients 50] [--baseline-seconds 15]

Figures printed:
  baseline   GET /healthz under the same concurrency (no Neo4j, no GraphQL): requests/s, latencies
  graphql    the query mix: requests/s, p50/p95/p99 latency, errors (must be 0); ratios to the baseline
  refused    oversized and pathological requests (2 MB body, JSON nested 100,000 deep, 20,000 aliases, a
             selection 84 deep, a page of a million) under the same concurrency: each must be refused with an
             error and no 5xx; requests/s and latencies against the baseline
  memory     the server's resident memory (VmRSS) at start, after the baseline, every 10 s, at the end of the
             GraphQL load and after the refused phase
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
KG = str(Path(sys.executable).with_name("kg"))

# The worked examples of docs/api.md, plus a paper page and a citation lookup built from ids found at start.
QUERIES = [
    '{ search(query: "quantization", first: 3) { score paper { id title } } }',
    '{ contradictions(factor: "model depth", first: 1) { totalCount nodes { confidence reason'
    " claim { text paper { title } } other { text paper { title } } } } }",
    '{ entity(label: MODEL, key: "llava") { key name mentions paperCount'
    " coOccurring(first: 3) { papers entity { key name } } } }",
    "{ topics { id label size } }",
    "{ papers(filter: {label: HARDWARE, yearFrom: 2025}, first: 2) { totalCount"
    " pageInfo { hasNextPage endCursor } nodes { id title entities { count entity { key } } } } }",
    "{ stats { papers entities claims results topics citations contradictions } }",
    "{ entities(orderBy: MENTIONS, first: 20) { nodes { key name mentions } } }",
]
PAPER_QUERY = (
    "query($id: ID!) { paper(id: $id) { id title abstract entities { count entity { key } } topics { label } } "
    "citations(paperId: $id) { paper { id } } }"
)


# Requests the server must refuse (issue #7: "refused with a clear error and cost the server nothing measurable").
REFUSED: list[bytes] = [
    b'{"query": "{ stats { papers } }", "pad": "' + b"x" * 2_000_000 + b'"}',  # over the body cap: 413
    b'{"query": "{ stats { papers } }", "variables": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}",  # nested JSON
    json.dumps({"query": "{ " + " ".join(f"a{i}: stats {{ papers }}" for i in range(20_000)) + " }"}).encode(),
    json.dumps(
        {
            "query": "{ papers(first: 1) { nodes { entities { "
            + "entity { papers(first: 1) { nodes { entities { " * 20
            + "count"
            + " } } } }" * 21
        }
    ).encode(),
    json.dumps({"query": "{ papers(first: 1000000) { totalCount } }"}).encode(),
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_errors: list[str] = field(default_factory=list)

    def failed(self, what: str) -> None:
        self.errors += 1
        if len(self.first_errors) < 5:
            self.first_errors.append(what[:300])


def rss_kib(pid: int | None) -> int | None:
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [KG, "serve", "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"kg serve exited with status {process.returncode}")
        time.sleep(0.3)
    process.terminate()
    raise SystemExit("kg serve was not ready within 60 s (is Neo4j up and KG_NEO4J_URI/KG_NEO4J_PASSWORD set?)")


async def paper_requests(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    """The contract's queries as request bodies, plus a paper page for each of a few real paper ids."""
    answer = (await client.post("/graphql", json={"query": "{ papers(first: 10) { nodes { id } } }"})).json()
    ids = [node["id"] for node in answer["data"]["papers"]["nodes"]]
    return [{"query": query} for query in QUERIES] + [{"query": PAPER_QUERY, "variables": {"id": i}} for i in ids]


async def graphql_client(client: httpx.AsyncClient, bodies: list[dict[str, Any]], start: int, until: float) -> Tally:
    tally = Tally()
    for body in itertools.islice(itertools.cycle(bodies), start, None):
        if time.monotonic() >= until:
            return tally
        began = time.perf_counter()
        try:
            response = await client.post("/graphql", json=body)
            answer = response.json()
            if response.status_code != 200 or answer.get("errors"):
                tally.failed(f"{response.status_code} {response.text}")
        except (httpx.HTTPError, ValueError) as exc:
            tally.failed(f"{type(exc).__name__} {exc} after {time.perf_counter() - began:.2f} s, {body}")
        tally.latencies.append(time.perf_counter() - began)
    return tally


async def refused_client(client: httpx.AsyncClient, start: int, until: float) -> Tally:
    """Oversized and pathological requests in turn; each must be answered with an error, never a 5xx."""
    tally = Tally()
    headers = {"Content-Type": "application/json"}
    for body in itertools.islice(itertools.cycle(REFUSED), start, None):
        if time.monotonic() >= until:
            return tally
        began = time.perf_counter()
        try:
            response = await client.post("/graphql", content=body, headers=headers)
            if response.status_code >= 500 or not response.json().get("errors"):
                tally.failed(f"{response.status_code} {response.text[:200]}")
        except (httpx.HTTPError, ValueError) as exc:
            tally.failed(f"{type(exc).__name__} {exc} after {time.perf_counter() - began:.2f} s")
        tally.latencies.append(time.perf_counter() - began)
    return tally


async def healthz_client(client: httpx.AsyncClient, until: float) -> Tally:
    tally = Tally()
    while time.monotonic() < until:
        began = time.perf_counter()
        try:
            if (await client.get("/healthz")).status_code != 200:
                tally.failed("healthz not 200")
        except httpx.HTTPError as exc:
            tally.failed(f"{type(exc).__name__}: {exc}")
        tally.latencies.append(time.perf_counter() - began)
    return tally


async def sample_memory(pid: int | None, until: float, every: float, samples: list[tuple[float, int | None]]) -> None:
    started = time.monotonic()
    while time.monotonic() < until:
        await asyncio.sleep(min(every, max(until - time.monotonic(), 0)))
        samples.append((time.monotonic() - started, rss_kib(pid)))


def merged(tallies: list[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total.latencies += tally.latencies
        total.errors += tally.errors
        total.first_errors += tally.first_errors[: 5 - len(total.first_errors)]
    return total


def report(name: str, tally: Tally, seconds: float) -> float:
    rps = len(tally.latencies) / seconds
    ms = [1000 * value for value in tally.latencies]
    print(
        f"{name:<9} {len(ms):>7} requests  {rps:>8.1f} req/s  p50 {percentile(ms, 0.5):7.1f} ms  "
        f"p95 {percentile(ms, 0.95):7.1f} ms  p99 {percentile(ms, 0.99):7.1f} ms  "
        f"mean {statistics.fmean(ms) if ms else float('nan'):7.1f} ms  errors {tally.errors}"
    )
    for error in tally.first_errors:
        print(f"          error: {error}")
    return rps


async def run(url: str, pid: int | None, args: argparse.Namespace) -> int:
    # Idle connections expire on the client well before uvicorn's 5 s keep-alive timeout: with both at 5 s
    # (httpx's default), a request can go out on a connection the server is closing (a ReadError, not a server fault).
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients, keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        bodies = await paper_requests(client)
        rss_start = rss_kib(pid)
        until = time.monotonic() + args.baseline_seconds
        base = merged(await asyncio.gather(*(healthz_client(client, until) for _ in range(args.clients))))
        rss_after_baseline = rss_kib(pid)
        samples: list[tuple[float, int | None]] = []
        until = time.monotonic() + args.seconds
        sampler = asyncio.create_task(sample_memory(pid, until, 10.0, samples))
        clients = (graphql_client(client, bodies, start, until) for start in range(args.clients))
        load = merged(await asyncio.gather(*clients))
        await sampler
        rss_end = rss_kib(pid)
        until = time.monotonic() + args.refused_seconds
        refused = merged(await asyncio.gather(*(refused_client(client, n, until) for n in range(args.clients))))
        rss_refused = rss_kib(pid)
    print(f"{args.clients} concurrent clients; {len(bodies)} distinct requests in the mix; server {url} (pid {pid})")
    base_rps = report("baseline", base, args.baseline_seconds)
    load_rps = report("graphql", load, args.seconds)
    print(
        f"ratios    graphql/baseline throughput {load_rps / base_rps:.3f}; "
        f"p50 latency {percentile(load.latencies, 0.5) / percentile(base.latencies, 0.5):.1f}x the baseline's"
    )
    refused_rps = report("refused", refused, args.refused_seconds)
    print(f"ratios    refused/baseline throughput {refused_rps / base_rps:.3f}")
    trend = ", ".join(f"{t:.0f}s {kib // 1024 if kib else '?'}" for t, kib in samples)
    print(
        f"memory    server RSS MiB: start {_mib(rss_start)}, after baseline {_mib(rss_after_baseline)}, "
        f"end {_mib(rss_end)}; during the run: {trend}; after the refused phase {_mib(rss_refused)}"
    )
    return 1 if load.errors or base.errors or refused.errors else 0


def _mib(kib: int | None) -> str:
    return "?" if kib is None else f"{kib / 1024:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the GraphQL load")
    parser.add_argument("--baseline-seconds", type=float, default=15.0, help="length of the /healthz baseline")
    parser.add_argument("--refused-seconds", type=float, default=10.0, help="length of the oversized-request phase")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--url", help="measure this running server instead of starting kg serve")
    parser.add_argument("--pid", type=int, help="pid of the server given by --url (for its memory)")
    args = parser.parse_args()
    if args.url:
        return asyncio.run(run(args.url.rstrip("/"), args.pid, args))
    if not os.environ.get("KG_NEO4J_URI"):
        print("note: KG_NEO4J_URI is not set; kg serve uses the local server of .env / kg neo4j start")
    process, url = start_server()
    try:
        return asyncio.run(run(url, process.pid, args))
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
