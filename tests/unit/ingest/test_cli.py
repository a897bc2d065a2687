"""`kg ingest` argument handling that needs no server: unusable arguments exit 2 with one clear line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.cli.main import main


def exit_status(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["kg", *args])
    monkeypatch.setenv("KG_NEO4J_URI", "bolt://127.0.0.1:9")  # never reached: arguments are checked first
    monkeypatch.setenv("KG_NEO4J_PASSWORD", "unused")
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ingest",), "Missing argument"),
        (("ingest", "--batch-size", "0", "data"), "--batch-size"),
        (("ingest", "no/such/folder", "nor/this.txt"), "no such file or folder: no/such/folder, nor/this.txt"),
    ],
)
def test_unusable_arguments_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    assert exit_status(monkeypatch, *args) == 2
    err = capsys.readouterr().err
    assert message in " ".join(err.split()) and "Traceback" not in err


def test_help_names_the_exit_statuses(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["kg", "ingest", "--help"])
    monkeypatch.setenv("COLUMNS", "200")
    main()
    out = " ".join(capsys.readouterr().out.split())
    assert "--no-extract" in out and "--rejects" in out and "Neo4j unavailable" in out


def test_a_missing_path_among_good_ones_is_not_an_argument_error(tmp_path: Path) -> None:
    from kg.cli.ingest import check_paths

    check_paths([tmp_path / "missing.txt", tmp_path])  # does not raise: the missing one becomes a reject
