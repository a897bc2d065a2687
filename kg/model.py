"""The domain model shared by every package: papers, extracted facts, and the graph vocabulary.

Nothing here talks to Neo4j or spaCy. `extractors` produces these objects from text, `kg.ingest`
produces `Paper`s from files, and `kg.store` writes them. Node labels and relationship types come
from the enums below, never from user input (see docs/GRAPH.md for the full graph schema).

Offsets: every `start`/`end` of an entity, result or claim indexes into `Paper.text`, which is the
title, one newline, then the abstract.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum

EXTRACTOR_VERSION_UNKNOWN = "none"


class Label(StrEnum):
    """The five entity kinds of the annotation guidelines."""

    MODEL = "MODEL"
    METHOD = "METHOD"
    METRIC = "METRIC"
    DATASET = "DATASET"
    HARDWARE = "HARDWARE"

    @property
    def node_label(self) -> NodeLabel:
        return NodeLabel(self.value.title())


class NodeLabel(StrEnum):
    PAPER = "Paper"
    SOURCE = "Source"
    ORGANIZATION = "Organization"
    ENTITY = "Entity"
    MODEL = "Model"
    METHOD = "Method"
    METRIC = "Metric"
    DATASET = "Dataset"
    HARDWARE = "Hardware"
    RESULT = "Result"
    CLAIM = "Claim"
    TOPIC = "Topic"
    ANALYSIS_RUN = "AnalysisRun"


class RelType(StrEnum):
    LISTED_IN = "LISTED_IN"  # (:Paper)-[:LISTED_IN {line, position}]->(:Source)
    FROM_ORGANIZATION = "FROM_ORGANIZATION"  # (:Paper)->(:Organization)
    MENTIONS = "MENTIONS"  # (:Paper)-[:MENTIONS {count, offsets, surfaces}]->(:Entity)
    REPORTS = "REPORTS"  # (:Paper)->(:Result)
    MEASURES = "MEASURES"  # (:Result)->(:Metric)
    RESULT_FOR = "RESULT_FOR"  # (:Result)->(:Entity) the subject
    ON_DATASET = "ON_DATASET"  # (:Result)->(:Dataset)
    MAKES_CLAIM = "MAKES_CLAIM"  # (:Paper)->(:Claim)
    CLAIM_ABOUT = "CLAIM_ABOUT"  # (:Claim)->(:Entity)
    IN_TOPIC = "IN_TOPIC"  # (:Paper)-[:IN_TOPIC {weight, run}]->(:Topic)
    CITES = "CITES"  # (:Paper)-[:CITES {inferred, evidence, confidence, run}]->(:Paper)
    CONTRADICTS = (
        "CONTRADICTS"  # (:Claim)-[:CONTRADICTS {confidence, strength, factor, outcome, reason, differs, run}]->(:Claim)
    )
    SUPPORTS = "SUPPORTS"  # (:Claim)-[:SUPPORTS {confidence, factor, outcome, reason, run}]->(:Claim)


def normalize_title(title: str) -> str:
    """Lowercase, every run of non-word characters to one space, ends stripped."""
    return re.sub(r"\W+", " ", title.lower()).strip()


def paper_id(title: str) -> str:
    """The stable paper id: first 12 hex digits of SHA-1 of the normalized title.

    The same scheme as the evaluation gold, so ids line up with `../shared/eval`.
    """
    return hashlib.sha1(normalize_title(title).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a paper was seen: one listing page (or JSON Lines file) and the line its title is on."""

    source: str  # file name, e.g. "000_cd4b0006ad16ac5f.txt"
    line: int  # 1-based line of the title (or of the JSON record)
    position: int  # 1-based order of the paper on that source


@dataclass(slots=True)
class Paper:
    id: str
    title: str
    abstract: str
    date: str | None = None  # ISO: "2025-11-20", or "--05-14" style month-day when the year is missing
    year: int | None = None
    month: int | None = None
    day: int | None = None
    authors: list[str] = field(default_factory=list)
    author_count: int | None = None
    organization: str | None = None
    upvotes: int | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    references: list[str] = field(default_factory=list)  # ids, DOIs, arXiv ids or titles of cited works
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Title and abstract as one string; all extraction offsets index into it."""
        return f"{self.title}\n{self.abstract}"


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that could not be read, and why. Kept in the rejects file, never silently dropped."""

    source: str
    line: int | None
    reason: str
    excerpt: str = ""


