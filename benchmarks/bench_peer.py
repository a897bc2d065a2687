"""This API against @neo4j/graphql (Apollo Server) on the same graph, five frontend queries, under wrk.

The peer is `benchmarks/peer/server.mjs` (npm, pinned by its package-lock; `npm ci` is run when
`node_modules` is missing). Three servers run side by side on the graph of the environment
(`KG_NEO4J_*` or `.env`, e.g. after `make demo`): the peer (one Node.js process), `kg serve
--workers 2` (`--workers`) with the response cache off (cold) and the same with it on (warm). First every query's
answers are checked equal across dialects; then, for 1 and 50 clients, each query runs for
`--seconds` under wrk on each server in turn (interleaved, the order rotating), and the tables give
requests per second, p50 and p99 latency and our req/s over the peer's; the warm tables end with
`GET /healthz` of the warm server under the same load (the floor of the HTTP stack). Queries go as JSON POSTs,
or with `--method GET` in the URL (as the explorer sends them). `--servers` names the servers
measured; `uncompiled`, a cold server without compiled answers (`KG_API_COMPILED_ANSWERS=false`),
starts only when named, so that one run shows what compiled answers change.

    .venv/bin/python benchmarks/bench_peer.py --seconds 10 [--clients 1 50] [--method GET] [--servers warm]

Needs `wrk` (Debian package) and `node`/`npm`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import wrk
from serving import answers_graphql, free_port, started

from kg.settings import Settings

PEER_DIR = Path(__file__).parent / "peer"
Answer = Any


@dataclass(frozen=True)
class Query:
    name: str
    ours: str
    peer: str
    ours_answer: Callable[[Answer], Any]  # the answer reduced to what both dialects must agree on
    peer_answer: Callable[[Answer], Any]


def _mentions_ours(rows: list[Any]) -> list[tuple[str, str, int]]:
    return [(m["entity"]["key"], m["entity"]["name"], m["count"]) for m in rows]


def _mentions_peer(connection: Any) -> list[tuple[str, str, int]]:
    return [(e["node"]["key"], e["node"]["name"], e["properties"]["count"]) for e in connection["edges"]]


def _one_paper_peer(paper: Any) -> Any:
    return paper["title"], _mentions_peer(paper["mentionsConnection"]), paper["topics"]


QUERIES = [
    Query(
        "one paper + entities + topic",
        "query($paper: ID!) { paper(id: $paper) { id title"
        " entities { count entity { key name } } topics { id label } } }",
        "query($paper: ID!) { papers(where: {id: {eq: $paper}}) { id title"
        " mentionsConnection(sort: [{edge: {count: DESC}}, {node: {key: ASC}}])"
        " { edges { properties { count } node { key name } } } topics { id label } } }",
        lambda d: (d["paper"]["title"], _mentions_ours(d["paper"]["entities"]), d["paper"]["topics"]),
        lambda d: _one_paper_peer(d["papers"][0]),
    ),
    Query(
        "page of 20 papers + entity names",
        "{ papers(first: 20) { nodes { id title entities { entity { name } } } } }",
        "{ papers(limit: 20, sort: [{id: ASC}]) { id title mentions { name } } }",
        lambda d: [(p["id"], p["title"], sorted(m["entity"]["name"] for m in p["entities"]))
                   for p in d["papers"]["nodes"]],
        lambda d: [(p["id"], p["title"], sorted(m["name"] for m in p["mentions"])) for p in d["papers"]],
    ),
    Query(
        "papers of an entity",
        "query($canonical: String!) { entity(label: METHOD, key: $canonical) { key name"
        " papers(first: 20) { nodes { id title } } } }",
        "query($key: ID!) { entities(where: {key: {eq: $key}}) { key name"
        " papers(limit: 20, sort: [{id: ASC}]) { id title } } }",
        lambda d: (d["entity"]["key"], d["entity"]["name"], d["entity"]["papers"]["nodes"]),
        lambda d: (d["entities"][0]["key"], d["entities"][0]["name"], d["entities"][0]["papers"]),
    ),
    Query(
        "papers of a topic",
        "query($topic: ID!) { topic(id: $topic) { id label papers(first: 20) { nodes { id title } } } }",
        "query($topic: ID!) { topics(where: {id: {eq: $topic}}) { id label"
        " papers(limit: 20, sort: [{id: ASC}]) { id title } } }",
        lambda d: (d["topic"]["id"], d["topic"]["label"], d["topic"]["papers"]["nodes"]),
        lambda d: (d["topics"][0]["id"], d["topics"][0]["label"], d["topics"][0]["papers"]),
    ),
    Query(
        "entity -> papers -> entities",
        "query($canonical: String!) { entity(label: METHOD, key: $canonical) { name"
        " papers(first: 10) { nodes { id title entities(first: 5) { count entity { key name } } } } } }",
        "query($key: ID!) { entities(where: {key: {eq: $key}}) { name papers(limit: 10, sort: [{id: ASC}]) { id title"
        " mentionsConnection(first: 5, sort: [{edge: {count: DESC}}, {node: {key: ASC}}])"
        " { edges { properties { count } node { key name } } } } } }",
        lambda d: [(p["id"], _mentions_ours(p["entities"])) for p in d["entity"]["papers"]["nodes"]],
        lambda d: [(p["id"], _mentions_peer(p["mentionsConnection"])) for p in d["entities"][0]["papers"]],
    ),
]  # fmt: skip


# Our servers: the settings each runs with. `uncompiled` (only when asked for) is cold without
# compiled answers, so one run shows what they change.
OURS = {
    "cold": {"KG_API_RESPONSE_CACHE": "false"},
    "warm": {"KG_API_RESPONSE_CACHE": "true"},
    "uncompiled": {"KG_API_RESPONSE_CACHE": "false", "KG_API_COMPILED_ANSWERS": "false"},
}


def servers(settings: Settings, stack: ExitStack, workers: int, wanted: list[str]) -> dict[str, str]:
    if not (PEER_DIR / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER_DIR, check=True)
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    env = {**os.environ, "KG_NEO4J_URI": settings.bolt_uri, "KG_NEO4J_PASSWORD": password}
    kg = str(Path(sys.executable).parent / "kg")
    port = free_port()
    urls = {"peer": f"http://127.0.0.1:{port}/"}
    probe = partial(answers_graphql, urls["peer"])
    stack.enter_context(started(["node", "server.mjs"], {**env, "PORT": str(port)}, "peer", probe, PEER_DIR))
    for mode in (mode for mode in OURS if mode != "uncompiled" or mode in wanted):
        port = free_port()
        urls[mode] = f"http://127.0.0.1:{port}/graphql"
        command = [kg, "serve", "--port", str(port), "--workers", str(workers)]
        env_mode = {**env, **OURS[mode]}
        stack.enter_context(started(command, env_mode, f"kg serve ({mode})", partial(answers_graphql, urls[mode])))
    return urls


def post(url: str, query: str, variables: dict[str, Any]) -> Any:
    body = httpx.post(url, json={"query": query, "variables": variables}, timeout=30).json()
    if body.get("errors"):
        raise SystemExit(f"{url}: {body['errors']}")
    return body["data"]


def pick_variables(url: str) -> dict[str, dict[str, Any]]:
    """A real paper, entity and topic of the graph: the largest topic, its first paper, METHOD:transformer.

    Without an analysis run (no topics) the paper is the entity's first and there is no topic.
    """
    topics = post(url, "{ topics { id size } }", {})["topics"]
    if topics:
        topic = max(topics, key=lambda t: (t["size"], t["id"]))["id"]
        found = post(url, "query($t: ID!) { topic(id: $t) { papers(first: 1) { nodes { id } } } }", {"t": topic})
        paper_id = found["topic"]["papers"]["nodes"][0]["id"]
    else:
        topic = None
        found = post(url, '{ papers(filter: {entity: "METHOD:transformer"}, first: 1) { nodes { id } } }', {})
        paper_id = found["papers"]["nodes"][0]["id"]
    ours = {"paper": paper_id, "canonical": "transformer", "topic": topic}
    peer = {"paper": paper_id, "key": "METHOD:transformer", "topic": topic}
    return {"ours": ours, "peer": peer}


def runnable(variables: dict[str, dict[str, Any]]) -> list[Query]:
    """The queries the graph can answer: those of a topic only when it has one."""
    if variables["ours"]["topic"] is None:
        return [query for query in QUERIES if "$topic" not in query.ours]
    return QUERIES


def used(query: str, variables: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in variables.items() if f"${name}" in query}


def check_answers(urls: dict[str, str], variables: dict[str, dict[str, Any]]) -> None:
    for query in runnable(variables):
        given = used(query.ours, variables["ours"])
        ours, *others = (query.ours_answer(post(urls[mode], query.ours, given)) for mode in OURS if mode in urls)
        peer = query.peer_answer(post(urls["peer"], query.peer, used(query.peer, variables["peer"])))
        ours, peer, *others = (json.loads(json.dumps(answer)) for answer in (ours, peer, *others))
        if not all(other == ours for other in others) or ours != peer or not ours:
            raise SystemExit(f"answers differ for {query.name!r}:\n ours {ours}\n peer {peer}")
    left_out = "" if variables["ours"]["topic"] else " (no analysis run, no topics: the topic query left out)"
    print(f"answers equal on all {len(runnable(variables))} queries{left_out}", flush=True)


def request(url: str, text: str, variables: dict[str, Any], method: str) -> wrk.Request:
    """The request wrk repeats: a JSON POST, or a GET with the query and variables in the URL."""
    if method == "POST":
        return wrk.Request("POST", url, json.dumps({"query": text, "variables": variables}))
    params = urlencode({"query": text, "variables": json.dumps(variables)})
    return wrk.Request("GET", f"{url}?{params}", headers={"apollo-require-preflight": "true"})


def measure(
    urls: dict[str, str], variables: dict[str, dict[str, Any]], clients: int, args: argparse.Namespace
) -> dict[tuple[str, str], wrk.Figures]:
    figures = {}
    seconds, method = args.seconds, args.method
    for index, query in enumerate(runnable(variables)):
        order = [server for server in ("peer", *OURS) if server in args.servers]
        order = order[index % len(order) :] + order[: index % len(order)]  # interleaved, the first rotating
        for server in order:
            text, dialect = (query.peer, "peer") if server == "peer" else (query.ours, "ours")
            sent = request(urls[server], text, used(text, variables[dialect]), method)
            figures[(query.name, server)] = wrk.run(sent, clients, seconds)
            print(f"  {clients:>2} clients  {server:<4}  {query.name}: {figures[(query.name, server)]}", flush=True)
    if "warm" in args.servers:  # the floor: the cheapest route of the same app under the same load
        health = wrk.Request("GET", urls["warm"].removesuffix("/graphql") + "/healthz")
        figures[(BASELINE, "warm")] = wrk.run(health, clients, seconds)
        print(f"  {clients:>2} clients  warm  {BASELINE}: {figures[(BASELINE, 'warm')]}", flush=True)
    return figures


BASELINE = "baseline: GET /healthz"
_NONE = wrk.Figures(float("nan"), float("nan"), float("nan"), 0, 0)  # a server not measured in this run


def table(figures: dict[tuple[str, str], wrk.Figures], mode: str, clients: int) -> str:
    lines = [
        f"{mode}, {clients} client{'s' if clients > 1 else ''}:",
        f"| {'query':<32} | peer req/s | ours req/s | ratio | peer p50 | ours p50 | peer p99 | ours p99 | errors |",
        f"|{'-' * 34}|{'-----------:|' * 2}------:|{'---------:|' * 4}-------:|",
    ]  # fmt: skip
    for query in (query for query in QUERIES if (query.name, mode) in figures):
        peer, ours = figures.get((query.name, "peer")), figures[(query.name, mode)]
        ratio, peer_cells = (f"{ours.rps / peer.rps:>5.2f}", peer) if peer else (f"{'-':>5}", _NONE)
        lines.append(
            f"| {query.name:<32} | {peer_cells.rps:>10.0f} | {ours.rps:>10.0f} | {ratio} "
            f"| {peer_cells.p50:>8.1f} | {ours.p50:>8.1f} | {peer_cells.p99:>8.1f} | {ours.p99:>8.1f} "
            f"| {peer_cells.errors + ours.errors:>6} |"
        )
    if (BASELINE, mode) in figures:
        floor = figures[(BASELINE, mode)]
        lines.append(
            f"| {BASELINE:<32} | {'':>10} | {floor.rps:>10.0f} | {'':>5} | {'':>8} | {floor.p50:>8.1f} "
            f"| {'':>8} | {floor.p99:>8.1f} | {floor.errors:>6} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per query and server")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--method", choices=["POST", "GET"], default="POST", help="how queries are sent")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of each `kg serve`")
    parser.add_argument("--servers", nargs="+", choices=["peer", *OURS], default=["peer", "cold", "warm"])
    args = parser.parse_args()
    wrk.require()
    with ExitStack() as stack:
        urls = servers(Settings(), stack, args.workers, args.servers)
        variables = pick_variables(urls["cold"])
        check_answers(urls, variables)
        started_at, load = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.getloadavg()[0]
        results = {clients: measure(urls, variables, clients, args) for clients in args.clients}
        print(f"\nstarted {started_at}, load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end;"
              f" {args.seconds} s per query and server, {args.method}, kg serve --workers {args.workers};"
              " ms for latencies\n")  # fmt: skip
        for mode in (mode for mode in OURS if mode in args.servers):
            for clients, figures in results.items():
                print(table(figures, mode, clients) + "\n")


if __name__ == "__main__":
    main()
