"""Types from context, learned: MODEL / METHOD / METRIC / DATASET / HARDWARE for a name the rules
found but could not type.

The rules leave a coined name untyped when neither its context ("X dataset", "models such as X") nor
its shape ("-7B", "...Net") says what it is; such spans are listed in `doc.spans[untyped_key]`.
This component decides their label from two kinds of evidence, both learned from data by
`tools/train_typer.py`:

- a multinomial logistic regression over hashed features of the span (head word, shape, affixes),
  the words around it in its sentence ("trained on X", "X achieves", "on the X benchmark") and, for
  a model trained with them, its place in the dependency parse (the relation to its head word, that
  word's lemma, its preposition and the nearest verb above it: "evaluated on the X and Y test sets");
- a name prior: how the same name (its canonical key) was typed across the abstracts of the
  training corpus, by the rules where a context typed it and by the context model elsewhere.

Every mention of one name in an abstract gets one label: the mean of its mentions' log
probabilities plus `prior_weight` times the log of the name's smoothed prior, normalised; the rules'
label stays when no label reaches `min_confidence`.

*Weak* names (`doc.spans[weak_key]`: a lone all-capitals word, a run of proper nouns; nothing but
their form or structure says they are names) are kept only where the corpus knows them: the name
prior holds at least `weak_min_prior` abstracts' worth of typed uses, and a label reaches
`min_confidence`. Otherwise they are dropped.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractors.components.canonical import split_size
from extractors.components.text import doc_text
from extractors.resources import MODELS_DIR

LABELS = ("MODEL", "METHOD", "METRIC", "DATASET", "HARDWARE")
MODEL_DIR = MODELS_DIR
N_FEATURES = 1 << 18
WINDOW = 3  # context words read on each side, within the sentence
_SHAPE_RUNS = re.compile(r"(.)\1+")
_SIZE_SUFFIX = re.compile(r"(?:\d+(?:\.\d+)?[BMKT]|-[a-zA-Z]?\d+)$")
_DIGITS = re.compile(r"\d+")


def shape(text: str) -> str:
    """ "LLaVA-7B" -> "XxX-dX": capitals X, lower-case x, digits d, runs collapsed."""
    mapped = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in text[:24])
    return _SHAPE_RUNS.sub(r"\1", mapped)


def context_word(text: str) -> str:
    return _DIGITS.sub("0", text.lower())


def span_features(doc: Doc, start: int, end: int) -> list[str]:
    """String features of the span `doc[start:end]`: its own form and the words around it."""
    text = doc_text(doc)[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
    last, first = doc[end - 1].lower_, doc[start].lower_
    feats = [
        "bias",
        f"h:{last}",
        f"sh:{shape(text)}",
        f"s3:{text[-3:].lower()}",
        f"s4:{text[-4:].lower()}",
        f"n:{min(end - start, 4)}",
    ]
    if end - start > 1:
        feats.append(f"f:{first}")
    if text.isupper():
        feats.append("allcaps")
    if _SIZE_SUFFIX.search(text):
        feats.append("size")
    if doc[start].idx < text_title_end(doc):
        feats.append("title")
    feats.extend(context_features(doc, start, end))
    return feats


def text_title_end(doc: Doc) -> int:
    newline = doc_text(doc).find("\n")
    return newline if newline >= 0 else len(doc_text(doc))


def context_features(doc: Doc, start: int, end: int) -> list[str]:
    left: list[str] = []
    i = start
    while i > 0 and len(left) < WINDOW and not doc[i].is_sent_start:
        i -= 1
        left.append(context_word(doc[i].text))
    right: list[str] = []
    j = end
    while j < len(doc) and len(right) < WINDOW and not doc[j].is_sent_start:
        right.append(context_word(doc[j].text))
        j += 1
    left += ["<s>"] * (WINDOW - len(left))
    right += ["</s>"] * (WINDOW - len(right))
    feats = [f"L{k + 1}:{w}" for k, w in enumerate(left)] + [f"R{k + 1}:{w}" for k, w in enumerate(right)]
    feats += [f"L12:{left[0]}_{left[1]}", f"R12:{right[0]}_{right[1]}", f"LR:{left[0]}_{right[0]}"]
    feats += [f"LB:{w}" for w in left] + [f"RB:{w}" for w in right]
    return feats


def parse_features(doc: Doc, start: int, end: int) -> list[str]:
    """What the sentence does with the span, from the dependency parse: its relation and head word
    ("obl<evaluate", "compound<benchmark"), its preposition ("on", "on<evaluate"), the nearest verb
    above it; a later conjunct reads its first conjunct's ("on A and X" is "on" X too)."""
    if not doc.has_annotation("DEP"):
        return []
    root = span_root(doc, start, end)
    feats = []
    if root.dep_ == "conj":
        feats.append("P:conj")
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
    head = root.head
    head_word = context_word(head.lemma_ or head.text) if head.i != root.i else "<root>"
    feats += [f"P:{root.dep_}", f"P:{root.dep_}<{head_word}", f"P:<{head_word}"]
    case = next((c for c in root.children if c.dep_ == "case"), None)
    if case is not None:
        feats += [f"P:case:{case.lower_}", f"P:case:{case.lower_}<{head_word}"]
    verb = governing_verb(root)
    if verb is not None:
        feats += [f"P:v:{context_word(verb.lemma_ or verb.text)}", f"P:v:{root.dep_}:{context_word(verb.lemma_)}"]
    return feats


