"""The one seam from a processed spaCy `Doc` to `kg.model` objects, and the `kg extract` record."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from extractors.components.text import doc_text, span_text
from kg.model import (
    Claim,
    Direction,
    EntityMention,
    Extraction,
    Label,
    NameDefinition,
    NameKind,
    Paper,
    Polarity,
    Result,
    Role,
)


def to_extraction(paper_id: str, doc: Doc, version: str) -> Extraction:
    return Extraction(
        paper_id=paper_id,
        entities=entity_mentions(doc),
        results=results(doc),
        claims=claims(doc),
        extractor_version=version,
        definitions=name_definitions(doc),
        names=list(doc._.names_used or []),
    )


def name_definitions(doc: Doc) -> list[NameDefinition]:
    return [
        NameDefinition(name=name, kind=NameKind(kind), proposed=proposed, long_form=long_form)
        for name, long_form, kind, proposed in doc._.name_definitions or []
    ]


def entity_mentions(doc: Doc) -> list[EntityMention]:
    """One mention per entity span; a full stop, comma or possessive the tokenizer glued on is trimmed off."""
    return [entity_mention(span) for span in doc.spans.get("kg_entities", [])]


def entity_mention(span: Span) -> EntityMention:
    text = surface(span_text(span))
    return EntityMention(
        text=text,
        label=Label(span.label_),
        start=span.start_char,
        end=span.start_char + len(text),
        canonical=span._.canonical,
        family=span._.family,
        size=span._.size,
        long_form=span._.long_form,
    )


def surface(text: str) -> str:
    """`DataComp-1.4B.` -> `DataComp-1.4B`, `Multi-Head Attention's` -> `Multi-Head Attention`."""
    return text.rstrip(".,;:").removesuffix("'s").removesuffix("\u2019s")


def results(doc: Doc) -> list[Result]:
    return [Result(**found) for found in doc._.results or []]


def claims(doc: Doc) -> list[Claim]:
    text = doc_text(doc)
    return [claim(text, found) for found in doc._.claims or []]


def claim(text: str, found: dict[str, Any]) -> Claim:
    """A claim with its frame (fields the frame reader left empty stay empty)."""
    direction, polarity, role = found.get("direction"), found.get("polarity"), found.get("role")
    return Claim(
        text=text[found["start"] : found["end"]],
        start=found["start"],
        end=found["end"],
        factor=found.get("factor"),
        comparator=found.get("comparator"),
        direction=Direction(direction) if direction else None,
        outcome=found.get("outcome"),
        outcome_class=found.get("outcome_class"),
        polarity=Polarity(polarity) if polarity else None,
        negated=bool(found.get("negated")),
        hedged=bool(found.get("hedged")),
        role=Role(role) if role else None,
        condition_kinds=list(found.get("condition_kinds") or []),
        condition_values=list(found.get("condition_values") or []),
        entities=found["entities"],
    )


def to_record(paper: Paper, extraction: Extraction) -> dict[str, Any]:
    """The JSON object `kg extract` writes for one paper (the format `../shared/eval/score.py` reads).

    It carries everything `kg ingest` would write for the paper (its metadata under `paper`, the names
    it defines and uses), so `kg bulk-import` and `kg ingest` of the record need no second extraction.
    """
    return {
        "id": paper.id,
        "title": paper.title,
        "extractor_version": extraction.extractor_version,
        "entities": [entity_record(e) for e in extraction.entities],
        "results": [
            {
                "metric": r.metric,
                "value": r.value,
                "unit": r.unit,
                "subject": r.subject,
                "dataset": r.dataset,
                "number": r.number,
                "change": r.change,
                "start": r.start,
                "end": r.end,
            }
            for r in extraction.results
        ],
        "claims": [claim_record(c) for c in extraction.claims],
        "definitions": [
            {"name": d.name, "kind": str(d.kind), "proposed": d.proposed, "long_form": d.long_form}
            for d in extraction.definitions
        ],
        "names": list(extraction.names),
        "paper": paper_record(paper),
    }


def entity_record(e: EntityMention) -> dict[str, Any]:
    return {
        "text": e.text,
        "label": str(e.label),
        "start": e.start,
        "end": e.end,
        "canonical": e.canonical,
        "family": e.family,
        "size": e.size,
        "long_form": e.long_form,
    }


def paper_record(paper: Paper) -> dict[str, Any]:
    """The paper's fields besides id and title (abstract, date, authors, references, where it was seen)."""
    return {
        "abstract": paper.abstract,
        "date": paper.date,
        "year": paper.year,
        "month": paper.month,
        "day": paper.day,
        "authors": list(paper.authors),
        "author_count": paper.author_count,
        "organization": paper.organization,
        "upvotes": paper.upvotes,
        "doi": paper.doi,
        "arxiv_id": paper.arxiv_id,
        "references": list(paper.references),
        "occurrences": [[o.source, o.line, o.position] for o in paper.occurrences],
    }


def claim_record(claim: Claim) -> dict[str, Any]:
    """A claim in `kg extract` output: the sentence, its offsets and its frame."""
    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "role": str(claim.role) if claim.role else None,
        "factor": claim.factor,
        "comparator": claim.comparator,
        "direction": str(claim.direction) if claim.direction else None,
        "outcome": claim.outcome,
        "outcome_class": claim.outcome_class,
        "polarity": str(claim.polarity) if claim.polarity else None,
        "negated": claim.negated,
        "hedged": claim.hedged,
        "conditions": [
            {"kind": kind, "value": value}
            for kind, value in zip(claim.condition_kinds, claim.condition_values, strict=True)
        ],
        "entities": list(claim.entities),
    }
