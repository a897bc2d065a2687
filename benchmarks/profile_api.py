"""Where one API worker's CPU goes under load: py-spy samples `kg serve` while wrk drives a query.

`kg serve --workers 1` (response cache off unless `--cache`) runs on the graph of the environment;
wrk sends one of the frontend queries of `bench_peer.py` for `--seconds` with `--clients`
connections while py-spy (`pip install py-spy`; root or ptrace rights) samples every thread of
the server; the table gives each package's share of the samples by the innermost frame (own time),
and the costliest functions.

    .venv/bin/python benchmarks/profile_api.py --query "page of 20 papers + entity names"
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter
from functools import partial
from pathlib import Path

import wrk
from bench_peer import QUERIES, pick_variables, request, used
from serving import answers_graphql, free_port, started

GROUPS = {
    "graphql-core (validate, execute, fields)": ("graphql/",),
    "strawberry (schema, field wrapping)": ("strawberry/",),
    "neo4j driver (Bolt, records)": ("neo4j/",),
    "uvicorn, starlette, fastapi (HTTP)": ("uvicorn/", "starlette/", "fastapi/", "httptools/"),
    "asyncio, threads, anyio (scheduling)": ("asyncio/", "anyio/", "threading.py", "concurrent/", "selectors.py"),
    "this project (api/, kg/)": ("api/", "kg/"),
    "JSON, orjson": ("orjson", "json/"),
}


def group_of(frame: str) -> str:
    """The group of a py-spy frame `function (path/of/file.py:line)`, by the file's path."""
    path = frame.rpartition(" (")[2]
    for group, prefixes in GROUPS.items():
        if path.startswith(prefixes):
            return group
    return "other (stdlib, generated code)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--query", default=QUERIES[1].name, choices=[q.name for q in QUERIES])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--cache", action="store_true", help="keep the response cache on")
    parser.add_argument("--method", choices=["POST", "GET"], default="POST", help="how the query is sent")
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}/graphql"
    kg = str(Path(sys.executable).parent / "kg")
    env = {**__import__("os").environ, "KG_API_RESPONSE_CACHE": "true" if args.cache else "false"}
    command = [kg, "serve", "--port", str(port), "--workers", "1"]
    with started(command, env, "kg serve", partial(answers_graphql, url)), tempfile.TemporaryDirectory() as tmp:
        query = next(q for q in QUERIES if q.name == args.query)
        sent = request(url, query.ours, used(query.ours, pick_variables(url)["ours"]), args.method)
        samples = Path(tmp) / "samples.txt"
        spy = [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(server_pid(port)), "--format"]
        spy += ["raw", "--duration", str(args.seconds), "--rate", "200", "--nonblocking", "--output", str(samples)]
        sampler = subprocess.Popen(spy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        figures = wrk.run(sent, args.clients, args.seconds, threads=1)
        sampler.wait(timeout=60)
        report(samples.read_text(), figures, args)


def server_pid(port: int) -> int:
    """The process listening on `port` (uvicorn's, under `kg serve`)."""
    found = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"pid=(\d+)", found).group(1))  # type: ignore[union-attr]


def report(collapsed: str, figures: wrk.Figures, args: argparse.Namespace) -> None:
    groups: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        leaf = stack.rsplit(";", 1)[-1]
        groups[group_of(leaf)] += int(count)
        leaves[leaf] += int(count)
    total = sum(groups.values())
    print(
        f"{args.query!r}, {args.clients} clients, {args.seconds} s: {figures.requests} requests"
        f" ({figures.rps:.0f}/s, p50 {figures.p50:.1f} ms, p99 {figures.p99:.1f} ms), {total} samples\n"
    )
    print("| where (innermost frame) | share of samples |\n|---|---:|")
    for group, count in groups.most_common():
        print(f"| {group} | {100 * count / total:.0f}% |")
    print("\n| function | share |\n|---|---:|")
    for leaf, count in leaves.most_common(12):
        print(f"| `{leaf}` | {100 * count / total:.1f}% |")


if __name__ == "__main__":
    main()
