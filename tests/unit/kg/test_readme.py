"""The README's configuration table names every setting, and nothing that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

from kg.settings import Settings

README = Path(__file__).resolve().parents[3] / "README.md"
TEST_ONLY = {
    "KG_TEST_HOME",
    "KG_TEST_NEO4J_BOLT_PORT",
    "KG_TEST_NEO4J_HTTP_PORT",
    "KG_TEST_KEEP_NEO4J",
    "KG_TEST_NEO4J_URI",
    "KG_TEST_NEO4J_USER",
    "KG_TEST_NEO4J_PASSWORD",
}


def documented() -> set[str]:
    return set(re.findall(r"`(KG_[A-Z0-9_]+)`", README.read_text()))


def test_every_setting_is_documented() -> None:
    settings = {f"KG_{name.upper()}" for name in Settings.model_fields}
    assert settings - documented() == set()


def test_no_documented_setting_is_made_up() -> None:
    settings = {f"KG_{name.upper()}" for name in Settings.model_fields}
    assert documented() - settings - TEST_ONLY == set()
