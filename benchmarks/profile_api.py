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
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench_peer import QUERIES, free_port, pick_variables, started, used

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
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}/graphql"
    kg = str(Path(sys.executable).parent / "kg")
    env = {**__import__("os").environ, "KG_API_RESPONSE_CACHE": "true" if args.cache else "false"}
    with started([kg, "serve", "--port", str(port), "--workers", "1"], env, url, "kg serve") as _, \
            tempfile.TemporaryDirectory() as tmp:  # fmt: skip
        query = next(q for q in QUERIES if q.name == args.query)
        body = json.dumps({"query": query.ours, "variables": used(query.ours, pick_variables(url)["ours"])})
        script, samples = Path(tmp) / "post.lua", Path(tmp) / "samples.txt"
        script.write_text(
            f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[{body}]==]\n'
        )
        pid = server_pid(port)
        spy = [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pid), "--format", "raw"]
        spy += ["--duration", str(args.seconds), "--rate", "200", "--nonblocking", "--output", str(samples)]
        sampler = subprocess.Popen(spy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wrk = ["wrk", "-t", "1", "-c", str(args.clients), "-d", f"{args.seconds}s", "-s", str(script), url]
        out = subprocess.run(wrk, capture_output=True, text=True, check=True).stdout
        sampler.wait(timeout=60)
        report(samples.read_text(), out, args)


def server_pid(port: int) -> int:
    """The process listening on `port` (uvicorn's, under `kg serve`)."""
    found = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"pid=(\d+)", found).group(1))  # type: ignore[union-attr]


def report(collapsed: str, wrk_out: str, args: argparse.Namespace) -> None:
    groups: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        leaf = stack.rsplit(";", 1)[-1]
        groups[group_of(leaf)] += int(count)
        leaves[leaf] += int(count)
    total = sum(groups.values())
    done = next(line for line in wrk_out.splitlines() if "requests in" in line).split()[0]
    rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk_out).group(1)  # type: ignore[union-attr]
    print(f"{args.query!r}, {args.clients} clients, {args.seconds} s: {done} requests ({rps}/s), {total} samples\n")
    print("| where (innermost frame) | share of samples |\n|---|---:|")
    for group, count in groups.most_common():
        print(f"| {group} | {100 * count / total:.0f}% |")
    print("\n| function | share |\n|---|---:|")
    for leaf, count in leaves.most_common(12):
        print(f"| `{leaf}` | {100 * count / total:.1f}% |")


if __name__ == "__main__":
    main()
