"""Rising and falling entities, from the trends the analysis run computed (`kg.analytics.trends`)."""

from __future__ import annotations

from kg.reports.data import TrendRow


def rising_and_falling(trends: list[TrendRow], top: int) -> tuple[list[TrendRow], list[TrendRow]]:
    """The `top` entities with the steepest positive and the steepest negative slopes."""
    rising = sorted((t for t in trends if t.slope > 0), key=lambda t: (-t.slope, t.key))[:top]
    falling = sorted((t for t in trends if t.slope < 0), key=lambda t: (t.slope, t.key))[:top]
    return rising, falling
