"""The local server and the driver against it: real processes, real Bolt."""

from __future__ import annotations

import pytest
from neo4j import Driver
from pydantic import SecretStr

from kg.errors import Neo4jUnavailable
from kg.settings import Settings
from kg.store.db import open_driver


def test_bolt_answers_a_query(driver: Driver) -> None:
    records, _, _ = driver.execute_query("RETURN 1 + $x AS answer", x=41)
    assert records[0]["answer"] == 42


def test_wrong_password_is_one_clear_error(neo4j_settings: Settings) -> None:
    wrong = neo4j_settings.model_copy(update={"neo4j_password": SecretStr("not-the-password")})
    with pytest.raises(Neo4jUnavailable) as caught:
        open_driver(wrong)
    assert neo4j_settings.bolt_uri in str(caught.value)
    assert "authentication" in str(caught.value).lower()


def test_unreachable_server_fails_fast_with_uri(neo4j_settings: Settings) -> None:
    nowhere = neo4j_settings.model_copy(
        update={"neo4j_uri": "bolt://127.0.0.1:9", "neo4j_retries": 2, "neo4j_connect_timeout": 1.0}
    )
    with pytest.raises(Neo4jUnavailable) as caught:
        open_driver(nowhere)
    assert "bolt://127.0.0.1:9" in str(caught.value)
