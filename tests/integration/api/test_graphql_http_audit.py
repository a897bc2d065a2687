"""The graphql-http audit suite (npm) against the running app: no MUST audit may fail.

`make test` installs the audit with `npm ci --prefix tools/graphql-audit`; this test does the same
when it is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.integration.api.conftest import LiveServer

AUDIT = Path(__file__).resolve().parents[3] / "tools" / "graphql-audit"


def ensure_audit_installed() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "Node.js and npm are required for the graphql-http audit"
    if not (AUDIT / "node_modules" / "graphql-http").exists():
        subprocess.run([npm, "ci", "--prefix", str(AUDIT), "--no-audit", "--no-fund"], check=True, timeout=300)
    return node


def test_no_must_audit_fails(live_server: LiveServer) -> None:
    node = ensure_audit_installed()
    run = subprocess.run(
        [node, str(AUDIT / "audit.mjs"), f"{live_server.url}/graphql"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    assert summary["mustFailures"] == [], run.stdout
    assert run.returncode == 0 and summary["total"] > 40
    assert summary["shouldFailures"] == [], run.stdout
