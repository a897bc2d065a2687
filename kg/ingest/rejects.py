"""The rejects file: one JSON object per rejected record, `{source, line, reason, excerpt}`."""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import TextIO

from kg.errors import InputError
from kg.model import Reject


class RejectsFile:
    """Written from scratch by every ingest (so it always describes the last run; empty when nothing was rejected).

    Without a path, rejects are only counted.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.count = 0
        self._handle: TextIO | None = None

    def __enter__(self) -> RejectsFile:
        if self.path is None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("w", encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write the rejects file {self.path}: {exc.strerror or exc}") from None
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def write(self, reject: Reject) -> None:
        self.count += 1
        if self._handle is None:
            assert self.path is None, "RejectsFile used outside its with-block"
            return
        record = {"source": reject.source, "line": reject.line, "reason": reject.reason, "excerpt": reject.excerpt}
        self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_rejects(path: Path) -> list[Reject]:
    """The rejects of a rejects file, for tests and reports."""
    with path.open(encoding="utf-8") as handle:
        return [Reject(**json.loads(line)) for line in handle if line.strip()]
