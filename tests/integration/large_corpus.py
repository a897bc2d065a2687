"""Slices of the real arXiv abstracts in `../shared/corpus-large`, read at run time (never copied in).

`KG_CORPUS_LARGE` names the folder when it is elsewhere; tests that need it are skipped without it.
"""

from __future__ import annotations

import gzip
import itertools
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LARGE_CORPUS = Path(os.environ.get("KG_CORPUS_LARGE", REPO.parent / "shared" / "corpus-large"))
ABSTRACTS = LARGE_CORPUS / "ml_abstracts.jsonl.gz"

needs_abstracts = pytest.mark.skipif(not ABSTRACTS.exists(), reason=f"corpus not found in {LARGE_CORPUS}")


def write_slice(path: Path, papers: int, *, skip: int = 0) -> Path:
    """`papers` records of the abstracts, after the first `skip`, as a JSON Lines file at `path`."""
    with gzip.open(ABSTRACTS, "rb") as source:
        path.write_bytes(b"".join(itertools.islice(source, skip, skip + papers)))
    return path
