"""Hand-made report data for unit tests, optionally full of hostile text."""

from __future__ import annotations

from kg.reports.data import (
    ClaimSide,
    ContradictionRow,
    EntityRow,
    Overview,
    PaperRow,
    ReportData,
    RunInfo,
    TopicLink,
    TopicRow,
    TrendRow,
)

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> | *bold* [x](javascript:alert(3)) \x07\x1b"


def sample_report(
    *,
    text: str = "",
    papers: int = 6,
    topic_sizes: tuple[int, ...] = (3, 2, 1),
    contradiction_pairs: tuple[tuple[str, str], ...] = (("p0:0", "p1:0"),),
    generated_at: str = "2026-01-01T06:00:00+00:00",
) -> ReportData:
    """A small, consistent report; `text` is appended to every string shown from the graph."""
    ids = [f"p{i}" for i in range(papers)]
    titles = {pid: f"Paper {pid} {text}".strip() for pid in ids}
    topics, start = [], 0
    for n, size in enumerate(topic_sizes):
        topics.append(
            TopicRow(
                f"run:{n}", f"topic {n} {text}".strip(), size, ["alpha", text or "beta"], ids[start : start + size]
            )
        )
        start += size
    return ReportData(
        generated_at=generated_at,
        run=RunInfo("run", "2026-01-01T05:59:00+00:00"),
        overview=Overview(
            papers,
            {"MODEL": 4, "METHOD": 3, "METRIC": 2, "DATASET": 1, "HARDWARE": 1},
            "2025-10-01",
            "2025-11-20",
            5,
            7,
            3,
            len(contradiction_pairs),
        ),
        topics=topics,
        topic_links=[TopicLink("run:0", "run:1", 4), TopicLink("run:1", "run:2", 1)],
        rising=[TrendRow("MODEL:x", f"X {text}", "MODEL", ["2025-10", "2025-11"], [1, 4], 0.2)],
        falling=[TrendRow("METHOD:y", f"Y {text}", "METHOD", ["2025-10", "2025-11"], [3, 1], -0.1)],
        most_cited=[PaperRow(ids[0], titles[ids[0]], "2025-10-01", 3, 0.2)],
        most_central=[PaperRow(ids[1], titles[ids[1]], None, 1, 0.3)],
        top_entities={"MODEL": [EntityRow("MODEL:x", f"X {text}", "MODEL", 4, 9)], "HARDWARE": []},
        contradictions=[
            ContradictionRow(
                0.9,
                f"depth {text}",
                f"opposite {text}",
                ClaimSide(a, f"Deeper is better {text}", a.split(":")[0], titles.get(a.split(":")[0], a)),
                ClaimSide(b, f"Wider is better {text}", b.split(":")[0], titles.get(b.split(":")[0], b)),
            )
            for a, b in contradiction_pairs
        ],
        papers=titles,
    )
