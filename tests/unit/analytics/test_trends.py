"""Trends: periods chosen from the span of the dates, papers and mentions per period, slope of the share."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.analytics.trends import entity_trends, periods_of, weighted_slope
from kg.model import Mention, Paper
from kg.reports.data import TrendRow
from kg.reports.trends import rising_and_falling


def dates(*days: str) -> dict[str, dt.date]:
    return {f"p{i}": dt.date.fromisoformat(day) for i, day in enumerate(days)}


def dated(*days: str) -> list[Paper]:
    return [Paper(pid, pid, "", year=day.year, month=day.month, day=day.day) for pid, day in dates(*days).items()]


@pytest.mark.parametrize(
    ("days", "first"),
    [
        (("2025-11-03", "2025-11-20"), "2025-W45"),
        (("2025-01-03", "2025-11-20"), "2025-01"),
        (("2017-12-01", "2025-11-20"), "2017"),
    ],
)
def test_period_granularity_follows_the_span(days: tuple[str, ...], first: str) -> None:
    assert periods_of(dates(*days))["p0"].name == first


def test_slope_of_a_line_and_of_nothing() -> None:
    assert weighted_slope([0, 1, 2], [1.0, 3.0, 5.0], [1, 1, 1]) == pytest.approx(2.0)
    assert weighted_slope([0, 1, 2], [1.0, 1.0, 1.0], [5, 1, 1]) == 0.0
    assert weighted_slope([3], [1.0], [1]) == 0.0
    assert weighted_slope([1, 1], [0.0, 1.0], [1, 1]) == 0.0


def test_rising_and_falling_entities() -> None:
    papers = dated("2021-05-01", "2021-06-01", "2023-05-01", "2023-06-01", "2025-05-01", "2025-06-01")
    mentions = [Mention(f"p{i}", "MODEL:new", "MODEL", "New", count=2) for i in (3, 4, 5)]
    mentions += [Mention(f"p{i}", "METHOD:old", "METHOD", "Old") for i in (0, 1, 2)]
    mentions += [Mention(f"p{i}", "METRIC:flat", "METRIC", "Flat") for i in (0, 2, 4)]
    trends = entity_trends(papers, mentions)
    assert trends.periods == ["2021", "2023", "2025"] and trends.dated_papers == 6
    by_key = {trend.key: trend for trend in trends.entities}
    new, old, flat = by_key["MODEL:new"], by_key["METHOD:old"], by_key["METRIC:flat"]
    assert new.papers == [0, 1, 2] and new.mentions == [0, 2, 4]
    assert new.slope == pytest.approx(0.25)  # share 0, 1/2, 1 over four years
    assert old.slope == pytest.approx(-0.25)
    assert flat.slope == 0.0
    rows = [TrendRow(t.key, t.key, "", trends.periods, t.papers, t.slope) for t in trends.entities]
    rising, falling = rising_and_falling(rows, top=5)
    assert [t.key for t in rising] == ["MODEL:new"]
    assert [t.key for t in falling] == ["METHOD:old"]


def test_papers_without_a_month_are_not_dated() -> None:
    papers = [*dated("2024-01-01", "2025-01-01"), Paper("undated", "U", "", year=2024)]
    mentions = [Mention(pid, "MODEL:x", "MODEL", "X") for pid in ("p0", "undated")]
    (trend,) = entity_trends(papers, mentions).entities
    assert trend.papers == [1, 0]
