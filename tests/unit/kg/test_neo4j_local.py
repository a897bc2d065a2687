"""The local server's configuration and process bookkeeping, without starting Java."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from pydantic import SecretStr

from kg.errors import ConfigError
from kg.neo4j_local import LocalNeo4j, port_open
from kg.settings import Settings


def settings_in(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "neo4j_uri": None,
        "neo4j_password": SecretStr("a-long-password"),
        "data_dir": tmp_path / "state",
        "cache_dir": tmp_path / "cache",
        "neo4j_bolt_port": 17687,
        "neo4j_http_port": 17474,
    }
    values.update(overrides)
    return Settings.model_validate(values)


def conf_of(server: LocalNeo4j) -> dict[str, str]:
    lines = server.write_conf().read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_conf_binds_loopback_on_configured_ports_with_auth(tmp_path: Path) -> None:
    conf = conf_of(LocalNeo4j(settings_in(tmp_path)))
    assert conf["server.bolt.listen_address"] == "127.0.0.1:17687"
    assert conf["server.http.listen_address"] == "127.0.0.1:17474"
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["dbms.security.auth_enabled"] == "true"


def test_conf_keeps_data_and_logs_in_the_project_folder(tmp_path: Path) -> None:
    conf = conf_of(LocalNeo4j(settings_in(tmp_path, neo4j_heap="768m", neo4j_pagecache="128m")))
    home = (tmp_path / "state" / "neo4j").resolve()
    assert Path(conf["server.directories.data"]) == home / "data"
    assert Path(conf["server.directories.logs"]) == home / "logs"
    assert conf["server.memory.heap.max_size"] == "768m"
    assert conf["server.memory.pagecache.size"] == "128m"
    assert "-XX:+UseG1GC" in conf["server.jvm.additional"]


def test_external_uri_means_nothing_is_managed(tmp_path: Path) -> None:
    settings = settings_in(tmp_path, neo4j_uri="bolt://db.example:7687")
    status = LocalNeo4j(settings).start()
    assert not status.managed
    assert "external" in status.describe()
    assert not (tmp_path / "state").exists()


def test_short_password_is_refused_before_java_runs(tmp_path: Path) -> None:
    server = LocalNeo4j(settings_in(tmp_path, neo4j_password=SecretStr("short")))
    server.write_conf()
    with pytest.raises(ConfigError, match="at least 8 characters"):
        server.set_initial_password()


def test_stale_pid_file_means_not_running(tmp_path: Path) -> None:
    server = LocalNeo4j(settings_in(tmp_path))
    server.write_conf()
    server.pid_file.write_text("999999999")
    assert server.pid() is None
    assert not server.status().running
    assert server.stop() is False
    assert not server.pid_file.exists()


def test_live_pid_is_reported(tmp_path: Path) -> None:
    server = LocalNeo4j(settings_in(tmp_path))
    server.write_conf()
    server.pid_file.write_text(str(os.getpid()))
    assert server.pid() == os.getpid()


def test_port_open_sees_a_listening_socket() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert port_open(port)
    assert not port_open(port)
