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
    CONTRADICTS = "CONTRADICTS"  # (:Claim)-[:CONTRADICTS {score, factor, reason, context, run}]->(:Claim)
    SUPPORTS = "SUPPORTS"  # (:Claim)-[:SUPPORTS {score, factor, reason, run}]->(:Claim)


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
    IMPROVES = "improves"
    HURTS = "hurts"
    NO_EFFECT = "no_effect"


class Direction(StrEnum):
    MORE = "more"  # more of the factor (deeper, larger, longer context, more bits ...)
    LESS = "less"  # less of the factor (shallower, smaller, fewer bits, sparser ...)
    COMPARE = "compare"  # one option beats another: see Claim.preferred / Claim.other
    PRESENT = "present"  # the factor (a method, a technique) is applied vs not


@dataclass(slots=True)
class Claim:
    text: str  # the sentence, verbatim
    start: int
    end: int
    factor: str | None = None  # "depth", "width", "model size", "data size", "bit-width", ...
    direction: Direction | None = None
    outcome: str | None = None  # "accuracy", "loss", "memory", "robustness", ...
    polarity: Polarity | None = None
    preferred: str | None = None  # for COMPARE: the option said to win ("width")
    other: str | None = None  # for COMPARE: the option said to lose ("depth")
    negated: bool = False
    hedged: bool = False
    entities: list[str] = field(default_factory=list)  # canonical keys of entities in the sentence


class NameKind(StrEnum):
    ACRONYM = "acronym"  # "Visual AutoRegressive modeling (VAR)", or a title "VAR: Visual AutoRegressive ..."
    TITLE_NAME = "title-name"  # the name heading a title before its colon: "Mamba: Linear-Time ..."
    NAMED = "named"  # a name after a naming word: "a new model, dubbed Camelidae"


@dataclass(frozen=True, slots=True)
class NameDefinition:
    """A name the paper defines; `proposed` when the paper presents it as its own ("we propose X")."""

    name: str
    kind: NameKind
    proposed: bool = False
    long_form: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything the extractors found in one paper."""

    paper_id: str
    entities: list[EntityMention] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    extractor_version: str = EXTRACTOR_VERSION_UNKNOWN
    definitions: list[NameDefinition] = field(default_factory=list)  # names it defines or proposes
    names: list[str] = field(default_factory=list)  # distinct names the text uses ("VAR", "LLaVA-7B", "Mamba")
