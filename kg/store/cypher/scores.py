"""Cypher of the per-node values of an analysis run (scores and trends), written in batches, read by run.

A run writes each paper's and entity's values in batches before it becomes current, so a node holds
two generations: the values last written (`pagerank`, ..., tagged `scores_run`) and the ones before
them (`previous_pagerank`, ..., tagged `previous_scores_run`). Writing a node moves its values to
`previous_*` only when they are the current run's, so the current run's values survive on every node
however many batches of a newer run landed, and whether that run completes, fails or is killed.

Readers never read these properties bare: `score(node, name, run)` is the value `run` wrote (null
when that run wrote none), and `scores(node, names, run)` the map entries that override a `{.*}`
projection with them.
"""

from __future__ import annotations

from kg.model import NodeLabel

PAPER = NodeLabel.PAPER.value
ENTITY = NodeLabel.ENTITY.value
RUN = NodeLabel.ANALYSIS_RUN.value

PAPER_SCORES = ("pagerank", "citation_count", "topic_id")
ENTITY_SCORES = (
    "pagerank",
    "trend_papers",
    "trend_mentions",
    "trend_slope",
    "cooccurring_keys",
    "cooccurring_papers",
    "cooccurring_total",
)
TAG = "scores_run"


def score(node: str, name: str, run: str = "run.id") -> str:
    """The Cypher expression of `node`'s value `name` in the run whose id is `run` (null if it wrote none)."""
    return f"CASE {run} WHEN {node}.{TAG} THEN {node}.{name} WHEN {node}.previous_{TAG} THEN {node}.previous_{name} END"


def scores(node: str, names: tuple[str, ...], run: str = "run.id", *, shown: tuple[str, ...] | None = None) -> str:
    """Map entries overriding a `{.*}` projection of `node`, whose analysis values are `names`: each of `shown`
    (default: all) as its value in `run`, every other stored value and the generation tags as null."""
    shown = names if shown is None else shown
    stored = [TAG, f"previous_{TAG}", *(name for name in names if name not in shown)]
    stored += [f"previous_{name}" for name in names]
    return ", ".join([*(f"{name}: {score(node, name, run)}" for name in shown), *(f"{key}: null" for key in stored)])


def _write(label: str, key: str, names: tuple[str, ...]) -> str:
    """UNWIND $rows of {key, names...} onto `label` nodes as run `$run`'s values, keeping the current run's."""
    keep = ", ".join(f"n.previous_{name} = n.{name}" for name in (*names, TAG))
    latest = ", ".join(f"n.{name} = row.{name}" for name in names)
    return f"""
OPTIONAL MATCH (current:{RUN} {{current: true}})
WITH current.id AS current
UNWIND $rows AS row
MATCH (n:{label} {{{key}: row.{key}}})
WITH n, row, coalesce(n.{TAG} = current, false) AS current_values
FOREACH (_ IN CASE WHEN current_values THEN [1] ELSE [] END | SET {keep})
SET {latest}, n.{TAG} = $run
"""


# rows: {id, pagerank, citation_count, topic_id}
WRITE_PAPER_SCORES = _write(PAPER, "id", PAPER_SCORES)

# rows: {key, pagerank, trend_papers, trend_mentions, trend_slope, cooccurring_keys, cooccurring_papers,
# cooccurring_total}; the trend lists are aligned with the run's `trend_periods` (in its summary); the
# co-occurring entities are the run's top ones (`kg.analytics.cooccurrence`), keys and paper counts aligned
WRITE_ENTITY_SCORES = _write(ENTITY, "key", ENTITY_SCORES)

# Graphs analysed before the values were tagged: the untagged values are the current run's (its flip
# set them in one transaction); entity trends carried their own tag, `trend_run`, now folded in.
TAG_UNTAGGED_PAPER_SCORES = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (p:{PAPER})
WHERE p.{TAG} IS NULL AND p.pagerank IS NOT NULL
CALL (p, run) {{ SET p.{TAG} = run.id }} IN TRANSACTIONS OF 10000 ROWS
"""

TAG_UNTAGGED_ENTITY_SCORES = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (e:{ENTITY})
WHERE e.{TAG} IS NULL AND (e.pagerank IS NOT NULL OR e.trend_run IS NOT NULL)
CALL (e, run) {{
  WITH e, run, coalesce(e.trend_run = run.id, false) AS trends
  SET e.{TAG} = run.id,
      e.trend_papers = CASE WHEN trends THEN e.trend_papers END,
      e.trend_mentions = CASE WHEN trends THEN e.trend_mentions END,
      e.trend_slope = CASE WHEN trends THEN e.trend_slope END
  REMOVE e.trend_run
}} IN TRANSACTIONS OF 10000 ROWS
"""
