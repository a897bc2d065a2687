"""Small inline SVG figures for the HTML report (sparklines, bars): no JavaScript, no CDN, readable offline.

Every piece of text that comes from the graph goes through `markupsafe.escape`, so a title with
`<script>` in it is drawn as text, never parsed as markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from kg.reports.text import visible

PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#FF9DA6", "#9D755D", "#BAB0AC", "#EECA3B")


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def sparkline(counts: list[int], *, width: int = 140, height: int = 28, stroke: str = "#4C78A8") -> Markup:
    """A small line of counts per period, with the last point marked."""
    if not counts:
        return Markup("")
    top = max(counts) or 1
    step = width / max(len(counts) - 1, 1)
    points = [(i * step, height - 3 - (height - 6) * c / top) for i, c in enumerate(counts)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    lx, ly = points[-1]
    return Markup(
        f'<svg class="spark" viewBox="-3 0 {width + 6} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-hidden="true">'
        f'<polyline points="{path}" fill="none" stroke="{stroke}" stroke-width="1.8"/>'
        f'<circle cx="{lx:.1f}" cy="{ly:.1f}" r="2.5" fill="{stroke}"/></svg>'
    )


def bars(values: dict[str, int], *, width: int = 360, bar_height: int = 20) -> Markup:
    """Horizontal bars with their labels and values (e.g. entities per label)."""
    if not values:
        return Markup("")
    top = max(values.values()) or 1
    label_width, gap = 90, 6
    height = len(values) * (bar_height + gap)
    parts = [
        f'<svg class="bars" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img">'
    ]
    for i, (name, value) in enumerate(values.items()):
        y = i * (bar_height + gap)
        length = (width - label_width - 50) * value / top
        parts.append(
            f'<text x="0" y="{y + bar_height - 6}" font-size="12" fill="#333">{escape(visible(name))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" rx="3" fill="{colour(i)}"/>'
            f'<text x="{label_width + length + 5:.1f}" y="{y + bar_height - 6}" font-size="12" '
            f'fill="#333">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
