"""Reading the data files that ship beside the components: lexicons (TSV) and patterns (JSON Lines).

Every fact lives in exactly one data file; the components read them in `initialize` or at
construction through these helpers, so rules change by editing data, not code.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
LEXICON_DIR = PACKAGE_DIR / "lexicons"
PATTERN_DIR = PACKAGE_DIR / "patterns"
MODELS_DIR = PACKAGE_DIR / "models"  # learned weights (the typer's)


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a lexicon file: tab-separated, `#` comments and blank lines skipped."""
    return list(_read_tsv_cached(name))


@cache
def _read_tsv_cached(name: str) -> tuple[list[str], ...]:
    rows: list[list[str]] = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return tuple(rows)


def read_words(name: str) -> frozenset[str]:
    """The first column of a lexicon, as a set."""
    return frozenset(row[0] for row in read_tsv(name))


def read_mapping(name: str, column: int = 1) -> dict[str, str]:
    """First column -> another column of a lexicon."""
    return {row[0]: row[column] for row in read_tsv(name) if len(row) > column}


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """Records of a pattern file."""
    path = PATTERN_DIR / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def data_fingerprint() -> str:
    """A short hash over every data file (word lists, patterns, learned weights), so the extractor
    version changes when the rules or the typer do."""
    digest = hashlib.sha1()
    for path in sorted([*LEXICON_DIR.glob("*.tsv"), *PATTERN_DIR.glob("*.jsonl"), *MODELS_DIR.glob("*.npz")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]
