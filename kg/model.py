"""The domain model shared by every package: papers, extracted facts, the graph vocabulary, and the
records analytics reads back from the graph (`Mention`, `ClaimRecord`, `Corpus`).

Nothing here talks to Neo4j or spaCy. `extractors` produces these objects from text, `kg.ingest`
produces `Paper`s from files, and `kg.store` writes them. Node labels and relationship types come
from the enums below, never from user input (see docs/GRAPH.md for the full graph schema).

Offsets: every `start`/`end` of an entity, result or claim indexes into `Paper.text`, which is the
title, one newline, then the abstract.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
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
    GRAPH_VERSION = "GraphVersion"  # one node: a counter every ingest and analysis commit bumps


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


# ---- how the facts of one paper refer to its entities: by canonical form, surface form or key

RESULT_SUBJECT_LABELS = frozenset({Label.MODEL, Label.METHOD, Label.HARDWARE})


def entity_key(label: Label, canonical: str) -> str:
    """The graph key of an entity: `"<LABEL>:<canonical>"` (`MODEL:llava`)."""
    return f"{label.value}:{canonical}"


class PaperEntities:
    """The entities one paper mentions, findable by canonical form, surface form or full key (case-insensitive).

    A result's metric, subject and dataset and a claim's entities are resolved against them; a name that
    resolves to nothing the paper mentions stays a property only.
    """

    def __init__(self, mentions: Sequence[EntityMention]) -> None:
        self.mentions = list(mentions)
        self.by_name: dict[str, list[tuple[Label, str]]] = {}
        for m in mentions:
            key = entity_key(m.label, m.canonical)
            for name in (m.canonical, m.text, key):
                self.by_name.setdefault(name.casefold(), []).append((m.label, key))

    def resolve(self, name: str | None, labels: Iterable[Label] = tuple(Label)) -> str | None:
        wanted = set(labels)
        candidates = self.by_name.get(name.casefold(), []) if name else []
        return next((key for label, key in candidates if label in wanted), None)

    def within(self, start: int, end: int) -> list[str]:
        return [entity_key(m.label, m.canonical) for m in self.mentions if start <= m.start and m.end <= end]

    def result_links(self, result: Result) -> dict[RelType, str]:
        """MEASURES (metric), RESULT_FOR (subject) and ON_DATASET (dataset) targets that resolve."""
        links = {
            RelType.MEASURES: self.resolve(result.metric, {Label.METRIC}),
            RelType.RESULT_FOR: self.resolve(result.subject, RESULT_SUBJECT_LABELS),
            RelType.ON_DATASET: self.resolve(result.dataset, {Label.DATASET}),
        }
        return {rel: key for rel, key in links.items() if key is not None}

    def claim_keys(self, claim: Claim) -> list[str]:
        """The entities a claim is about (CLAIM_ABOUT): those it names and those inside its sentence."""
        named = {self.resolve(name) for name in claim.entities}
        return sorted({key for key in named if key is not None} | set(self.within(claim.start, claim.end)))


# ---- what analytics reads back from the graph: a paper's mentions and claims, with the ids writes need
@dataclass(frozen=True, slots=True)
class Mention:
    """One `(:Paper)-[:MENTIONS {count}]->(:Entity)` edge with what the entity node says of itself."""

    paper_id: str
    entity_key: str  # "MODEL:llava"
    label: str  # "MODEL"
    name: str
    count: int = 1
    long_form: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A `Claim` node's frame as the analysis reads it (the sentence itself is never read here)."""

    id: str
    paper_id: str
    factor: str | None = None
    comparator: str | None = None
    direction: str | None = None
    outcome: str | None = None
    outcome_class: str | None = None
    polarity: str | None = None
    negated: bool = False
    hedged: bool = False
    role: str | None = None
    condition_kinds: tuple[str, ...] = ()
    condition_values: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()  # names of the DATASET entities the claim is about (CLAIM_ABOUT), sorted

    def conditions(self) -> dict[str, frozenset[str]]:
        """Condition kind -> the values the claim states for it; the datasets it is about are its `dataset`."""
        found: dict[str, set[str]] = {}
        for kind, value in zip(self.condition_kinds, self.condition_values, strict=False):
            found.setdefault(kind, set()).add(value)
        if self.datasets:
            found.setdefault("dataset", set()).update(self.datasets)
        return {kind: frozenset(values) for kind, values in found.items()}


@dataclass(frozen=True, slots=True)
class PaperNames:
    """What the extractor stored of a paper's names: those it uses, defines (with long forms) and proposes."""

    paper_id: str
    used: tuple[str, ...] = ()  # sorted, as stored
    defined: tuple[tuple[str, str], ...] = ()  # (name, long form or "")
    proposed: tuple[str, ...] = ()

    def long_form(self, name: str) -> str | None:
        """The long form the paper gives `name` ("" when it defines it without one), None when it does not."""
        return next((form for defined, form in self.defined if defined == name), None)


@dataclass(slots=True)
class Corpus:
    """Everything one analysis run reads."""

    papers: list[Paper] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    names: list[PaperNames] = field(default_factory=list)
    # Paper id -> topic number in the run current when this was loaded: what the run before computed,
    # not what the graph holds, so it is not part of the fingerprint.
    previous_topics: dict[str, int] = field(default_factory=dict)

    def by_id(self) -> dict[str, Paper]:
        return {paper.id: paper for paper in self.papers}

    def fingerprint(self) -> str:
        """A digest of everything a run reads, whatever order it was loaded in: equal corpora, equal digests."""
        digest = hashlib.sha256()
        for records in (self.papers, self.mentions, self.claims, self.names):
            for line in sorted(map(repr, records)):
                digest.update(line.encode("utf-8", "surrogatepass"))
                digest.update(b"\n")
            digest.update(b"\x00")
        return digest.hexdigest()
