"""The extraction pipeline: `load_extractor()` builds it, `Extractor` runs it over papers.

The spaCy pipeline is the config `extractors/config.cfg`: spaCy's English tokenizer (kept as it is,
so offsets index into the text), the trained English layer sourced from `extractors/ud/en_ud_ewt`
(tok2vec, tagger, UD parser; the tag rules, relation rules and lemmatizer read its files:
extractors/ud/tagrules.py, lemmas.py) and:
  kg_title_boundary  the title is its own sentence
  sentencizer        built-in; sentences are set before the parser, which keeps them
  kg_abbreviations   "Long Form (LF)" definitions -> doc._.abbreviations
  kg_span_ruler      SpanRuler behind a text prefilter, patterns/*.jsonl (chips) -> doc.spans["kg_lexicon"]
  kg_lexicon         lexicons/terms.tsv and hardware_parts.tsv through PhraseMatchers -> doc.spans["kg_lexicon"]
  kg_names           coined names and head phrases -> doc.spans["kg_candidates"]
  kg_entities        resolution and canonical keys -> doc.spans["kg_entities"]
  kg_typer           labels of the names the rules could not type, learned (models/typer.npz)
  kg_artifacts       names the paper defines or proposes, names it uses -> doc._.name_definitions, doc._.names_used
  kg_results         numbers tied to metrics -> doc._.results
  kg_claims          claim sentences -> doc._.claims
  kg_claim_frames    each claim's frame from the dependency parse -> the claims' frame fields
`doc.noun_chunks` reads UD labels (extractors/ud/syntax.py). Nothing downloads weights (the
typer's are in models/typer.npz).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.util import load_config, load_model_from_config

import extractors.components.abbreviations
import extractors.components.artifacts
import extractors.components.chunks
import extractors.components.claims
import extractors.components.entities
import extractors.components.frames
import extractors.components.lexicon
import extractors.components.names
import extractors.components.results
import extractors.components.ruler
import extractors.components.text
import extractors.components.typer
import extractors.ud.lemmas
import extractors.ud.syntax
import extractors.ud.tagrules  # noqa: F401  (registers the factories, the tokenizer and the callback)
from extractors.export import to_extraction
from extractors.resources import PACKAGE_DIR, data_fingerprint
from extractors.ud import UD_MODEL_DIR
from kg.model import Extraction, Paper

RULES_VERSION = "rules-1.1"
PIPELINE_CONFIG = PACKAGE_DIR / "config.cfg"
# Short names of the project's components, as `build_nlp(claims={...})` takes their settings.
COMPONENT_PREFIX = "kg_"


def pipeline_config(settings: dict[str, dict[str, Any]], ud_model: Path = UD_MODEL_DIR) -> Any:
    """The pipeline config with the trained layer's path filled in and component settings
    overridden, e.g. `claims={"threshold": 2.5}` sets `components.kg_claims.threshold`."""
    if not (ud_model / "meta.json").is_file():
        raise FileNotFoundError(f"no trained English pipeline at {ud_model}: run `make model`")
    config = load_config(PIPELINE_CONFIG, overrides={"paths.ud_model": str(ud_model)})
    for short_name, values in settings.items():
        name = f"{COMPONENT_PREFIX}{short_name}"
        if name not in config["components"]:
            raise ValueError(f"no component {name} in {PIPELINE_CONFIG.name} (settings given: {short_name}=...)")
        config["components"][name].update(values)
    return config


def build_nlp(**settings: dict[str, Any]) -> Language:
    """The spaCy pipeline of `config.cfg`; `settings` override component settings, e.g.
    `claims={"threshold": 2.5}`. Every doc it makes is tagged, lemmatized and parsed."""
    return load_model_from_config(pipeline_config(settings), auto_fill=True, validate=True)


def model_fingerprint(ud_model: Path = UD_MODEL_DIR) -> str:
    """A short hash of the trained layer's meta.json (it records the data and the scores)."""
    return hashlib.sha1((ud_model / "meta.json").read_bytes()).hexdigest()[:8]


def extractor_version() -> str:
    """The version every extraction records: the rules, a hash of their data files (the typer's weights
    included) and a hash of the trained layer."""
    return f"{RULES_VERSION}+{data_fingerprint()}+{model_fingerprint()}"


class Extractor:
    """Papers in, `kg.model.Extraction`s out; offsets index into `Paper.text`."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.version = extractor_version()

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