def span_root(doc: Doc, start: int, end: int) -> Token:
    """The span's last token whose head lies outside it (its syntactic head)."""
    roots = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    return roots[-1] if roots else doc[end - 1]


def governing_verb(token: Token, hops: int = 3) -> Token | None:
    node = token
    for _ in range(hops):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def hashed(features: list[str]) -> np.ndarray:
    """Feature strings -> column indices (CRC-32, stable across processes and runs)."""
    return np.fromiter((zlib.crc32(f.encode()) % N_FEATURES for f in features), dtype=np.int64, count=len(features))


class TypeModel:
    """The learned weights and the name prior, read from one `.npz` file."""

    def __init__(
        self, weights: np.ndarray, bias: np.ndarray, prior: dict[str, np.ndarray], parse: bool = False
    ) -> None:
        self.weights = weights
        self.bias = bias
        self.prior = prior
        self.parse = parse  # whether the model reads the span's place in the parse (`parse_features`)

    def columns(self, doc: Doc, start: int, end: int) -> np.ndarray:
        """The hashed feature columns this model reads for the span `doc[start:end]`."""
        features = span_features(doc, start, end)
        if self.parse:
            features += parse_features(doc, start, end)
        return hashed(features)

    @classmethod
    def load(cls, path: Path) -> TypeModel:
        with np.load(path, allow_pickle=False) as data:
            weights = np.zeros((N_FEATURES, len(LABELS)), dtype=np.float32)
            weights[data["rows"]] = data["values"].astype(np.float32)
            names = [str(name) for name in data["names"]]
            counts = data["counts"].astype(np.float32)
            parse = bool(data["parse"]) if "parse" in data.files else False
            return cls(weights, data["bias"].astype(np.float32), dict(zip(names, counts, strict=True)), parse)

    def save(self, path: Path, min_weight: float = 1e-3) -> None:
        rows = np.flatnonzero(np.abs(self.weights).max(axis=1) >= min_weight)
        names = sorted(self.prior)
        np.savez_compressed(
            path,
            rows=rows.astype(np.int32),
            values=self.weights[rows].astype(np.float16),
            bias=self.bias.astype(np.float32),
            names=np.array(names, dtype=str),
            counts=np.array([self.prior[n] for n in names], dtype=np.float16).reshape(len(names), len(LABELS)),
            parse=np.array(self.parse),
        )

    def log_proba(self, columns: np.ndarray) -> np.ndarray:
        scores = self.weights[columns].sum(axis=0) + self.bias
        scores -= scores.max()
        return np.asarray(scores - np.log(np.exp(scores).sum()))

    def prior_mass(self, name: str) -> float:
        """How many sampled abstracts' worth of typed uses the name prior holds for the name."""
        counts = self.prior.get(name)
        return 0.0 if counts is None else float(counts.sum())

    def log_prior(self, name: str, smoothing: float) -> np.ndarray | None:
        counts = self.prior.get(name)
        if counts is None:
            return None
        return np.asarray(np.log((counts + smoothing / len(LABELS)) / (counts.sum() + smoothing)))


