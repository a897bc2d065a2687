"""The shipped corpus (data/corpus): every record read, duplicates across pages recognised."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kg.ingest import first_occurrences, read_papers
from kg.model import Paper, Reject

DISTINCT_PAPERS = 614
REPEATS = 80


def test_corpus_reads_without_rejects_and_has_614_distinct_papers(corpus_dir: Path) -> None:
    items = list(read_papers([corpus_dir]))
    assert [item for item in items if isinstance(item, Reject)] == []
    papers = [item for item in items if isinstance(item, Paper)]
    ids = Counter(paper.id for paper in papers)
    assert len(ids) == DISTINCT_PAPERS
    assert sum(ids.values()) - len(ids) == REPEATS
    assert all(len(paper.occurrences) == 1 for paper in papers)


def test_repeats_share_id_and_text_but_not_provenance(corpus_dir: Path) -> None:
    by_id: dict[str, list[Paper]] = {}
    for item in read_papers([corpus_dir]):
        if isinstance(item, Paper):
            by_id.setdefault(item.id, []).append(item)
    repeated = [group for group in by_id.values() if len(group) > 1]
    assert repeated
    for group in repeated:
        assert len({(p.title, p.abstract) for p in group}) == 1
        assert len({p.occurrences[0] for p in group}) == len(group)


def test_first_occurrences_yields_each_paper_once_in_input_order(corpus_dir: Path) -> None:
    firsts = list(first_occurrences(read_papers([corpus_dir])))
    assert len(firsts) == DISTINCT_PAPERS == len({p.id for p in firsts})
    sources = [p.occurrences[0].source for p in firsts]
    assert sources == sorted(sources)


def test_directory_files_come_in_sorted_order(corpus_dir: Path) -> None:
    seen: list[str] = []
    for item in read_papers([corpus_dir]):
        if isinstance(item, Paper) and item.occurrences[0].source not in seen:
            seen.append(item.occurrences[0].source)
    assert seen == sorted(p.name for p in corpus_dir.glob("*.txt"))
