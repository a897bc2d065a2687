"""wrk (Debian package `wrk`) sending one HTTP request over and over: the runner and its output's parser.

    figures = run(Request("POST", url, body), clients=50, seconds=10)

`Figures` holds requests per second, p50 and p99 latency (ms) and the errors wrk counts (non-2xx/3xx
answers, connect/read/write errors and its 2 s socket timeouts).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def script(self) -> str:
        """The Lua script that makes wrk send this request."""
        lines = [f'wrk.method = "{self.method}"']
        headers = {**({"Content-Type": "application/json"} if self.body is not None else {}), **self.headers}
        lines += [f'wrk.headers["{name}"] = "{value}"' for name, value in headers.items()]
        if self.body is not None:
            lines.append(f"wrk.body = [==[{self.body}]==]")
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Figures:
    rps: float
    p50: float
    p99: float
    errors: int
    requests: int


def require() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")


def run(request: Request, clients: int, seconds: int, threads: int | None = None) -> Figures:
    """wrk with `clients` connections for `seconds` (at most 2 threads: this is a 2-core machine)."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "request.lua"
        script.write_text(request.script())
        command = ["wrk", "-t", str(threads or min(clients, 2)), "-c", str(clients), "-d", f"{seconds}s"]
        command += ["--latency", "-s", str(script), request.url]
        return parse(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def parse(out: str) -> Figures:
    """The figures of wrk's `--latency` output."""
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    rps = float(_search(r"Requests/sec:\s+([\d.]+)", out))
    requests = int(_search(r"(\d+) requests in", out))
    return Figures(rps, _ms(out, "50%"), _ms(out, "99%"), errors, requests)


def _ms(out: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s*{percentile}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()  # type: ignore[union-attr]
    return float(value) * _UNITS[unit]


def _search(pattern: str, out: str) -> str:
    found = re.search(pattern, out)
    if found is None:
        raise SystemExit(f"wrk's output has no {pattern!r}:\n{out}")
    return found.group(1)
