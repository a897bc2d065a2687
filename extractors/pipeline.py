"""The extraction pipeline: `load_extractor()` builds it, `Extractor` runs it over papers.

The spaCy pipeline is `spacy.blank("en")` plus:
  kg_title_boundary  the title is its own sentence
  sentencizer        built-in
  kg_abbreviations   "Long Form (LF)" definitions -> doc._.abbreviations
  kg_span_ruler      SpanRuler behind a text prefilter, patterns/*.jsonl (chips) -> doc.spans["kg_lexicon"]
  kg_lexicon         lexicons/terms.tsv and hardware_parts.tsv through PhraseMatchers -> doc.spans["kg_lexicon"]
  kg_names           coined names and head phrases -> doc.spans["kg_candidates"]
  kg_entities        resolution and canonical keys -> doc.spans["kg_entities"]
  kg_typer           labels of the names the rules could not type, learned (models/typer.npz)
  kg_results         numbers tied to metrics -> doc._.results
  kg_claims          finding sentences and their reading -> doc._.claims
Nothing downloads weights; every rule is a data file beside its component, the typer's weights too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language

import extractors.components.abbreviations
import extractors.components.claims
import extractors.components.entities
import extractors.components.lexicon
import extractors.components.names
import extractors.components.results
import extractors.components.ruler
import extractors.components.text
import extractors.components.typer  # noqa: F401  (registers the factories)
from extractors.components.text import TextKeepingTokenizer
from extractors.export import to_extraction
from extractors.resources import PATTERN_DIR, data_fingerprint, read_jsonl
from kg.model import Extraction, Paper

RULES_VERSION = "rules-1.0"


def file_patterns() -> list[dict[str, Any]]:
    """Every span_ruler pattern of patterns/*.jsonl, with set-valued first tokens expanded."""
    patterns = [pattern for path in sorted(PATTERN_DIR.glob("*.jsonl")) for pattern in read_jsonl(path.name)]
    return [expanded for pattern in patterns for expanded in expand_first_token(pattern)]


def expand_first_token(pattern: dict[str, Any]) -> list[dict[str, Any]]:
    """A first token {"ORTH": {"IN": [a, b]}} becomes one pattern per value: the same matches, but
    the Matcher then tests each position by attribute equality instead of a set predicate call
    (a set predicate on the first token costs about as much as three plain patterns)."""
    first, *rest = pattern["pattern"]
    if len(first) != 1 or "OP" in first:
        return [pattern]
    ((attr, value),) = first.items()
    if not isinstance(value, dict) or set(value) != {"IN"}:
        return [pattern]
    return [{**pattern, "pattern": [{attr: option}, *rest]} for option in value["IN"]]


def build_nlp(**config: Any) -> Language:
    """The spaCy pipeline; `config` overrides component settings, e.g. `claims={"threshold": 2.5}`."""
    nlp = spacy.blank("en")
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("kg_title_boundary")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_abbreviations", config=config.get("abbreviations", {}))
    ruler = nlp.add_pipe("kg_span_ruler", config={"spans_key": "kg_lexicon"})
    ruler.add_patterns(file_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("kg_lexicon")
    nlp.add_pipe("kg_names", config=config.get("names", {}))
    nlp.add_pipe("kg_entities", config=config.get("entities", {}))
    nlp.add_pipe("kg_typer", config=config.get("typer", {}))
    nlp.add_pipe("kg_results", config=config.get("results", {}))
    nlp.add_pipe("kg_claims", config=config.get("claims", {}))
    return nlp


class Extractor:
    """Papers in, `kg.model.Extraction`s out; offsets index into `Paper.text`."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.version = f"{RULES_VERSION}+{data_fingerprint()}"

    def extract(self, paper: Paper) -> Extraction:
        return to_extraction(paper.id, self.nlp(paper.text), self.version)

    def extract_many(
        self, papers: Iterable[Paper], *, batch_size: int = 256, n_process: int = 1
    ) -> Iterator[Extraction]:
        """Streams: papers are consumed lazily and each extraction is yielded as soon as it is made."""
        pairs = ((paper.text, paper.id) for paper in papers)
        for doc, paper_id in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield to_extraction(paper_id, doc, self.version)


def load_extractor(**config: Any) -> Extractor:
    return Extractor(build_nlp(**config))
