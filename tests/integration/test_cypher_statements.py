"""Every Cypher statement of `kg/store/cypher/` passes EXPLAIN on the real server, found by one rule.

The rule: every public upper-case constant of every module of the package that is a string with a
space in it (a statement; labels and index names have none), or a dict or tuple of such strings.
Schema commands (CREATE CONSTRAINT/INDEX, which EXPLAIN does not take) are applied instead: they
are idempotent.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver

import kg.store.cypher
from kg.settings import Settings

pytestmark = pytest.mark.integration

SCHEMA_COMMAND = "CREATE "


def _statements(name: str, value: Any) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if " " in value.strip():
            yield name, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _statements(f"{name}[{key}]", item)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _statements(f"{name}[{index}]", item)


def discover() -> dict[str, str]:
    found: dict[str, str] = {}
    for module_info in pkgutil.iter_modules(kg.store.cypher.__path__):
        module = importlib.import_module(f"kg.store.cypher.{module_info.name}")
        for name, value in vars(module).items():
            if name.isupper() and not name.startswith("_"):
                found.update(_statements(f"{module_info.name}.{name}", value))
    return found


STATEMENTS = discover()


def test_the_rule_finds_the_statements_of_every_module() -> None:
    modules = {name.split(".", 1)[0] for name in STATEMENTS}
    builders = {"projection"}  # builds statements per query shape; test_projection_cypher.py EXPLAINs each shape
    assert modules == {info.name for info in pkgutil.iter_modules(kg.store.cypher.__path__)} - builders
    assert len(STATEMENTS) > 100


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_statement_compiles(driver: Driver, neo4j_settings: Settings, name: str) -> None:
    statement = STATEMENTS[name]
    with driver.session(database=neo4j_settings.neo4j_database, notifications_min_severity="OFF") as session:
        if statement.lstrip().startswith(SCHEMA_COMMAND):
            session.run(statement).consume()
        else:
            session.run(f"EXPLAIN {statement}").consume()
