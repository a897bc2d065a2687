"""`diff`: new papers, new contradictions and topics that grew or shrank, topics matched by their papers."""

from __future__ import annotations

from kg.reports.data import ReportData, TopicRow
from kg.reports.diff import diff, jaccard, match_topics
from tests.unit.reports.sample import sample_report


def test_no_previous_report_is_the_first() -> None:
    changes = diff(None, sample_report())
    assert changes.first
    assert changes.new_papers == []


def test_identical_reports_change_nothing() -> None:
    changes = diff(sample_report(), sample_report())
    assert not changes.first
    assert changes.nothing_changed


def test_new_and_removed_papers() -> None:
    before = sample_report(papers=4, topic_sizes=(2, 2))
    after = sample_report(papers=6)
    changes = diff(before, after)
    assert [p.id for p in changes.new_papers] == ["p4", "p5"]
    assert changes.removed_papers == []
    assert [p.id for p in diff(after, before).removed_papers] == ["p4", "p5"]


def test_new_contradictions_regardless_of_direction() -> None:
    before = sample_report(contradiction_pairs=(("p0:0", "p1:0"),))
    after = sample_report(contradiction_pairs=(("p1:0", "p0:0"), ("p2:0", "p3:1")))
    changes = diff(before, after)
    assert [c.key for c in changes.new_contradictions] == ["p2:0|p3:1"]
    assert changes.gone_contradictions == 0
    assert diff(after, before).gone_contradictions == 1


def test_topics_grow_shrink_appear_and_vanish() -> None:
    before = sample_report(papers=6, topic_sizes=(2, 2, 2))  # {p0,p1} {p2,p3} {p4,p5}
    after = sample_report(papers=6, topic_sizes=(3, 1))  # {p0,p1,p2} {p3}
    changes = diff(before, after)
    assert [(c.previous_size, c.size) for c in changes.grown_topics] == [(2, 3)]
    assert [(c.previous_size, c.size) for c in changes.shrunk_topics] == [(2, 1)]
    assert changes.new_topics == []
    assert [c.previous_size for c in changes.vanished_topics] == [2]


def test_topic_ids_do_not_matter_papers_do() -> None:
    before = sample_report()
    after = sample_report()
    for topic in after.topics:
        topic.id = "other-run:" + topic.id
    assert diff(before, after).nothing_changed


def test_match_is_one_to_one_and_prefers_the_largest_overlap() -> None:
    previous = [TopicRow("a", "A", 4, paper_ids=["1", "2", "3", "4"]), TopicRow("b", "B", 2, paper_ids=["5", "6"])]
    current = [TopicRow("x", "X", 5, paper_ids=["1", "2", "3", "4", "5"]), TopicRow("y", "Y", 1, paper_ids=["6"])]
    matched = match_topics(previous, current, min_overlap=0.2)
    assert matched["x"].id == "a"
    assert matched["y"].id == "b"
    assert jaccard({"1"}, set()) == 0.0


def test_report_data_round_trips_through_json() -> None:
    report = sample_report(text="naïve <b>")
    assert ReportData.from_json(report.to_json()) == report
