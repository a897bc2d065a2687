"""Fit the confidence of claim links on judged pairs, and measure the automatic bars.

usage: python tools/fit_claim_confidence.py EVAL_DIR [--corpus data/corpus] [--write]

EVAL_DIR holds `contradiction_judgments_dev.jsonl` (pairs judged after JUDGING.md),
`contradictions_dev.jsonl` and `agreements_dev.jsonl` (the development gold). The corpus is extracted
and its claims linked in memory (no Neo4j), exactly as `kg analyze` links them. The dev gold pairs are
split in two halves by a hash of their titles: the first half is fitted on with the judged pairs, the
second is only scored. Fitting rows are the links the system makes that match a judged pair (same
papers, same two sentences; label = direct/tension) or a fitted gold pair (same papers; label 1).

Prints the fitted weights, the reliability table (confidence bin -> judged precision, with counts, on
the fitting rows and on the scored half) and the bars at the default threshold; `--write` stores the
weights and the default threshold in `kg/analytics/claim_confidence.json`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping
from itertools import pairwise, repeat
from operator import mul
from pathlib import Path
from typing import Any

from extractors.pipeline import load_extractor
from kg.analytics.confidence import MODEL_FILE, ConfidenceModel, fit, load_model
from kg.analytics.contradictions import ClaimLink, link_claims
from kg.analytics.records import ClaimRecord, Corpus, Mention
from kg.analytics.topics import paper_vectors
from kg.ingest.dedup import first_occurrences
from kg.ingest.readers import read_papers
from kg.model import Paper

BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
TARGET_PRECISION = 0.8


def title_key(title: str) -> str:
    return re.sub(r"\W+", " ", (title or "").lower()).strip()


def sentence_key(text: str) -> str:
    return " ".join(text.split())


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_corpus(corpus_dir: Path) -> tuple[Corpus, dict[str, str], dict[str, str]]:
    """The corpus as analytics reads it, with each claim's sentence and each paper's title on the side."""
    papers = list(first_occurrences(read_papers([corpus_dir])))
    extractor = load_extractor()
    corpus, sentences = Corpus(papers=papers), {}
    for paper, extraction in zip(papers, extractor.extract_many(papers), strict=True):
        for e in extraction.entities:
            corpus.mentions.append(Mention(paper.id, f"{e.label}:{e.canonical}", str(e.label), e.text))
        for index, claim in enumerate(extraction.claims):
            record = claim_record(f"{paper.id}:{index}", paper.id, claim)
            corpus.claims.append(record)
            sentences[record.id] = sentence_key(claim.text)
    return corpus, sentences, {paper.id: title_key(paper.title) for paper in papers}


def claim_record(claim_id: str, paper_id: str, claim: Any) -> ClaimRecord:
    return ClaimRecord(
        claim_id, paper_id, claim.factor, claim.comparator,
        str(claim.direction) if claim.direction else None, claim.outcome, claim.outcome_class,
        str(claim.polarity) if claim.polarity else None, claim.negated, claim.hedged,
        str(claim.role) if claim.role else None, tuple(claim.condition_kinds), tuple(claim.condition_values),
    )  # fmt: skip


def similarity_of(papers: list[Paper], mentions: list[Mention]) -> Any:
    vectors = dict(zip([p.id for p in papers], paper_vectors(papers, mentions), strict=True))

    def similarity(first: str, second: str) -> float:
        a, b = vectors.get(first, {}), vectors.get(second, {})
        return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))

    return similarity


def gold_halves(gold: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    def digest(row: dict[str, Any]) -> str:
        pair = "|".join(sorted((title_key(row["a_title"]), title_key(row["b_title"]))))
        return hashlib.sha1(pair.encode()).hexdigest()

    ordered = sorted(gold, key=digest)
    half = (len(ordered) + 1) // 2
    return ordered[:half], ordered[half:]


class Links:
    """The system's contradiction links, looked up by paper pair or by paper pair and sentences."""

    def __init__(self, links: list[ClaimLink], sentences: Mapping[str, str], titles: Mapping[str, str]) -> None:
        self.links = [link for link in links if link.relation == "CONTRADICTS"]
        self.by_pair: dict[frozenset[str], ClaimLink] = {}
        self.by_sentences: dict[frozenset[tuple[str, str]], ClaimLink] = {}
        for link in self.links:
            a = (titles[link.source.paper_id], sentences[link.source.id])
            b = (titles[link.target.paper_id], sentences[link.target.id])
            self.by_sentences[frozenset((a, b))] = link
            self.by_pair.setdefault(frozenset((a[0], b[0])), link)

    def of_judged(self, row: dict[str, Any]) -> ClaimLink | None:
        a = (title_key(row["a_title"]), sentence_key(row["a_claim"]))
        b = (title_key(row["b_title"]), sentence_key(row["b_claim"]))
        return self.by_sentences.get(frozenset((a, b)))

    def of_papers(self, row: dict[str, Any]) -> ClaimLink | None:
        return self.by_pair.get(frozenset((title_key(row["a_title"]), title_key(row["b_title"]))))


