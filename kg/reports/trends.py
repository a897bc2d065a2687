"""Rising and falling entities: the share of dated papers that mention an entity, per period, and its slope.

Pure functions over dates and paper ids; `collect` feeds them what it read from the graph. The
period adapts to the span of the dates: ISO weeks under four months, months under three years,
years beyond. Periods without papers are left out, but the slope is taken against real time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.reports.data import TrendRow

WEEKS_BELOW_DAYS = 120
MONTHS_BELOW_DAYS = 3 * 365


@dataclass(frozen=True, slots=True)
class Period:
    name: str  # "2025-W47", "2025-11" or "2025": sorts in time order
    position: float  # in units of the period, for the slope


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


def entity_trend(
    key: str,
    name: str,
    label: str,
    paper_ids: Iterable[str],
    period_of: Mapping[str, Period],
    totals: Mapping[Period, int],
) -> TrendRow:
    """One entity's papers per period (every period of `totals`) and the slope of its share of papers."""
    periods = list(totals)
    counts = Counter(period_of[pid] for pid in paper_ids if pid in period_of)
    series = [counts.get(p, 0) for p in periods]
    shares = [c / totals[p] for c, p in zip(series, periods, strict=True)]
    slope = weighted_slope([p.position for p in periods], shares, [float(totals[p]) for p in periods])
    return TrendRow(key=key, name=name, label=label, periods=[p.name for p in periods], counts=series, slope=slope)


def rising_and_falling(trends: list[TrendRow], top: int) -> tuple[list[TrendRow], list[TrendRow]]:
    """The `top` entities with the steepest positive and the steepest negative slopes."""
    rising = sorted((t for t in trends if t.slope > 0), key=lambda t: (-t.slope, t.key))[:top]
    falling = sorted((t for t in trends if t.slope < 0), key=lambda t: (t.slope, t.key))[:top]
    return rising, falling
