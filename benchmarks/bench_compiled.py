"""Compiled answers against the normal execution, in one process: CPU and wall time per request.

Two apps over the graph of the environment (`KG_NEO4J_*` or `.env`), both with the response cache
off: one answers fully planned documents compiled (`api/graphql/compiled/`), the other runs
strawberry's execution for everything (`KG_API_COMPILED_ANSWERS=false`). Each of the five
frontend queries of `bench_peer.py` goes to both in turn, in rounds, one request at a time through
the ASGI interface (no sockets, no HTTP parsing: the app, the read, the encoding); the table gives
the CPU time of the process per request (`time.process_time`, the driver's threads included) and
the median wall time, and compiled over normal. The requests are ASGI calls made in the same
process (no HTTP client), so the CPU is the app's. Answers are checked equal first.

    .venv/bin/python benchmarks/bench_compiled.py [--rounds 5] [--requests 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from collections.abc import MutableMapping
from contextlib import AsyncExitStack
from typing import Any

from bench_peer import QUERIES, used
from fastapi import FastAPI

from api.main import create_app
from kg.settings import Settings


async def started(stack: AsyncExitStack, settings: Settings) -> FastAPI:
    app: FastAPI = create_app(settings)
    await stack.enter_async_context(app.router.lifespan_context(app))
    return app


async def post(app: FastAPI, query: str, variables: dict[str, Any]) -> bytes:
    """The body of a JSON POST to `/graphql`, sent as one ASGI call; SystemExit unless it is a clean 200."""
    body = json.dumps({"query": query, "variables": variables}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/graphql", "raw_path": b"/graphql", "query_string": b"", "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}  # fmt: skip
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    status, chunks = 0, []

    async def receive() -> dict[str, Any]:
        return messages.pop() if messages else {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    content = b"".join(chunks)
    if status != 200 or b'"errors"' in content:
        raise SystemExit(f"{query[:60]}…: {status} {content[:300]!r}")
    return content


async def pick_variables(client: FastAPI) -> dict[str, Any]:
    topics = json.loads(await post(client, "{ topics { id size } }", {}))["data"]["topics"]
    if not topics:
        raise SystemExit("the graph has no analysis run: run `kg analyze` first")
    topic = max(topics, key=lambda t: (t["size"], t["id"]))["id"]
    found = await post(client, "query($t: ID!) { topic(id: $t) { papers(first: 1) { nodes { id } } } }", {"t": topic})
    paper = json.loads(found)["data"]["topic"]["papers"]["nodes"][0]["id"]
    return {"paper": paper, "canonical": "transformer", "topic": topic}


async def timed(client: FastAPI, query: str, variables: dict[str, Any], requests: int) -> tuple[float, list[float]]:
    """CPU seconds per request over `requests` requests, and each request's wall time."""
    walls = []
    cpu = time.process_time()
    for _ in range(requests):
        start = time.perf_counter()
        await post(client, query, variables)
        walls.append(time.perf_counter() - start)
    return (time.process_time() - cpu) / requests, walls


async def main(args: argparse.Namespace) -> None:
    base = Settings().model_copy(update={"api_response_cache": False})
    async with AsyncExitStack() as stack:
        clients = {
            "normal": await started(stack, base.model_copy(update={"api_compiled_answers": False})),
            "compiled": await started(stack, base.model_copy(update={"api_compiled_answers": True})),
        }
        variables = await pick_variables(clients["normal"])
        for query in QUERIES:
            given = used(query.ours, variables)
            if await post(clients["normal"], query.ours, given) != await post(clients["compiled"], query.ours, given):
                raise SystemExit(f"answers differ for {query.name!r}")
        print(f"answers equal (bytes) on all {len(QUERIES)} queries", flush=True)
        load = os.getloadavg()[0]
        cpu: dict[tuple[str, str], list[float]] = {}
        wall: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for query in QUERIES:
                for path, client in clients.items():
                    spent, walls = await timed(client, query.ours, used(query.ours, variables), args.requests)
                    cpu.setdefault((query.name, path), []).append(spent)
                    wall.setdefault((query.name, path), []).extend(walls)
        print(f"\n{args.rounds} rounds of {args.requests} requests per query and path, one at a time;"
              f" load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end\n")  # fmt: skip
        print(table(cpu, wall))


def table(cpu: dict[tuple[str, str], list[float]], wall: dict[tuple[str, str], list[float]]) -> str:
    lines = [
        f"| {'query':<32} | normal CPU ms | compiled CPU ms | ratio | normal p50 ms | compiled p50 ms | ratio |",
        f"|{'-' * 34}|--------------:|----------------:|------:|--------------:|----------------:|------:|",
    ]
    for query in QUERIES:
        slow, fast = (min(cpu[(query.name, path)]) * 1000 for path in ("normal", "compiled"))
        slow_wall, fast_wall = (statistics.median(wall[(query.name, path)]) * 1000 for path in ("normal", "compiled"))
        lines.append(
            f"| {query.name:<32} | {slow:>13.2f} | {fast:>15.2f} | {fast / slow:>5.2f} "
            f"| {slow_wall:>13.2f} | {fast_wall:>15.2f} | {fast_wall / slow_wall:>5.2f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="rounds; each round runs every query on both paths")
    parser.add_argument("--requests", type=int, default=200, help="requests per query and path in one round")
    asyncio.run(main(parser.parse_args()))
