"""The projection-query builder: one Cypher read for a root field and everything nested under it.

A shape (`kg/store/shapes.py`) becomes a map projection that names only the requested properties,
with each nested list as a `COLLECT { … }` subquery (ordered, limited) inside the map:

    MATCH (p:Paper {id: $id})
    RETURN p {.id, .title, entities_0: COLLECT {
      MATCH (p)-[m1:MENTIONS]->(e1:Entity) WITH run, m1, e1 ORDER BY m1.count DESC, e1.key LIMIT $x0
      RETURN {count: m1.count, entity: e1 {.key, .label, .name}} }} AS paper

Labels and relationship types come from the enums of `kg/model.py` (through `reads`), property
names from the allow-lists of `shapes`, and every value (ids, labels, limits, cursors) is a
parameter: a `Statement` is the text plus its parameters. Nested pages of papers keep keyset
paging (`p.id > $after ORDER BY p.id LIMIT $limit`), so nothing collects a listing to slice it.
Every statement starts with the current analysis run in `run` (topics are read through it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.store.cypher.reads import (
    _CURRENT_RUN,  # a fragment, not a statement
    ENTITY,
    IN_TOPIC,
    MENTIONS,
    PAPER,
    RUN,
    TOPIC,
)
from kg.store.cypher.scores import ENTITY_SCORES, PAPER_SCORES, score
from kg.store.shapes import (
    ENTITY_PROPERTIES,
    PAPER_PROPERTIES,
    TOPIC_PROPERTIES,
    EntityShape,
    MentionList,
    PaperPage,
    PaperShape,
    TopicShape,
    checked,
)


@dataclass(slots=True)
class Statement:
    """Cypher text and its parameters; the builder adds generated parameters `x0`, `x1`, …"""

    text: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def param(self, value: Any) -> str:
        name = f"x{len(self.params)}"
        self.params[name] = value
        return f"${name}"


def paper_by_id(shape: PaperShape) -> Statement:
    """One paper (`$id`) as `paper`; no row when there is none."""
    statement = Statement()
    projection = _paper(statement, "p", shape, 1)
    statement.text = f"{_CURRENT_RUN}\nMATCH (p:{PAPER} {{id: $id}})\nRETURN {projection} AS paper"
    return statement


# The filters of a page of papers (`kg.store.reads.PaperFilter`), each over `$<name>`; a page
# names only the filters it uses, so its plan has no `$x IS NULL OR …` branches to carry.
_PAPER_FILTERS = {
    "text": "(toLower(p.title) CONTAINS $text OR toLower(p.abstract) CONTAINS $text)",
    "year_from": "p.year >= $year_from",
    "year_to": "p.year <= $year_to",
    "entity": f"EXISTS {{ (p)-[:{MENTIONS}]->(:{ENTITY} {{key: $entity}}) }}",
    "label": f"EXISTS {{ MATCH (p)-[:{MENTIONS}]->(le:{ENTITY}) WHERE le.label = $label }}",
    "topic": f"EXISTS {{ MATCH (p)-[it:{IN_TOPIC}]->(:{TOPIC} {{id: $topic}}) WHERE it.run = run.id }}",
}


# How an entity or a topic reaches the papers of its nested pages: a pattern from `{owner}` to
# `p{depth}`, and the condition the edge must meet (a topic's papers are those of the current run).
_PAPERS_OF_ENTITY = (f"({{owner}})<-[:{MENTIONS}]-(p{{depth}}:{PAPER})", None)
_PAPERS_OF_TOPIC = (f"({{owner}})<-[it{{depth}}:{IN_TOPIC}]-(p{{depth}}:{PAPER})", "it{depth}.run = run.id")


def paper_page(filters: tuple[str, ...], shape: PaperShape, *, after: bool) -> Statement:
    """`$limit` papers, by id after `$after_id` when `after`, matching the named filters, as one list `papers`
    (one row, so one Bolt record instead of one per paper).

    The page is anchored on the topic or the entity when a filter names one (an index lookup
    instead of a scan of every paper). Otherwise it walks the index of paper ids in order and stops
    after `$limit` rows; the current run is matched after the page, since matching it first makes
    Neo4j sort every paper (every paper after the cursor) to take the first few.
    """
    statement = Statement()
    keyset = ["p.id > $after_id"] if after else []
    if "topic" in filters:
        anchor = f"MATCH (run:{RUN} {{current: true}})\nMATCH (:{TOPIC} {{id: $topic}})<-[it:{IN_TOPIC}]-(p:{PAPER})"
        conditions, rest = ["it.run = run.id", *keyset], [name for name in filters if name != "topic"]
        page = "WITH run, p ORDER BY p.id LIMIT $limit"
    else:
        if "entity" in filters:
            anchor = f"MATCH (:{ENTITY} {{key: $entity}})<-[:{MENTIONS}]-(p:{PAPER})"
            conditions, rest = keyset, [name for name in filters if name != "entity"]
        else:
            anchor, conditions, rest = f"MATCH (p:{PAPER})", keyset or ["p.id IS NOT NULL"], list(filters)
        page = f"WITH p ORDER BY p.id LIMIT $limit\n{_CURRENT_RUN}"
    conditions = conditions + [_PAPER_FILTERS[name] for name in rest]
    where = f"\nWHERE {' AND '.join(conditions)}" if conditions else ""
    projection = _paper(statement, "p", shape, 1)
    statement.text = f"{anchor}{where}\n{page}\nWITH run, p ORDER BY p.id\nRETURN collect({projection}) AS papers"
    return statement


def entity_by_keys(shape: EntityShape) -> Statement:
    """The first entity of `$keys` (in their order) that exists, as `entity`."""
    statement = Statement()
    projection = _entity(statement, "e", shape, 1)
    statement.text = (
        f"{_CURRENT_RUN}\nUNWIND range(0, size($keys) - 1) AS i\nMATCH (e:{ENTITY} {{key: $keys[i]}})\n"
        f"WITH run, e ORDER BY i LIMIT 1\nRETURN {projection} AS entity"
    )
    return statement


def topic_by_id(shape: TopicShape) -> Statement:
    """One topic (`$id`) of the current run as `topic`."""
    statement = Statement()
    projection = _topic(statement, "t", shape, 1)
    statement.text = (
        f"MATCH (run:{RUN} {{current: true}})\nMATCH (t:{TOPIC} {{id: $id, run: run.id}})\nRETURN {projection} AS topic"
    )
    return statement


def _properties(var: str, names: tuple[str, ...], *required: str, scores: tuple[str, ...] = ()) -> list[str]:
    """Sorted, so that one set of properties is one statement text (one plan in Neo4j's cache); the names
    in `scores` are the current run's values (`kg.store.cypher.scores`), not a stored property."""
    ordered = (*required, *sorted(set(names) - set(required)))
    return [f"{name}: {score(var, name)}" if name in scores else f".{name}" for name in ordered]


def _paper(statement: Statement, var: str, shape: PaperShape, depth: int) -> str:
    items = _properties(var, checked(shape.properties, PAPER_PROPERTIES, "Paper"), "id", scores=PAPER_SCORES)
    items += [f"entities_{i}: {_mentions(statement, var, m, depth)}" for i, m in enumerate(shape.entities)]
    items += [f"topics_{i}: {_topics_of(statement, var, t, depth)}" for i, t in enumerate(shape.topics)]
    return f"{var} {{{', '.join(items)}}}"


def _entity(statement: Statement, var: str, shape: EntityShape, depth: int) -> str:
    properties = checked(shape.properties, ENTITY_PROPERTIES, "Entity")
    items = _properties(var, properties, "key", "label", scores=ENTITY_SCORES)
    items += _paper_pages(statement, _PAPERS_OF_ENTITY, var, shape.papers, depth)
    return f"{var} {{{', '.join(items)}}}"


def _topic(statement: Statement, var: str, shape: TopicShape, depth: int) -> str:
    items = _properties(var, checked(shape.properties, TOPIC_PROPERTIES, "Topic"), "id")
    items += _paper_pages(statement, _PAPERS_OF_TOPIC, var, shape.papers, depth)
    return f"{var} {{{', '.join(items)}}}"


def _mentions(statement: Statement, paper: str, mentions: MentionList, depth: int) -> str:
    e, m = f"e{depth}", f"m{depth}"
    where = f" WHERE {e}.label = {statement.param(mentions.label)}" if mentions.label is not None else ""
    limit = f" LIMIT {statement.param(mentions.limit)}" if mentions.limit is not None else ""
    entity = _entity(statement, e, mentions.entity, depth + 1)
    return (
        f"COLLECT {{ MATCH ({paper})-[{m}:{MENTIONS}]->({e}:{ENTITY}){where} "
        f"WITH run, {m}, {e} ORDER BY {m}.count DESC, {e}.key{limit} "
        f"RETURN {{count: {m}.count, entity: {entity}}} }}"
    )


def _topics_of(statement: Statement, paper: str, shape: TopicShape, depth: int) -> str:
    t, it = f"t{depth}", f"it{depth}"
    return (
        f"COLLECT {{ MATCH ({paper})-[{it}:{IN_TOPIC}]->({t}:{TOPIC}) WHERE {it}.run = run.id "
        f"WITH run, {it}, {t} ORDER BY {it}.weight DESC, {t}.id "
        f"RETURN {_topic(statement, t, shape, depth + 1)} }}"
    )


def _paper_pages(
    statement: Statement, edge: tuple[str, str | None], owner: str, pages: tuple[PaperPage, ...], depth: int
) -> list[str]:
    """The `papers_<i>` items of an entity or a topic (`owner`), reached over `edge`.

    `edge` is `_PAPERS_OF_ENTITY` or `_PAPERS_OF_TOPIC`: a pattern from `{owner}` to `p{depth}` and
    the condition the edge must meet, if any.
    """
    pattern = edge[0].format(owner=owner, depth=depth)
    conditions = [edge[1].format(depth=depth)] if edge[1] else []
    return [f"papers_{i}: {_papers(statement, pattern, conditions, page, depth)}" for i, page in enumerate(pages)]


def _papers(statement: Statement, pattern: str, conditions: list[str], page: PaperPage, depth: int) -> str:
    """One keyset page of `p<depth>`: after `page.after_id` when given (no `$x IS NULL OR …` branch)."""
    p = f"p{depth}"
    if page.after_id is not None:
        conditions = [*conditions, f"{p}.id > {statement.param(page.after_id)}"]
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return (
        f"COLLECT {{ MATCH {pattern}{where} WITH run, {p} ORDER BY {p}.id LIMIT {statement.param(page.limit)} "
        f"RETURN {_paper(statement, p, page.node, depth + 1)} }}"
    )
