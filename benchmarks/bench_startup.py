"""Start-up cost of the `kg` command: what `kg --help`, `kg neo4j status` and `kg stats` import, and how long.

usage: python benchmarks/bench_startup.py [--repeats 5] [--source OTHER_CHECKOUT]

No database needed: `kg stats` is pointed at a closed port (it fails at once, exit 3, after importing
what it needs). Each command runs `--repeats` times in a fresh interpreter with `python -X importtime`;
printed per command: the median wall time, the median total import time (the sum of the top-level
imports' cumulative times), the number of modules loaded, and which heavy packages were imported. The
baseline, measured in the same run, is a bare interpreter (`python -c pass`): ratios are against it.

`--source DIR` measures the `kg` package of another checkout (e.g. `git archive <commit> kg | tar -x -C
DIR`) with this environment, for a before/after comparison.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time

COMMANDS = {"kg --help": ["--help"], "kg neo4j status": ["neo4j", "status"], "kg stats": ["stats"]}
HEAVY = ("spacy", "networkx", "strawberry", "numpy", "scipy", "fastapi", "neo4j", "pydantic_settings", "rich")
PROBE = """
import atexit, os, sys
if os.environ.get("BENCH_SOURCE"):  # another checkout's `kg` instead of the installed one
    sys.meta_path = [finder for finder in sys.meta_path if "__editable__" not in getattr(finder, "__module__", "")]
    sys.path.insert(0, os.environ["BENCH_SOURCE"])
atexit.register(lambda: print("MODULES", len(sys.modules), ",".join(sorted({m.split('.')[0] for m in sys.modules})),
                file=sys.stderr))
sys.argv = ["kg", *sys.argv[1:]]
from kg.cli.main import main
main()
"""


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int, set[str]]:
    """Wall seconds, import seconds, modules loaded and top-level packages of one fresh process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", PROBE, *args], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    imports = 0
    modules, packages = 0, set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if not name.startswith("  ") and cumulative.strip().isdigit():  # top-level imports only
                imports += int(cumulative)
        elif line.startswith("MODULES"):
            _, count, names = line.split(" ", 2)
            modules, packages = int(count), set(names.split(","))
    return wall, imports / 1e6, modules, packages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--source", help="folder holding another checkout's kg package")
    args = parser.parse_args()
    env = {**os.environ, "KG_NEO4J_URI": f"bolt://127.0.0.1:{closed_port()}", "KG_NEO4J_PASSWORD": "unused"}
    if args.source:
        env["BENCH_SOURCE"] = os.path.abspath(args.source)
    bare = statistics.median(_timed([sys.executable, "-c", "pass"], env) for _ in range(args.repeats))
    print(f"baseline (python -c pass): {bare:.3f} s wall")
    print(f"{'command':18} {'wall s':>7} {'x base':>7} {'import s':>9} {'modules':>8}  heavy packages imported")
    for name, argv in COMMANDS.items():
        runs = [run(argv, env) for _ in range(args.repeats)]
        wall = statistics.median(r[0] for r in runs)
        imports = statistics.median(r[1] for r in runs)
        heavy = ", ".join(sorted(set(HEAVY) & runs[-1][3])) or "none"
        print(f"{name:18} {wall:7.3f} {wall / bare:7.1f} {imports:9.3f} {runs[-1][2]:8d}  {heavy}")


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=False)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
