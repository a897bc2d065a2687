"""What changed between two reports: a pure function of two `ReportData`, no graph access.

Topic ids change with every analysis run, so topics are matched by the papers they hold: each
current topic is paired with the previous topic it shares the largest fraction of papers with
(Jaccard overlap at least `min_overlap`), greedily, best pairs first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.reports.data import ContradictionRow, ReportData, TopicRow


@dataclass(slots=True)
class PaperRef:
    id: str
    title: str


@dataclass(slots=True)
class TopicChange:
    label: str
    size: int
    previous_size: int
    previous_label: str | None

    @property
    def delta(self) -> int:
        return self.size - self.previous_size


@dataclass(slots=True)
class Changes:
    first: bool
    previous_generated_at: str | None = None
    new_papers: list[PaperRef] = field(default_factory=list)
    removed_papers: list[PaperRef] = field(default_factory=list)
    new_contradictions: list[ContradictionRow] = field(default_factory=list)
    gone_contradictions: int = 0
    grown_topics: list[TopicChange] = field(default_factory=list)
    shrunk_topics: list[TopicChange] = field(default_factory=list)
    new_topics: list[TopicChange] = field(default_factory=list)
    vanished_topics: list[TopicChange] = field(default_factory=list)

    @property
    def nothing_changed(self) -> bool:
        return not (
            self.new_papers
            or self.removed_papers
            or self.new_contradictions
            or self.gone_contradictions
            or self.grown_topics
            or self.shrunk_topics
            or self.new_topics
            or self.vanished_topics
        )


def diff(previous: ReportData | None, current: ReportData, *, min_overlap: float = 0.2) -> Changes:
    """Changes from `previous` to `current`; `Changes(first=True)` when there is no previous report."""
    if previous is None:
        return Changes(first=True)
    changes = Changes(first=False, previous_generated_at=previous.generated_at)
    changes.new_papers = _papers_only_in(current.papers, previous.papers)
    changes.removed_papers = _papers_only_in(previous.papers, current.papers)
    before = {c.key for c in previous.contradictions}
    now = {c.key for c in current.contradictions}
    changes.new_contradictions = [c for c in current.contradictions if c.key not in before]
    changes.gone_contradictions = len(before - now)
    _compare_topics(changes, previous.topics, current.topics, min_overlap)
    return changes


def _papers_only_in(these: dict[str, str], those: dict[str, str]) -> list[PaperRef]:
    return sorted((PaperRef(pid, title) for pid, title in these.items() if pid not in those), key=lambda p: p.title)


def jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def match_topics(previous: list[TopicRow], current: list[TopicRow], min_overlap: float) -> dict[str, TopicRow]:
    """Current topic id -> the previous topic it continues, greedily by decreasing overlap."""
    pairs = sorted(
        (
            (jaccard(set(cur.paper_ids), set(prev.paper_ids)), i, j)
            for i, cur in enumerate(current)
            for j, prev in enumerate(previous)
        ),
        reverse=True,
    )
    matched: dict[str, TopicRow] = {}
    used_previous: set[int] = set()
    for overlap, i, j in pairs:
        if overlap < min_overlap:
            break
        if current[i].id in matched or j in used_previous:
            continue
        matched[current[i].id] = previous[j]
        used_previous.add(j)
    return matched


def _compare_topics(changes: Changes, previous: list[TopicRow], current: list[TopicRow], min_overlap: float) -> None:
    matched = match_topics(previous, current, min_overlap)
    for topic in current:
        before = matched.get(topic.id)
        if before is None:
            changes.new_topics.append(TopicChange(topic.label, topic.size, 0, None))
            continue
        change = TopicChange(topic.label, topic.size, before.size, before.label)
        if change.delta > 0:
            changes.grown_topics.append(change)
        elif change.delta < 0:
            changes.shrunk_topics.append(change)
    continued = {id(t) for t in matched.values()}
    changes.vanished_topics = [TopicChange(t.label, 0, t.size, t.label) for t in previous if id(t) not in continued]
    changes.grown_topics.sort(key=lambda c: -c.delta)
    changes.shrunk_topics.sort(key=lambda c: c.delta)