def reliability(scored: Iterable[tuple[float, int]]) -> list[dict[str, Any]]:
    table = []
    pairs = list(scored)
    for low, high in pairwise(BINS):
        inside = [label for confidence, label in pairs if low <= confidence < high]
        if inside:
            table.append(
                {"bin": f"{low:.1f}-{min(high, 1.0):.1f}", "n": len(inside), "precision": sum(inside) / len(inside)}
            )
    return table


def default_threshold(scored: list[tuple[float, int]]) -> float:
    """The lowest confidence at and above which the judged rows reach the target precision."""
    for step in range(5, 100, 5):
        t = step / 100
        above = [label for confidence, label in scored if confidence >= t]
        if above and sum(above) / len(above) >= TARGET_PRECISION:
            return t
    return TARGET_PRECISION


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("data/corpus"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    judged = rows(args.eval_dir / "contradiction_judgments_dev.jsonl")
    fit_gold, scored_gold = gold_halves(rows(args.eval_dir / "contradictions_dev.jsonl"))
    agreements = rows(args.eval_dir / "agreements_dev.jsonl")
    corpus, sentences, titles = build_corpus(args.corpus)
    similarity = similarity_of(corpus.papers, corpus.mentions)
    links = Links(link_claims(corpus.claims, similarity=similarity), sentences, titles)
    print(f"claims {len(corpus.claims)}, with a frame key {sum(1 for c in corpus.claims if c.factor)}, "
          f"contradiction links {len(links.links)}")  # fmt: skip
    training: list[tuple[ClaimLink, int]] = []
    for row in judged:
        if (link := links.of_judged(row)) is not None:
            training.append((link, int(row["label"] in ("direct", "tension"))))
    for row in fit_gold:
        if (link := links.of_papers(row)) is not None:
            training.append((link, 1))
    print(f"fitting rows {len(training)} ({sum(label for _, label in training)} accepted) "
          f"of {len(judged)} judged pairs and {len(fit_gold)} fitted gold pairs")  # fmt: skip
    model = load_model()
    if training:
        bias, weights = fit([link.features for link, _ in training], [label for _, label in training])
        model = ConfidenceModel(bias, weights, TARGET_PRECISION)
    fitted = [(model(link.features), label) for link, label in training]
    threshold = default_threshold(fitted)
    report = figures(links, model, threshold, judged, scored_gold, agreements)
    report |= {"bias": model.bias, "weights": dict(model.weights), "default_min_confidence": threshold}
    report["reliability_fitting_rows"] = reliability(fitted)
    print(json.dumps(report, indent=1))
    if args.write:
        keep = {k: report[k] for k in ("bias", "weights", "default_min_confidence", "reliability_fitting_rows")}
        MODEL_FILE.write_text(json.dumps(keep, indent=1) + "\n", encoding="utf-8")
    return 0


def figures(
    links: Links,
    model: ConfidenceModel,
    threshold: float,
    judged: list[dict[str, Any]],
    scored_gold: list[dict[str, Any]],
    agreements: list[dict[str, Any]],
) -> dict[str, Any]:
    """The bars at `threshold`: scored-half recall, agreements flagged, judged-wrong pairs still reported."""

    def reported(link: ClaimLink | None) -> bool:
        return link is not None and model(link.features) >= threshold

    wrong = [row for row in judged if row["label"] in ("agree", "unrelated")]
    scored = [(model(link.features), 1) for row in scored_gold if (link := links.of_papers(row)) is not None]
    return {
        "links_at_default": sum(1 for link in links.links if model(link.features) >= threshold),
        "links_all": len(links.links),
        "scored_half_recall": sum(reported(links.of_papers(r)) for r in scored_gold) / max(1, len(scored_gold)),
        "scored_half_linked_at_any_confidence": len(scored),
        "scored_half_pairs": len(scored_gold),
        "agreements_flagged": sum(reported(links.of_papers(r)) for r in agreements) / max(1, len(agreements)),
        "judged_wrong_still_reported": sum(reported(links.of_judged(r)) for r in wrong),
        "judged_wrong_pairs": len(wrong),
        "reliability_scored_half": reliability(scored),
    }


if __name__ == "__main__":
    sys.exit(main())
