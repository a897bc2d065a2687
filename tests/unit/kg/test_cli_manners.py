"""What a new user meets at the command line: help, version, exit codes, plain output in pipes, start-up."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import __version__
from kg.cli.common import plural
from kg.cli.main import app
from kg.errors import ConfigError
from kg.settings import ENV_FILES, Settings
from kg.store.db import open_driver

REPO = Path(__file__).resolve().parents[3]
KG = [sys.executable, "-c", "from kg.cli.main import main; main()"]
COMMANDS = [
    "ingest",
    "bulk-import",
    "stats",
    "extract",
    "analyze",
    "export",
    "serve",
    "report",
    "scheduler",
    "guide",
    "neo4j",
    "neo4j start",
]
PAGE = REPO / "tests" / "data" / "ingest" / "pairs.txt"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def kg(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "KG_NEO4J_URI": f"bolt://127.0.0.1:{closed_port()}", "KG_NEO4J_PASSWORD": "x", **env}
    return subprocess.run(
        [*KG, *args], env=environment, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_short_help_and_version() -> None:
    assert kg("-h").stdout.startswith("Usage: kg")
    done = kg("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"kg {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_type_hints_of_flags(command: str) -> None:
    result = CliRunner().invoke(app, [*command.split(), "-h"])
    assert result.exit_code == 0 and "Usage: kg " + command in result.stdout
    assert "<bool>" not in result.stdout and "╭" not in result.stdout
    assert not re.search(r"<(?:list\[|int|str|float|path|bool)", result.stdout)  # no Python types anywhere
    assert "{" not in result.stdout.splitlines()[0]  # usage names arguments plainly: PATH..., not {PATH}...


@pytest.mark.parametrize("argv", [["--help"], ["neo4j", "status"], ["stats"]])
def test_light_commands_import_neither_spacy_nor_networkx_nor_strawberry(argv: list[str]) -> None:
    probe = (
        "import atexit, json, sys; "
        "atexit.register(lambda: print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)); "
        f"sys.argv = ['kg', *{argv!r}]; from kg.cli.main import main; main()"
    )
    environment = {**os.environ, "KG_NEO4J_URI": f"bolt://127.0.0.1:{closed_port()}", "KG_NEO4J_PASSWORD": "x"}
    done = subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True, check=False)
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "typer" in loaded and not loaded & {"spacy", "networkx", "strawberry"}


def test_plural() -> None:
    assert [plural(n, "source") for n in (0, 1, 2)] == ["0 sources", "1 source", "2 sources"]
    assert plural(1200, "distinct paper") == "1,200 distinct papers"


def test_extract_to_standard_output_in_a_pipe_prints_plain_lines(tmp_path: Path) -> None:
    done = kg("extract", str(PAGE), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records and all(record["id"] and "entities" in record for record in records)
    assert not (tmp_path / "-").exists()
    assert done.stderr.splitlines() == [f"wrote {plural(len(records), 'paper')} to standard output"]  # no debris
    assert kg("--quiet", "extract", str(PAGE), "-o", "-", cwd=tmp_path).stderr == ""


def test_a_long_reject_line_is_not_wrapped_in_a_pipe(tmp_path: Path) -> None:
    deep = tmp_path / ("a-folder-with-a-long-name-" * 4)
    deep.mkdir()
    (deep / "in.jsonl").write_text("{not json\n", encoding="utf-8")
    done = kg("extract", str(deep / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"))
    assert done.returncode == 1
    assert f"rejected: {deep / 'in.jsonl'}, line 1: not JSON" in done.stderr.splitlines()[0]
    assert done.stderr.splitlines()[-1] == "2 records rejected"  # the bad line, and the file with no paper


def test_a_bad_cron_option_blames_the_option_with_exit_2(tmp_path: Path) -> None:
    done = kg("scheduler", "--once", "--cron", "every day", KG_REPORTS_DIR=str(tmp_path))
    assert done.returncode == 2 and "'--cron'" in done.stderr and "Traceback" not in done.stderr


def test_serve_on_a_busy_port_says_so_before_announcing_with_exit_5() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        done = kg("serve", "--port", str(busy.getsockname()[1]))
    assert done.returncode == 5
    assert "GraphQL API on" not in done.stdout and "port is in use" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_serve_with_neo4j_down_warns_in_one_line_and_serves() -> None:
    port = closed_port()
    environment = {**os.environ, "KG_NEO4J_URI": f"bolt://127.0.0.1:{closed_port()}", "KG_NEO4J_PASSWORD": "x"}
    server = subprocess.Popen(
        [*KG, "serve", "--port", str(port)], env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None and server.stderr is not None
        announced = server.stdout.readline()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _answers(port):
            time.sleep(0.2)
        assert _answers(port)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert announced.startswith(f"GraphQL API on http://127.0.0.1:{port}/graphql")
    (warning,) = [line for line in errors.splitlines() if line.startswith("warning:")]
    assert "unavailable" in warning and "/readyz" in warning


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_env_is_read_from_the_project_folder_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert ENV_FILES[0] == REPO / ".env"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_NEO4J_PASSWORD", raising=False)
    project_env = REPO / ".env"
    if not project_env.exists() or "KG_NEO4J_PASSWORD=" not in project_env.read_text():
        pytest.skip("no .env with a password in the project folder (make demo writes one)")
    assert Settings().neo4j_password is not None


def test_a_missing_password_says_where_env_was_looked_for(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as raised:
        open_driver(Settings(neo4j_password=None))
    assert f"looked in {tmp_path / '.env'} and {REPO / '.env'}" in str(raised.value)
