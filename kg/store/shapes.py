"""What a projection read fetches: the properties and nested lists a caller (the API) asks for.

A shape names stored properties (checked against the allow-lists below) and nested lists; the
store turns it into one Cypher query (`kg/store/cypher/projection.py`) that returns only those
properties, with every nested list under the key `<kind>_<position>` of the row (`entities_0`,
`topics_0`, `papers_0`, …, the position within the shape's tuple of that kind). Values that vary
(labels, limits, cursors) travel as query parameters; nothing a client writes ends up in the text.
"""

from __future__ import annotations

from dataclasses import dataclass

PAPER_PROPERTIES = frozenset(
    {"id", "title", "abstract", "date", "year", "authors", "organization", "upvotes", "doi", "arxiv_id"}
    | {"pagerank", "citation_count"}
)
ENTITY_PROPERTIES = frozenset(
    {"key", "label", "name", "canonical", "aliases", "family", "size", "long_form", "mentions", "paper_count"}
    | {"pagerank"}
)
TOPIC_PROPERTIES = frozenset({"id", "label", "size", "top_terms", "run", "map_x", "map_y"})


@dataclass(frozen=True, slots=True)
class PaperPage:
    """A keyset page of papers ordered by id: `limit` rows after the id `after_id` (None: from the start)."""

    node: PaperShape
    limit: int
    after_id: str | None = None


@dataclass(frozen=True, slots=True)
class EntityShape:
    """An entity's properties and pages of the papers that mention it (`papers_<i>`)."""

    properties: tuple[str, ...]
    papers: tuple[PaperPage, ...] = ()


@dataclass(frozen=True, slots=True)
class TopicShape:
    """A topic's properties and pages of its papers in the current run (`papers_<i>`)."""

    properties: tuple[str, ...]
    papers: tuple[PaperPage, ...] = ()


@dataclass(frozen=True, slots=True)
class MentionList:
    """The entities a paper mentions, most mentioned first, as `{count, entity}` rows.

    `label` keeps one kind (MODEL …), `limit` the first n; None means no filter / all.
    """

    entity: EntityShape
    label: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class PaperShape:
    """A paper's properties, its entity lists (`entities_<i>`) and topic lists (`topics_<i>`)."""

    properties: tuple[str, ...]
    entities: tuple[MentionList, ...] = ()
    topics: tuple[TopicShape, ...] = ()


def checked(properties: tuple[str, ...], allowed: frozenset[str], kind: str) -> tuple[str, ...]:
    """`properties` if every one is a stored property of `kind`; a ValueError naming the first that is not."""
    for name in properties:
        if name not in allowed:
            raise ValueError(f"{name!r} is not a stored property of {kind}")
    return properties
