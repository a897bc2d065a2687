"""Hostile input (issue #7 point 2): whatever bytes a file holds, every reader yields papers or rejects, never raises.

Each reader gets arbitrary bytes and, to get past the first checks, real corpus lines shuffled,
truncated and mixed with noise (pairs and daily listing pages), and arbitrary JSON (JSON Lines).
Every item must be a `Paper` with a title, an abstract and an occurrence in the file, or a `Reject`
whose reason names the file. `CI=1` makes the runs deterministic (derandomized); no example database is kept either way.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import read_papers
from kg.model import Paper, Reject

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"
PAIRS_LINES = (DATA / "pairs.txt").read_bytes().splitlines()[:40]
DAILY_LINES = (DATA / "daily.txt").read_bytes().splitlines()[:80]
EXAMPLES = 300

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NOISE_LINES = st.one_of(
    st.binary(max_size=120),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", errors="surrogatepass")),
    st.sampled_from([b"", b" ", b"\xc2\xb7", "  • 7 authors".encode(), b"Nov 20, 2025 12", b"Mar 3", b"Subscribe",
                     b"Daily Papers", b"\x00", b"\xff\xfe", b"x" * 250 + b"."]),
)  # fmt: skip
SEPARATORS = st.sampled_from([b"\n", b"\r\n", b"\r", b"\n\n"])


def page_bytes(real_lines: list[bytes]) -> st.SearchStrategy[bytes]:
    """Real listing-page lines, kept in order or shuffled, with noise lines in between, joined any way."""
    line = st.one_of(st.sampled_from(real_lines), NOISE_LINES)
    ordered = st.integers(0, len(real_lines)).map(lambda n: real_lines[:n])
    lines = st.one_of(st.lists(line, max_size=60), ordered.flatmap(lambda head: _sprinkled(head, line)))
    return st.tuples(lines, SEPARATORS).map(lambda pair: pair[1].join(pair[0]))


def _sprinkled(head: list[bytes], line: st.SearchStrategy[bytes]) -> st.SearchStrategy[list[bytes]]:
    return st.lists(st.tuples(st.integers(0, max(len(head), 1)), line), max_size=6).map(
        lambda inserts: _insert_all(head, inserts)
    )


def _insert_all(head: list[bytes], inserts: list[tuple[int, bytes]]) -> list[bytes]:
    lines = list(head)
    for index, extra in inserts:
        lines.insert(min(index, len(lines)), extra)
    return lines


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
FIELD_VALUES = st.one_of(JSON_VALUES, st.text(max_size=300), st.lists(st.text(max_size=20), max_size=3))
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        key: FIELD_VALUES for key in ("title", "abstract", "id", "date", "authors", "doi", "arxiv_id", "references")
    },
)


def jsonl_bytes() -> st.SearchStrategy[bytes]:
    record_line = st.one_of(RECORDS, JSON_VALUES).map(lambda value: json.dumps(value).encode())
    line = st.one_of(record_line, NOISE_LINES)
    return st.tuples(st.lists(line, max_size=20), SEPARATORS).map(lambda pair: pair[1].join(pair[0]))


@contextmanager
def written(content: bytes, name: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        yield path


def assert_papers_or_rejects(content: bytes, name: str) -> None:
    """Reading `content` as file `name` gives only well-formed papers and rejects that say which file."""
    with written(content, name) as path:
        items = list(read_papers([path]))
    assert items, "a file always yields something: papers, or a reject saying why not"
    for item in items:
        if isinstance(item, Reject):
            assert item.reason.strip() and name in item.reason, item
        else:
            assert isinstance(item, Paper), item
            assert item.id and item.title.strip() and item.abstract.strip(), item
            assert [occurrence.source for occurrence in item.occurrences] == [name]


@FUZZ
@given(st.binary(max_size=4000))
def test_any_bytes_as_a_listing_page(content: bytes) -> None:
    assert_papers_or_rejects(content, "page.txt")


@FUZZ
@given(page_bytes(PAIRS_LINES))
def test_mangled_pairs_layout_pages(content: bytes) -> None:
    assert_papers_or_rejects(content, "pairs.txt")


@FUZZ
@given(page_bytes(DAILY_LINES))
def test_mangled_daily_layout_pages(content: bytes) -> None:
    assert_papers_or_rejects(content, "daily.txt")


@FUZZ
@given(st.binary(max_size=4000))
def test_any_bytes_as_json_lines(content: bytes) -> None:
    assert_papers_or_rejects(content, "papers.jsonl")


@FUZZ
@given(jsonl_bytes())
def test_arbitrary_json_records(content: bytes) -> None:
    assert_papers_or_rejects(content, "papers.jsonl")


@FUZZ
@given(st.one_of(st.binary(max_size=2000), jsonl_bytes(), page_bytes(PAIRS_LINES)))
def test_format_sniffed_from_content(content: bytes) -> None:
    """A file with no known suffix is read as JSON Lines or as a page by its first character."""
    assert_papers_or_rejects(content, "papers.data")
