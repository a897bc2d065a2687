"""docker-compose.yml is valid and safe, checked without a Docker engine."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_services_for_neo4j_api_and_reports() -> None:
    services = compose()["services"]
    assert set(services) >= {"neo4j", "api", "reports"}
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert "healthcheck" in services["neo4j"]
    assert services["api"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert services["api"]["command"][:2] == ["kg", "serve"]
    assert services["reports"]["command"] == ["kg", "scheduler"]


def test_volumes_are_declared() -> None:
    spec = compose()
    used = {v.split(":")[0] for s in spec["services"].values() for v in s.get("volumes", [])}
    assert used <= set(spec["volumes"])


def test_no_default_password() -> None:
    auth = compose()["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert re.fullmatch(r"neo4j/\$\{KG_NEO4J_PASSWORD:\?[^}]+\}", auth), auth
    example = (REPO / ".env.example").read_text()
    assert re.search(r"^KG_NEO4J_PASSWORD=\s*$", example, re.MULTILINE)


def test_ports_bind_to_loopback_only() -> None:
    for service in compose()["services"].values():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), port
