"""Every read statement of kg/store/cypher/reads.py and explorer.py compiles on the real server (EXPLAIN)."""

from __future__ import annotations

import pytest
from neo4j import Driver

from kg.settings import Settings
from kg.store.cypher import explorer, reads

STATEMENTS = {
    name: value
    for module in (reads, explorer)
    for name, value in vars(module).items()
    if name.isupper()
    and not name.startswith("_")
    and isinstance(value, str)
    and ("RETURN" in value or "MATCH" in value)
} | {f"SHORTEST_PATH[{hops}]": text for hops, text in reads.SHORTEST_PATH.items()}


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_statement_compiles(driver: Driver, neo4j_settings: Settings, name: str) -> None:
    with driver.session(database=neo4j_settings.neo4j_database, notifications_min_severity="OFF") as session:
        session.run("EXPLAIN " + STATEMENTS[name]).consume()
