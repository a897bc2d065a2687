"""Trains the context typer (`extractors/components/typer.py`) and writes `extractors/models/typer.npz`.

    python tools/train_typer.py --corpus ../shared/corpus-large/ml_abstracts.jsonl.gz \
        --gold ../shared/eval/dev.jsonl --dev-corpus data/corpus --sample 20000

1. Silver labels: the rule pipeline (without the typer) over a random sample of the corpus. Every
   entity the rules typed from evidence (a lexicon entry, a context such as "X dataset", a shape such
   as "-7B", a head word) is a training example; the names they could not type are not.
2. Gold labels: the development papers' entities, found in their text (weighted `--gold-weight`).
3. A multinomial logistic regression (L2, L-BFGS) over the hashed features of `typer.span_features`
   and, with `--parse-features`, `typer.parse_features` (the span's place in the dependency parse).
4. The name prior: for every canonical name seen in at least `--min-abstracts` sampled abstracts,
   per label, the number of abstracts whose rules typed it so, plus, for each abstract where the rules
   could not, the geometric mean of the context model's probabilities over its mentions there
   (unnormalised, so an abstract read only by the context model weighs less than a typed one).

The corpus is read where it lies and never copied; only the weights and the prior are written.
With `--cache FILE` (outside the repository) the examples of step 1 are saved every
`--checkpoint-every` abstracts, a rerun resumes where the file ends, and `--from-cache` trains on
what the file holds without reading more: the rule pass is most of the time, training a few minutes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import optimize, sparse
from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.typer import (
    LABELS,
    MODEL_DIR,
    N_FEATURES,
    TypeModel,
    hashed,
    parse_features,
    span_features,
)
from extractors.pipeline import build_nlp

_LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}
_NORM_TITLE = re.compile(r"\W+")
NAMED = re.compile(r"[A-Z0-9]")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


Columns = tuple[np.ndarray, np.ndarray]  # hashed span features, hashed parse features


def span_columns(doc: Doc, start: int, end: int) -> Columns:
    return hashed(span_features(doc, start, end)), hashed(parse_features(doc, start, end))


def joined(columns: Columns, parse: bool) -> np.ndarray:
    return np.concatenate(columns) if parse else columns[0]


@dataclass
class Examples:
    columns: list[Columns] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    def add(self, columns: Columns, label: str, weight: float) -> None:
        self.columns.append(columns)
        self.labels.append(_LABEL_INDEX[label])
        self.weights.append(weight)

    def matrix(self, parse: bool) -> sparse.csr_matrix:
        rows = [joined(c, parse) for c in self.columns]
        indptr = np.cumsum([0, *(len(r) for r in rows)])
        data = np.ones(indptr[-1], dtype=np.float64)
        return sparse.csr_matrix((data, np.concatenate(rows), indptr), shape=(len(rows), N_FEATURES))


@dataclass
class Mentions:
    """Per canonical name: abstracts typed by the rules, and context features where they were not."""

    typed: dict[str, dict[int, set[str]]] = field(default_factory=lambda: defaultdict(dict))
    untyped: dict[str, dict[int, list[Columns]]] = field(default_factory=lambda: defaultdict(dict))


@dataclass
class Pass:
    """The rule pass over the sample so far: what `--cache` saves and resumes."""

    sample: int
    seed: int
    examples: Examples
    mentions: Mentions
    n_gold: int
    done: int = 0

    def save(self, path: Path) -> None:
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as out:
            pickle.dump(self, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)

    @staticmethod
    def load(path: Path) -> Pass:
        with path.open("rb") as cached:
            loaded = pickle.load(cached)
        if not isinstance(loaded, Pass):
            raise SystemExit(f"{path}: not a cache written by train_typer.py")
        return loaded


def norm_title(title: str) -> str:
    return _NORM_TITLE.sub(" ", title.lower()).strip()


def read_sample(path: Path, size: int, seed: int, skip_titles: set[str]) -> list[str]:
    """A reservoir sample of `size` texts (title, newline, abstract) from a JSON Lines (.gz) corpus."""
    rng = random.Random(seed)
    sample: list[str] = []
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for seen, line in enumerate(lines):
            record = json.loads(line)
            if not record.get("title") or not record.get("abstract") or norm_title(record["title"]) in skip_titles:
                continue
            text = f"{record['title'].strip()}\n{record['abstract'].strip()}"
            if len(sample) < size:
                sample.append(text)
            else:
                slot = rng.randint(0, seen)
                if slot < size:
                    sample[slot] = text
    return sample


def rule_pipeline() -> Language:
    nlp = build_nlp()
    for name in ("kg_typer", "kg_results", "kg_claims"):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    return nlp


def silver(doc: Doc, doc_index: int, examples: Examples, mentions: Mentions) -> None:
    untyped = {(s.start, s.end) for s in doc.spans.get("kg_untyped", [])}
    weak = {(s.start, s.end) for s in doc.spans.get("kg_weak", [])}
    for span in doc.spans.get("kg_entities", []):
        if (span.start, span.end) in weak:
            continue  # a name by form alone: the prior must not learn it from its own guesses
        columns = span_columns(doc, span.start, span.end)
        key = span._.canonical
        if (span.start, span.end) in untyped:
            mentions.untyped[key].setdefault(doc_index, []).append(columns)
        elif NAMED.search(span.text):  # the typer decides names: learn from names, not "post-training quantization"
            examples.add(columns, span.label_, 1.0)
            mentions.typed[key].setdefault(doc_index, set()).add(span.label_)


def gold_titles(gold_path: Path) -> set[str]:
    lines = gold_path.read_text(encoding="utf-8").splitlines()
    return {norm_title(json.loads(line)["title"]) for line in lines if line.strip()}


def gold_examples(nlp: Language, gold_path: Path, corpus_dir: Path, weight: float, examples: Examples) -> set[str]:
    """Every occurrence of a gold entity string in its development paper, with the gold label."""
    from kg.ingest import first_occurrences, read_papers

    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = {norm_title(record["title"]): record for record in records}
    papers = [p for p in first_occurrences(read_papers([corpus_dir])) if norm_title(p.title) in gold]
    for paper, doc in zip(papers, nlp.pipe(p.text for p in papers), strict=True):
        text = paper.text
        for label, names in gold[norm_title(paper.title)]["entities"].items():
            for name in filter(NAMED.search, names):
                for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                    span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                    if span is not None:
                        examples.add(span_columns(doc, span.start, span.end), label, weight)
    return set(gold)


def train(x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, l2: float, iterations: int) -> tuple[np.ndarray, ...]:
    """Multinomial logistic regression: weighted mean log loss + l2/2 |W|^2, by L-BFGS."""
    k = len(LABELS)
    onehot = np.zeros((len(y), k))
    onehot[np.arange(len(y)), y] = 1.0
    total = w.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = theta[:-k].reshape(N_FEATURES, k), theta[-k:]
        scores = x @ weights + bias
        scores -= scores.max(axis=1, keepdims=True)
        log_z = np.log(np.exp(scores).sum(axis=1, keepdims=True))
        log_p = scores - log_z
        value = -(w * (log_p * onehot).sum(axis=1)).sum() / total + 0.5 * l2 * (weights**2).sum()
        residual = (np.exp(log_p) - onehot) * (w / total)[:, None]
        grad_w = x.T @ residual + l2 * weights
        return float(value), np.concatenate([np.asarray(grad_w).ravel(), residual.sum(axis=0)])

    theta0 = np.zeros(N_FEATURES * k + k)
    found = optimize.minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": iterations})
    return found.x[:-k].reshape(N_FEATURES, k), found.x[-k:]


def name_prior(model: TypeModel, mentions: Mentions, min_abstracts: int) -> dict[str, np.ndarray]:
    prior: dict[str, np.ndarray] = {}
    for key in set(mentions.typed) | set(mentions.untyped):
        typed, untyped = mentions.typed.get(key, {}), mentions.untyped.get(key, {})
        if len(set(typed) | set(untyped)) < min_abstracts:
            continue
        counts = np.zeros(len(LABELS))
        for labels in typed.values():
            for label in labels:
                counts[_LABEL_INDEX[label]] += 1.0 / len(labels)
        for doc_index, columns in untyped.items():
            if doc_index not in typed:
                counts += np.exp(np.mean([model.log_proba(joined(c, model.parse)) for c in columns], axis=0))
        prior[key] = np.round(counts, 1)
    return prior


def plain_words(prior: dict[str, np.ndarray], texts: list[str]) -> set[str]:
    """The one-word names of the prior that the sampled abstracts write in lower case in more abstracts
    than typed them: words of the language ("Language", "Gaussian") that a rule read as a name where
    position or Title Case capitalised them, not names."""
    candidates = {key for key in prior if key.isalpha()}
    lower_case: dict[str, int] = defaultdict(int)
    for text in texts:
        for word in candidates.intersection(_LOWER_WORD.findall(text)):
            lower_case[word] += 1
    return {key for key in candidates if lower_case[key] > prior[key].sum()}


def rule_pass(args: argparse.Namespace) -> Pass:
    """The silver and gold examples, resumed from and checkpointed to `args.cache` when given."""
    nlp = rule_pipeline()
    gold_examples_ = Examples()
    skip_titles = gold_examples(nlp, args.gold, args.dev_corpus, args.gold_weight, gold_examples_)
    state = Pass(args.sample, args.seed, gold_examples_, Mentions(), len(gold_examples_.labels))
    if args.cache is not None and args.cache.exists():
        state = Pass.load(args.cache)
        if (state.sample, state.seed) != (args.sample, args.seed):
            raise SystemExit(f"{args.cache}: a cache of --sample {state.sample} --seed {state.seed}")
    if args.from_cache:
        return state
    texts = read_sample(args.corpus, args.sample, args.seed, skip_titles)
    random.Random(args.seed).shuffle(texts)  # any prefix of the pass is a random sample too
    texts = texts[: args.abstracts or None]
    for index, doc in enumerate(nlp.pipe(texts[state.done :], batch_size=256), start=state.done):
        silver(doc, index, state.examples, state.mentions)
        state.done = index + 1
        if args.cache is not None and state.done % args.checkpoint_every == 0:
            state.save(args.cache)
    if args.cache is not None:
        state.save(args.cache)
    return state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--dev-corpus", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--gold-weight", type=float, default=3.0)
    parser.add_argument("--l2", type=float, default=1e-5)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--min-abstracts", type=int, default=2)
    parser.add_argument("--abstracts", type=int, help="read only the first N abstracts of the shuffled sample")
    parser.add_argument("--parse-features", action="store_true", help="also read the span's place in the parse")
    parser.add_argument("--cache", type=Path, help="save (and resume) the rule pass here, outside the repository")
    parser.add_argument("--checkpoint-every", type=int, default=5000)
    parser.add_argument("--from-cache", action="store_true", help="train on the cache as it is")
    parser.add_argument("--out", type=Path, default=MODEL_DIR / "typer.npz")
    args = parser.parse_args()
    if args.from_cache and (args.cache is None or not args.cache.exists()):
        parser.error("--from-cache needs an existing --cache file")

    state = rule_pass(args)
    examples = state.examples
    y = np.array(examples.labels)
    print(
        f"{state.done} abstracts, {state.n_gold} gold and {len(y) - state.n_gold} silver examples;",
        np.bincount(y, minlength=5),
    )
    weights, bias = train(examples.matrix(args.parse_features), y, np.array(examples.weights), args.l2, args.iterations)
    model = TypeModel(weights.astype(np.float32), bias.astype(np.float32), {}, args.parse_features)
    model.prior = name_prior(model, state.mentions, args.min_abstracts)
    texts = read_sample(args.corpus, args.sample, args.seed, gold_titles(args.gold))
    random.Random(args.seed).shuffle(texts)
    for word in plain_words(model.prior, texts[: state.done]):
        del model.prior[word]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"wrote {args.out}: {len(model.prior)} names in the prior, {args.out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
