"""Gzip input: a `.jsonl.gz` file is read as a stream, in the format of its inner suffix; bad gzip is a `Reject`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from kg.ingest import read_papers
from kg.model import Paper, Reject

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"
PAIRS = (DATA / "pairs.txt").read_text().splitlines()
ROWS = [{"title": PAIRS[4], "abstract": PAIRS[5], "id": "a"}, {"title": PAIRS[6], "abstract": PAIRS[7], "id": "b"}]
BODY = "".join(json.dumps(row) + "\n" for row in ROWS).encode()


def test_a_jsonl_gz_file_reads_like_the_plain_file(tmp_path: Path) -> None:
    plain, packed = tmp_path / "papers.jsonl", tmp_path / "papers.jsonl.gz"
    plain.write_bytes(BODY)
    packed.write_bytes(gzip.compress(BODY))
    read = [(p.id, p.title, p.abstract) for p in read_papers([packed]) if isinstance(p, Paper)]
    assert read == [(p.id, p.title, p.abstract) for p in read_papers([plain]) if isinstance(p, Paper)]
    assert [item.occurrences[0].source for item in read_papers([packed]) if isinstance(item, Paper)] == [
        "papers.jsonl.gz"
    ] * 2


def test_a_folder_holds_its_jsonl_gz_files(tmp_path: Path) -> None:
    (tmp_path / "papers.jsonl.gz").write_bytes(gzip.compress(BODY))
    assert [p.id for p in read_papers([tmp_path]) if isinstance(p, Paper)] == ["a", "b"]


def test_a_truncated_gz_keeps_the_records_before_the_cut_and_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl.gz"
    packed = gzip.compress(BODY * 50, compresslevel=0)  # stored: half the file is half the records
    path.write_bytes(packed[: len(packed) // 2])
    items = list(read_papers([path]))
    rejects = [item for item in items if isinstance(item, Reject)]
    assert any(isinstance(item, Paper) for item in items)
    assert len(rejects) == 1 and "truncated" in rejects[0].reason and str(path) in rejects[0].reason


def test_a_gz_name_on_plain_bytes_is_rejected_with_why(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl.gz"
    path.write_bytes(BODY)
    (reject,) = list(read_papers([path]))
    assert isinstance(reject, Reject) and "not gzip data" in reject.reason
