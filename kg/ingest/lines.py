"""Reading one input file as a stream of numbered lines, with every way a file can be bad made explicit.

A file is never loaded whole: it is read in binary, one line at a time, each line capped at
`MAX_LINE_BYTES` (the rest of an overlong line is skipped in chunks, never held in memory) and
decoded as UTF-8 on its own, so one bad line spoils one record, not the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_LINE_BYTES = 1_000_000
SNIFF_BYTES = 8192
_SKIP_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a file: its 1-based number and its text, or why it could not be read."""

    number: int
    text: str = ""
    problem: str | None = None  # set when the line is unusable (overlong, invalid UTF-8)
    excerpt: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


class FileUnreadable(Exception):
    """The file as a whole cannot be used: missing, no permission, binary, empty."""


def open_checked(path: Path) -> BinaryIO:
    """Open `path` for reading, or raise `FileUnreadable` with a one-line reason."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise FileUnreadable("cannot read: no such file") from None
    except PermissionError:
        raise FileUnreadable("cannot read: permission denied") from None
    except IsADirectoryError:
        raise FileUnreadable("cannot read: is a directory") from None
    except OSError as exc:
        raise FileUnreadable(f"cannot read: {exc.strerror or exc}") from None
    return handle


def check_content(handle: BinaryIO) -> None:
    """Reject binary and empty files by their first bytes, then rewind."""
    try:
        head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise FileUnreadable(f"cannot read: {exc.strerror or exc}") from None
    if not head.strip():
        raise FileUnreadable("empty file")
    if b"\x00" in head:
        raise FileUnreadable("binary file (contains NUL bytes), not text")
    handle.seek(0)


def read_lines(handle: BinaryIO, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """Yield every line of `handle` (without its line ending), bad ones flagged rather than raised."""
    number = 0
    while True:
        raw = handle.readline(max_line_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            skipped = _skip_rest_of_line(handle)
            size = len(raw) + skipped
            yield Line(number, problem=f"line too long ({size:,} bytes, limit {max_line_bytes:,})", excerpt=_peek(raw))
            continue
        yield _decode(number, raw.rstrip(b"\r\n"))


def _skip_rest_of_line(handle: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = handle.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _decode(number: int, raw: bytes) -> Line:
    try:
        return Line(number, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Line(number, problem=f"invalid UTF-8 at byte {exc.start + 1}", excerpt=_peek(raw))


def _peek(raw: bytes, size: int = 80) -> str:
    return raw[:size].decode("utf-8", errors="replace")
