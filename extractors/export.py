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
    out = []
    for found in doc._.claims or []:
        out.append(
            Claim(
                text=text[found["start"] : found["end"]],
                start=found["start"],
                end=found["end"],
                factor=found["factor"],
                direction=Direction(found["direction"]) if found["direction"] else None,
                outcome=found["outcome"],
                polarity=Polarity(found["polarity"]) if found["polarity"] else None,
                preferred=found["preferred"],
                other=found["other"],
                negated=found["negated"],
                hedged=found["hedged"],
                entities=found["entities"],
            )
        )
    return out


def to_record(paper: Paper, extraction: Extraction) -> dict[str, Any]:
    """The JSON object `kg extract` writes for one paper (the format `../shared/eval/score.py` reads)."""
    return {
        "id": paper.id,
        "title": paper.title,
        "extractor_version": extraction.extractor_version,
        "entities": [
            {"text": e.text, "label": str(e.label), "start": e.start, "end": e.end, "canonical": e.canonical}
            for e in extraction.entities
        ],
        "results": [
            {"metric": r.metric, "value": r.value, "unit": r.unit, "subject": r.subject, "dataset": r.dataset}
            for r in extraction.results
        ],
        "claims": [
            {
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "factor": c.factor,
                "direction": str(c.direction) if c.direction else None,
                "outcome": c.outcome,
                "polarity": str(c.polarity) if c.polarity else None,
                "preferred": c.preferred,
                "other": c.other,
                "negated": c.negated,
                "hedged": c.hedged,
            }
            for c in extraction.claims
        ],
    }
