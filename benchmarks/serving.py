"""Servers started for a benchmark run: a free port, the process, and a wait until it answers."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers_graphql(url: str) -> bool:
    """`url` answers a trivial GraphQL POST (any HTTP answer counts)."""
    httpx.post(url, json={"query": "{ __typename }"}, timeout=2)
    return True


def ready_probe(url: str) -> bool:
    """`url` (a `/readyz`) answers 200."""
    return httpx.get(url, timeout=2).status_code == 200


@contextmanager
def started(
    command: list[str],
    env: dict[str, str] | None,
    what: str,
    ready: Callable[[], bool],
    cwd: Path | None = None,
    timeout: float = 120,
) -> Iterator[None]:
    """`command` running until the block ends, after `ready()` said yes (SystemExit if it never does)."""
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(process, what, ready, timeout)
        yield
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait(process: subprocess.Popen[bytes], what: str, ready: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited before answering (is KG_NEO4J_PASSWORD set?)")
        try:
            if ready():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{what} did not answer within {timeout:.0f} s")
