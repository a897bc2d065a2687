"""The confidence of a claim link: the probability that a judge following JUDGING.md accepts it.

A logistic regression over a few features of the compared frames (`FEATURES`, computed by
`kg.analytics.contradictions.frame_features`, and by `pair_features` for pairs the comparator would
not link), fitted on judged pairs by `tools/fit_claim_confidence.py`, which writes the weights, the
reliability table and the default threshold into `claim_confidence.json` beside this module. Every
weight but the bias and `comparison` is constrained to the sign its feature's meaning gives (framed
claims on one key, a direct opposition, a shared outcome, a specific key and related papers can only
raise the confidence; hedges and differing conditions only lower it), so the confidence is
monotone in each feature.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("claim_confidence.json")
FEATURES = (
    "framed",  # both claims have a comparable frame (1 on every link; 0 on judged pairs without one)
    "same_key",  # the same factor key (1 on every link)
    "same_class",  # outcomes of the same class (1 on every link)
    "direct",  # 1 for opposite answers, 0 for a tension (no effect, depends) or no opposition
    "same_outcome",  # 1 when both name the same outcome, 0.5 for the same outcome class
    "differences",  # stated conditions (or outcomes) that differ
    "hedged",  # either claim hedged ("may")
    "comparison",  # both compare two options rather than more/less of one factor
    "key_specificity",  # how few papers name the key, log(N / df) / log(N) (generic keys are near 0)
    "related",  # cosine similarity of the two papers
    "same_topic",  # the run put both papers in one topic
    "shared_entities",  # Jaccard overlap of the entities the two papers mention
)
SIGNS = {
    "framed": 1,
    "same_key": 1,
    "same_class": 1,
    "direct": 1,
    "same_outcome": 1,
    "differences": -1,
    "hedged": -1,
    "comparison": 0,
    "key_specificity": 1,
    "related": 1,
    "same_topic": 1,
    "shared_entities": 1,
}


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    bias: float
    weights: Mapping[str, float]
    default_min_confidence: float

    def __call__(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * features.get(name, 0.0) for name in FEATURES)
        return round(1.0 / (1.0 + math.exp(-z)), 4)


@cache
def load_model(path: Path = MODEL_FILE) -> ConfidenceModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return ConfidenceModel(float(data["bias"]), dict(data["weights"]), float(data["default_min_confidence"]))


def default_min_confidence() -> float:
    """The threshold readers use unless told otherwise: judged precision >= 0.8 at and above it."""
    return load_model().default_min_confidence


def fit(
    rows: Sequence[Mapping[str, float]], labels: Sequence[int], *, l2: float = 1.0
) -> tuple[float, dict[str, float]]:
    """(bias, weights) of an L2-regularised logistic regression, by projected gradient descent so each
    weight keeps the sign `SIGNS` gives it. Deterministic: no random start."""
    import numpy as np  # only the fit needs it

    x = np.array([[row.get(name, 0.0) for name in FEATURES] for row in rows], dtype=float)
    y = np.array(labels, dtype=float)
    w, b = np.zeros(len(FEATURES)), 0.0
    signs = np.array([SIGNS[name] for name in FEATURES])
    step = 0.5
    for _ in range(5000):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) / len(y) + l2 * w / len(y)
        grad_b = float(np.mean(p - y))
        w = w - step * grad_w
        b -= step * grad_b
        w = np.where(signs > 0, np.maximum(w, 0.0), np.where(signs < 0, np.minimum(w, 0.0), w))
    return round(b, 4), {name: round(float(value), 4) for name, value in zip(FEATURES, w, strict=True)}
