"""`ParallelExtractor`: extraction over worker processes gives the in-process extractions, in order."""

from __future__ import annotations

from pathlib import Path

from extractors.parallel import ParallelExtractor
from extractors.pipeline import Extractor
from kg.ingest import first_occurrences, read_papers

CORPUS = Path(__file__).resolve().parents[3] / "data" / "corpus"


def test_two_workers_give_the_same_extractions_in_the_same_order(extractor: Extractor) -> None:
    papers = list(first_occurrences(read_papers(sorted(CORPUS.glob("*.txt"))[:1])))[:24]
    with ParallelExtractor(2) as pool:
        assert pool.version == extractor.version
        assert list(pool.extract_many(papers)) == list(extractor.extract_many(papers))
