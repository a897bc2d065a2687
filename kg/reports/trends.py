"""Rising and falling entities: the share of papers that mention an entity, per period, and its slope.

Pure functions over dates and paper ids; `collect` feeds them what it read from the graph.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

from kg.reports.data import TrendRow

WEEKLY_BELOW_DAYS = 120  # a corpus spanning fewer days than this is bucketed by ISO week, else by month


def period_namer(dates: Iterable[dt.date]) -> type[_Monthly] | type[_Weekly]:
    """Months for long spans, ISO weeks for short ones (a few months of trending papers)."""
    ordered = sorted(dates)
    if ordered and (ordered[-1] - ordered[0]).days < WEEKLY_BELOW_DAYS:
        return _Weekly
    return _Monthly


class _Monthly:
    @staticmethod
    def name(day: dt.date) -> str:
        return f"{day.year:04d}-{day.month:02d}"


class _Weekly:
    @staticmethod
    def name(day: dt.date) -> str:
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"


def bucket_papers(paper_dates: Mapping[str, dt.date]) -> dict[str, str]:
    """Paper id -> period name."""
    namer = period_namer(paper_dates.values())
    return {pid: namer.name(day) for pid, day in paper_dates.items()}


def weighted_slope(shares: list[float], weights: list[float]) -> float:
    """Least-squares slope of `shares` against their index, each point weighted (0.0 if undefined)."""
    total = sum(weights)
    if len(shares) < 2 or total <= 0:
        return 0.0
    xs = range(len(shares))
    mean_x = sum(w * x for w, x in zip(weights, xs, strict=True)) / total
    mean_y = sum(w * y for w, y in zip(weights, shares, strict=True)) / total
    var = sum(w * (x - mean_x) ** 2 for w, x in zip(weights, xs, strict=True))
    if var == 0:
        return 0.0
    cov = sum(w * (x - mean_x) * (y - mean_y) for w, x, y in zip(weights, xs, shares, strict=True))
    return cov / var


def entity_trend(
    key: str, name: str, label: str, paper_ids: Iterable[str], period_of: Mapping[str, str], totals: Mapping[str, int]
) -> TrendRow:
    """One entity's counts per period (every period of `totals`, in order) and the slope of its share."""
    periods = sorted(totals)
    counts = Counter(period_of[pid] for pid in paper_ids if pid in period_of)
    series = [counts.get(p, 0) for p in periods]
    shares = [c / totals[p] for c, p in zip(series, periods, strict=True)]
    slope = weighted_slope(shares, [float(totals[p]) for p in periods])
    return TrendRow(key=key, name=name, label=label, periods=periods, counts=series, slope=slope)


def rising_and_falling(trends: list[TrendRow], top: int) -> tuple[list[TrendRow], list[TrendRow]]:
    """The `top` entities with the steepest positive and the steepest negative slopes."""
    rising = sorted((t for t in trends if t.slope > 0), key=lambda t: (-t.slope, t.key))[:top]
    falling = sorted((t for t in trends if t.slope < 0), key=lambda t: (t.slope, t.key))[:top]
    return rising, falling
