"""`read_papers`: every input path, expanded and dispatched to the reader for its format, as one stream.

A `.gz` file is decompressed as a stream (never whole); its format is that of the name without `.gz`.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from kg.ingest.jsonl import read_jsonl
from kg.ingest.lines import FileUnreadable, check_content, open_checked, read_lines
from kg.ingest.pages import read_page
from kg.model import Paper, Reject

PAGE_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
INPUT_GLOBS = ("*.txt", "*.jsonl", "*.jsonl.gz")
GZIP_MAGIC = b"\x1f\x8b"


def read_papers(paths: Iterable[Path]) -> Iterator[Paper | Reject]:
    """Stream the papers of every file in `paths`, and a `Reject` for every record or file that is unusable.

    Directories expand to their `*.txt` (listing pages) and `*.jsonl` files, in sorted order. Files
    are read line by line, never whole. Each paper is yielded once per occurrence, with that one
    `Occurrence`: a paper listed on three pages comes three times with the same id (see
    `kg.ingest.dedup.first_occurrences`). Nothing raises for bad input; it becomes a `Reject`.
    """
    for path in paths:
        for file in expand(Path(path)):
            if isinstance(file, Reject):
                yield file
            else:
                yield from read_file(file)


def expand(path: Path) -> Iterator[Path | Reject]:
    """A file stays itself; a directory becomes its input files, sorted; a missing path a `Reject`."""
    if not path.is_dir():
        yield path
        return
    try:
        files = sorted({file for pattern in INPUT_GLOBS for file in path.glob(pattern) if file.is_file()})
    except OSError as exc:
        yield Reject(str(path), None, f"{path}: cannot list directory: {exc.strerror or exc}")
        return
    if not files:
        yield Reject(str(path), None, f"{path}: directory holds no .txt or .jsonl files")
    yield from files


def read_file(path: Path) -> Iterator[Paper | Reject]:
    """One file, in the format its suffix (or, failing that, its first character) says."""
    source = path.name
    try:
        handle = open_input(path)
    except FileUnreadable as exc:
        yield Reject(str(path), None, f"{path}: {exc}")
        return
    with handle:
        try:
            check_content(handle)
            is_jsonl = _is_jsonl(path, handle.read(64))
            handle.seek(0)
            reader = read_jsonl if is_jsonl else read_page
            for item in reader(source, read_lines(handle)):
                yield _named_by_path(item, source, path) if isinstance(item, Reject) else item
        except FileUnreadable as exc:
            yield Reject(str(path), None, f"{path}: {exc}")
        except (OSError, EOFError, zlib.error) as exc:
            yield Reject(str(path), None, f"{path}: read failed: {_reason(exc)}")


def open_input(path: Path) -> BinaryIO:
    """The file's bytes, decompressed on the fly when it is gzip (by suffix or by its first two bytes)."""
    handle = open_checked(path)
    try:
        magic = handle.read(2)
        handle.seek(0)
    except OSError as exc:
        handle.close()
        raise FileUnreadable(f"cannot read: {exc.strerror or exc}") from None
    if magic != GZIP_MAGIC:
        if path.suffix.lower() == ".gz":
            handle.close()
            raise FileUnreadable("not gzip data although the name ends in .gz")
        return handle
    handle.close()
    return gzip.open(path, "rb")  # type: ignore[return-value]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "compressed data ends early (truncated .gz)"
    return str(getattr(exc, "strerror", None) or exc)


def _named_by_path(reject: Reject, source: str, path: Path) -> Reject:
    """A reader's reject names the file as the user gave it (`data/x.txt`), like every other reject.

    Readers know the file by its name only (the provenance papers keep); the path says where it is.
    """
    reason = str(path) + reject.reason.removeprefix(source) if reject.reason.startswith(source) else reject.reason
    return Reject(str(path), reject.line, reason, reject.excerpt)


def _is_jsonl(path: Path, head: bytes) -> bool:
    suffix = (path.with_suffix("") if path.suffix.lower() == ".gz" else path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return True
    if suffix in PAGE_SUFFIXES:
        return False
    return head.lstrip().startswith(b"{")