@Language.factory(
    "kg_typer",
    default_config={
        "model_file": "typer.npz",
        "entities_key": "kg_entities",
        "untyped_key": "kg_untyped",
        "prior_weight": 1.0,
        "prior_smoothing": 2.0,
        "min_confidence": 0.6,
        "weak_key": "kg_weak",
        "weak_min_prior": 3.0,
    },
)
def make_typer(
    nlp: Language,
    name: str,
    model_file: str,
    entities_key: str,
    untyped_key: str,
    prior_weight: float,
    prior_smoothing: float,
    min_confidence: float,
    weak_key: str,
    weak_min_prior: float,
) -> ContextTyper:
    typer = ContextTyper(entities_key, untyped_key, prior_weight, prior_smoothing, min_confidence)
    typer.weak_key, typer.weak_min_prior = weak_key, weak_min_prior
    typer.initialize(model_path=MODEL_DIR / model_file)
    return typer


class ContextTyper:
    def __init__(
        self, entities_key: str, untyped_key: str, prior_weight: float, prior_smoothing: float, min_confidence: float
    ) -> None:
        self.min_confidence = min_confidence
        self.entities_key = entities_key
        self.untyped_key = untyped_key
        self.prior_weight = prior_weight
        self.prior_smoothing = prior_smoothing
        self.weak_key = "kg_weak"
        self.weak_min_prior = 3.0
        self.model: TypeModel | None = None

    def initialize(self, get_examples: Any = None, nlp: Language | None = None, model_path: Path | None = None) -> None:
        self.model = TypeModel.load(model_path or MODEL_DIR / "typer.npz")

    def __call__(self, doc: Doc) -> Doc:
        untyped = {(s.start, s.end) for s in doc.spans.get(self.untyped_key, [])}
        if not untyped or self.model is None:
            return doc
        weak = {(s.start, s.end) for s in doc.spans.get(self.weak_key, [])}
        entities = list(doc.spans.get(self.entities_key, []))
        groups: dict[str, list[int]] = defaultdict(list)
        for index, span in enumerate(entities):
            if (span.start, span.end) in untyped:
                groups[span._.canonical].append(index)
        changed, dropped = set(), set()
        for canonical, indices in groups.items():
            only_weak = all((entities[i].start, entities[i].end) in weak for i in indices)
            decided = self.decide(doc, canonical, [entities[i] for i in indices], only_weak)
            if decided is None and only_weak:
                dropped.update(indices)
                continue
            label = decided or entities[indices[0]].label_
            for i in indices:
                if entities[i].label_ != label:
                    entities[i] = relabelled(entities[i], label)
                    changed.add(i)
        kept = [s for i, s in enumerate(entities) if i not in dropped]
        doc.spans[self.entities_key] = [
            s for i, s in enumerate(entities) if i not in dropped and (i not in changed or alone(s, kept))
        ]
        return doc

    def decide(self, doc: Doc, canonical: str, mentions: list[Span], weak: bool = False) -> str | None:
        """The label of one name's mentions, or None when no label reaches `min_confidence` (or, for a
        weak name, when the corpus does not know it)."""
        assert self.model is not None
        if weak and self.model.prior_mass(canonical) < self.weak_min_prior:
            return None
        scores = np.mean([self.model.log_proba(self.model.columns(doc, s.start, s.end)) for s in mentions], axis=0)
        prior = self.model.log_prior(canonical, self.prior_smoothing)
        if prior is not None:
            scores = scores + self.prior_weight * prior
        proba = np.exp(scores - scores.max())
        proba /= proba.sum()
        best = int(np.argmax(proba))
        return LABELS[best] if proba[best] >= self.min_confidence else None


def alone(span: Span, entities: list[Span]) -> bool:
    """Whether no other entity of the span's label overlaps it (spans of one label never overlap)."""
    return not any(
        other is not span and other.label_ == span.label_ and other.start < span.end and span.start < other.end
        for other in entities
    )


def relabelled(span: Span, label: str) -> Span:
    """A copy of the span under another label, its extension values carried over."""
    new = Span(span.doc, span.start, span.end, label=label)
    new._.canonical = span._.canonical
    new._.long_form = span._.long_form
    if label == "MODEL":
        new._.family, new._.size = split_size(doc_text(span.doc)[span.start_char : span.end_char])
    return new
