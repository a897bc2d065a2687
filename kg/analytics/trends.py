"""Trends: per entity, the papers and mentions per period of the dated papers, and the slope of its share.

Computed once per analysis run (`entity_trends`) and written with it; export and report read them.
The period adapts to the span of the dates: ISO weeks under four months, months under three years,
years beyond. Periods without papers are left out, but the slope is taken against real time.
Papers need a year and a month to be dated (the day defaults to the 1st).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kg.model import Mention, Paper

WEEKS_BELOW_DAYS = 120
MONTHS_BELOW_DAYS = 3 * 365


@dataclass(frozen=True, slots=True)
class Period:
    name: str  # "2025-W47", "2025-11" or "2025": sorts in time order
    position: float  # in units of the period, for the slope


@dataclass(frozen=True, slots=True)
class EntityTrend:
    """One entity over the periods of the run (`Trends.periods`), index by index."""

    key: str
    papers: list[int]  # dated papers mentioning the entity
    mentions: list[int]
    slope: float  # change of its share of papers per period (weighted least squares)

    @property
    def total_papers(self) -> int:
        return sum(self.papers)


@dataclass(frozen=True, slots=True)
class Trends:
    periods: list[str]  # in time order
    dated_papers: int
    entities: list[EntityTrend]  # sorted by key


def week(day: dt.date) -> Period:
    year, number, _ = day.isocalendar()
    return Period(f"{year:04d}-W{number:02d}", day.toordinal() // 7)


def month(day: dt.date) -> Period:
    return Period(f"{day.year:04d}-{day.month:02d}", day.year * 12 + day.month - 1)


def year(day: dt.date) -> Period:
    return Period(f"{day.year:04d}", day.year)


def periods_of(paper_dates: Mapping[str, dt.date]) -> dict[str, Period]:
    """Paper id -> its period, at a granularity chosen from the span of all the dates."""
    if not paper_dates:
        return {}
    span = (max(paper_dates.values()) - min(paper_dates.values())).days
    bucket = week if span < WEEKS_BELOW_DAYS else month if span < MONTHS_BELOW_DAYS else year
    return {pid: bucket(day) for pid, day in paper_dates.items()}


def weighted_slope(xs: list[float], ys: list[float], weights: list[float]) -> float:
    """Weighted least-squares slope of `ys` against `xs` (0.0 when undefined)."""
    total = sum(weights)
    if len(xs) < 2 or total <= 0:
        return 0.0
    mean_x = sum(w * x for w, x in zip(weights, xs, strict=True)) / total
    mean_y = sum(w * y for w, y in zip(weights, ys, strict=True)) / total
    var = sum(w * (x - mean_x) ** 2 for w, x in zip(weights, xs, strict=True))
    if var == 0:
        return 0.0
    cov = sum(w * (x - mean_x) * (y - mean_y) for w, x, y in zip(weights, xs, ys, strict=True))
    return cov / var


def period_totals(period_of: Mapping[str, Period]) -> dict[Period, int]:
    """Dated papers per period, in time order."""
    counts = Counter(period_of.values())
    return {p: counts[p] for p in sorted(counts, key=lambda p: p.position)}


def paper_dates(papers: Iterable[Paper]) -> dict[str, dt.date]:
    """The date of every paper with a year and a month (day 1 when the day is unknown)."""
    dates = {}
    for paper in papers:
        if paper.year and paper.month:
            try:
                dates[paper.id] = dt.date(paper.year, paper.month, paper.day or 1)
            except ValueError:
                continue
    return dates


def entity_trends(papers: Sequence[Paper], mentions: Iterable[Mention]) -> Trends:
    """The trend of every entity a dated paper mentions, over the periods of the dated papers."""
    period_of = periods_of(paper_dates(papers))
    totals = period_totals(period_of)
    index = {period: position for position, period in enumerate(totals)}
    papers_in: dict[str, list[int]] = defaultdict(lambda: [0] * len(index))
    mentions_in: dict[str, list[int]] = defaultdict(lambda: [0] * len(index))
    for mention in mentions:
        period = period_of.get(mention.paper_id)
        if period is not None:
            papers_in[mention.entity_key][index[period]] += 1
            mentions_in[mention.entity_key][index[period]] += mention.count
    positions = [period.position for period in totals]
    weights = [float(count) for count in totals.values()]
    entities = [
        EntityTrend(key, papers_in[key], mentions_in[key], _slope(papers_in[key], totals, positions, weights))
        for key in sorted(papers_in)
    ]
    return Trends([period.name for period in totals], len(period_of), entities)


def _slope(series: list[int], totals: Mapping[Period, int], positions: list[float], weights: list[float]) -> float:
    shares = [count / total for count, total in zip(series, totals.values(), strict=True)]
    return weighted_slope(positions, shares, weights)
