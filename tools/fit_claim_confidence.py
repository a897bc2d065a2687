"""Fit the confidence of claim links on judged pairs, and measure the automatic bars.

usage: python tools/fit_claim_confidence.py EVAL_DIR [--corpus data/corpus] [--write]
           [--judged-links ITEMS LABELS SAMPLE ...]

EVAL_DIR holds `contradiction_judgments_dev.jsonl` (pairs judged after JUDGING.md),
`contradictions_dev.jsonl` and `agreements_dev.jsonl` (the development gold). The corpus is extracted
and its claims linked in memory (no Neo4j), exactly as `kg analyze` links them. The dev gold pairs are
split in two halves by a hash of their titles: the first half is fitted on with the judged pairs, the
second is only scored. Fitting rows are every judged pair (label 1 for direct/tension), every fitted
gold pair (label 1) and every agreement (label 0), linked by the system or not: `pair_features` gives
each the features a link between its two sentences would have (0 for the parts that do not match).
`--judged-links` adds links of a fresh sample judged independently: the items handed to the judge
(`tools/judge_sample.py items`), the judge's labels (same `pair` ids) and the sample the links came
from (its frames and paper similarities are recomputed).

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
from itertools import pairwise
from pathlib import Path
from typing import Any

from extractors.components.frames import FrameReader
from extractors.pipeline import load_extractor
from kg.analytics.claim_context import PaperContext, key_specificity, paper_context
from kg.analytics.confidence import MODEL_FILE, ConfidenceModel, fit
from kg.analytics.contradictions import ClaimLink, frame_key_and_stance, link_claims, pair_features
from kg.analytics.graphs import similarity_graph
from kg.analytics.pipeline import AnalysisParams, run_topics
from kg.analytics.topics import paper_vectors
from kg.ingest.dedup import first_occurrences
from kg.ingest.readers import read_papers
from kg.model import ClaimRecord, Corpus, Mention

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


def context_of(corpus: Corpus) -> PaperContext:
    """The paper context `kg analyze` gives the linker: the cosine of the papers' term vectors, the run's
    topics (default parameters) and the entities each paper mentions."""
    params = AnalysisParams()
    vectors = paper_vectors(corpus.papers, corpus.mentions)
    topics = run_topics(corpus, params, vectors, similarity_graph(vectors, k=params.neighbours))
    return paper_context(vectors.cosine(), topics.assignment(), corpus.mentions)


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


class PairFeatures:
    """The link features of any two claim sentences, linked or not: each sentence's frame as the corpus
    stored it, or read from the sentence alone when the corpus has no such claim."""

    def __init__(self, corpus: Corpus, sentences: Mapping[str, str], titles: Mapping[str, str], context: PaperContext):
        self.records = {(titles[c.paper_id], sentences[c.id]): c for c in corpus.claims}
        self.papers = {title: paper for paper, title in titles.items()}
        self.specificity = key_specificity(corpus.claims)
        self.context = context
        self.nlp = load_extractor().nlp
        reader = self.nlp.get_pipe("kg_claim_frames")
        assert isinstance(reader, FrameReader)
        self.reader = reader

    def of(self, row: Mapping[str, Any]) -> dict[str, float]:
        a, b = (self.record(row[f"{side}_title"], row[f"{side}_claim"]) for side in ("a", "b"))
        features = pair_features(a, b)
        if features.get("same_key") and (keyed := frame_key_and_stance(a)) is not None:
            features["key_specificity"] = self.specificity(keyed[0])
        return features | self.context.features(a.paper_id, b.paper_id)

    def record(self, title: str, sentence: str) -> ClaimRecord:
        key = (title_key(title), sentence_key(sentence))
        if key in self.records:
            return self.records[key]
        doc = self.nlp(sentence)
        frame = self.reader.read(doc[:], self.reader.entity_keys(doc))
        paper = self.papers.get(key[0], key[0])
        return claim_record(f"{paper}:{hashlib.sha1(key[1].encode()).hexdigest()[:8]}", paper, frame)


def judged_link_rows(items: Path, labels: Path, sample: Path) -> list[tuple[dict[str, float], int]]:
    """Fitting rows of independently judged links: the judge's label joined to its item by `pair`."""
    label_of = {row["pair"]: row["label"] for row in rows(labels)}
    corpus, sentences, titles = build_corpus(sample)
    pairs = PairFeatures(corpus, sentences, titles, context_of(corpus))
    judged = [row for row in rows(items) if row["pair"] in label_of]
    return [(pairs.of(row), int(label_of[row["pair"]] in ("direct", "tension"))) for row in judged]


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
    parser.add_argument("--judged-links", nargs=3, action="append", type=Path, default=[])
    args = parser.parse_args(argv)
    judged = rows(args.eval_dir / "contradiction_judgments_dev.jsonl")
    fit_gold, scored_gold = gold_halves(rows(args.eval_dir / "contradictions_dev.jsonl"))
    agreements = rows(args.eval_dir / "agreements_dev.jsonl")
    corpus, sentences, titles = build_corpus(args.corpus)
    context = context_of(corpus)
    links = Links(link_claims(corpus.claims, papers=context), sentences, titles)
    comparable = sum(1 for c in corpus.claims if frame_key_and_stance(c) is not None)
    print(f"claims {len(corpus.claims)}, with a factor {sum(1 for c in corpus.claims if c.factor)}, "
          f"with a comparable frame {comparable}, contradiction links {len(links.links)}")  # fmt: skip
    pairs = PairFeatures(corpus, sentences, titles, context)
    training = [(pairs.of(row), int(row["label"] in ("direct", "tension"))) for row in judged]
    training += [(pairs.of(row), 1) for row in fit_gold] + [(pairs.of(row), 0) for row in agreements]
    for items, labels, sample in args.judged_links:
        training += judged_link_rows(items, labels, sample)
    linkable = sum(1 for features, _ in training if features.get("same_key") and features.get("same_class"))
    print(f"fitting rows {len(training)} ({sum(label for _, label in training)} accepted): {len(judged)} judged "
          f"pairs, {len(fit_gold)} fitted gold pairs, {len(agreements)} agreements; "
          f"{linkable} with the same frame key and outcome class")  # fmt: skip
    bias, weights = fit([features for features, _ in training], [label for _, label in training])
    model = ConfidenceModel(bias, weights, TARGET_PRECISION)
    fitted = [(model(features), label) for features, label in training]
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
