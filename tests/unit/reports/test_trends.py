"""Trends: periods chosen from the span of the dates, slope of an entity's share of papers."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.reports.trends import entity_trend, period_totals, periods_of, rising_and_falling, weighted_slope


def dates(*days: str) -> dict[str, dt.date]:
    return {f"p{i}": dt.date.fromisoformat(day) for i, day in enumerate(days)}


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
    paper_dates = dates("2021-05-01", "2021-06-01", "2023-05-01", "2023-06-01", "2025-05-01", "2025-06-01")
    period_of = periods_of(paper_dates)
    totals = period_totals(period_of)
    assert [p.name for p in totals] == ["2021", "2023", "2025"]
    new = entity_trend("MODEL:new", "New", "MODEL", ["p3", "p4", "p5"], period_of, totals)
    old = entity_trend("METHOD:old", "Old", "METHOD", ["p0", "p1", "p2"], period_of, totals)
    flat = entity_trend("METRIC:flat", "Flat", "METRIC", ["p0", "p2", "p4"], period_of, totals)
    assert new.counts == [0, 1, 2]
    assert new.slope == pytest.approx(0.25)  # share 0, 1/2, 1 over four years
    assert old.slope == pytest.approx(-0.25)
    assert flat.slope == 0.0
    rising, falling = rising_and_falling([flat, old, new], top=5)
    assert [t.key for t in rising] == ["MODEL:new"]
    assert [t.key for t in falling] == ["METHOD:old"]


def test_papers_without_a_period_are_ignored() -> None:
    period_of = periods_of(dates("2024-01-01", "2025-01-01"))
    totals = period_totals(period_of)
    trend = entity_trend("MODEL:x", "X", "MODEL", ["p0", "undated"], period_of, totals)
    assert trend.counts == [1, 0]
