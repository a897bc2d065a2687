"""Driver failures reach a user as one line that says what to do, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens once the socket is closed


def test_a_refused_connection_is_one_line_with_the_way_out() -> None:
    env = {
        **os.environ,
        "KG_NEO4J_URI": f"bolt://127.0.0.1:{closed_port()}",
        "KG_NEO4J_PASSWORD": "not-used",
        "KG_NEO4J_RETRIES": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "kg", "stats"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 3
    assert "connection refused" in done.stderr and "kg neo4j start" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 2