@dataclass(slots=True)
class EntityMention:
    text: str  # as written
    label: Label
    start: int
    end: int
    canonical: str  # the key shared by every surface form of the same thing, e.g. "llava"
    family: str | None = None  # "LLaVA" for "LLaVA-7B"
    size: str | None = None  # "7B" for "LLaVA-7B"
    long_form: str | None = None  # for an abbreviation the paper defines, its expansion


@dataclass(slots=True)
class Result:
    metric: str
    value: str  # as written, with unit or sign: "1.95", "40-65%", "5x", "+1.1"
    unit: str | None = None  # "%", "x", "BLEU", ...
    subject: str | None = None  # the model or method the number is about
    dataset: str | None = None
    number: float | None = None  # the final value as a float, when there is one
    change: str | None = None  # e.g. "from 10.23" or "-40%" when the sentence gives a change
    start: int = 0
    end: int = 0


class Polarity(StrEnum):
    """What the claim says happens to the outcome."""

    IMPROVES = "improves"
    HURTS = "hurts"
    NO_EFFECT = "no_effect"  # "does not improve", "is independent of"
    NO_HARM = "no_harm"  # "without loss of accuracy", "minimal degradation": not worse, maybe not better
    DEPENDS = "depends"  # "depends on", "first rises and then falls"


class Direction(StrEnum):
    MORE = "more"  # more of the factor (deeper, larger, longer context, more bits ...)
    LESS = "less"  # less of the factor (shallower, smaller, fewer bits, sparser ...)
    COMPARE = "compare"  # the factor beats the comparator ("width outperforms depth")
    PRESENT = "present"  # the factor (a method, a technique) is applied vs not


class Role(StrEnum):
    """What a claim sentence does in its abstract; only findings are compared across papers."""

    FINDING = "finding"
    BACKGROUND = "background"  # what prior work holds or the field believes
    METHOD = "method"  # what the paper does ("we propose", "we train")
    MOTIVATION = "motivation"  # a gap or a question ("remains unclear")
    FUTURE = "future"  # future work, what will be released


class ConditionKind(StrEnum):
    """Kinds of setting a claim states; two claims whose conditions of one kind differ are in tension."""

    SCALE = "scale"
    DATA = "data"
    DOMAIN = "domain"
    REGIME = "regime"
    METRIC = "metric"


@dataclass(slots=True)
class Claim:
    """A claim sentence and its frame: more/less of `factor` (or `factor` against `comparator`)
    makes `outcome` better, worse or no different, under the stated conditions.

    Conditions are parallel lists: `condition_kinds[i]` (a `ConditionKind`) and `condition_values[i]`
    ("small scale", "imagenet"). Keys (`factor`, `comparator`, `outcome`) are the sentence's own
    phrases normalised by lemma; `outcome_class` is the outcome's class in the general synonym table.
    """

    text: str  # the sentence, verbatim
    start: int
    end: int
    factor: str | None = None  # "model depth", "model size", "quantization", "mamba" ...
    comparator: str | None = None  # for COMPARE: what the factor is said to beat ("model width")
    direction: Direction | None = None
    outcome: str | None = None  # "accuracy", "perplexity", "memory", "recall" ...
    outcome_class: str | None = None  # "performance", "efficiency", "robustness", ...
    polarity: Polarity | None = None
    negated: bool = False
    hedged: bool = False
    role: Role | None = None
    condition_kinds: list[str] = field(default_factory=list)
    condition_values: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)  # canonical keys of entities in the sentence


@dataclass(slots=True)
class Extraction:
    """Everything the extractors found in one paper."""

    paper_id: str
    entities: list[EntityMention] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    extractor_version: str = EXTRACTOR_VERSION_UNKNOWN
