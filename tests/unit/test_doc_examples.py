"""The executable-documentation conventions: placeholders, abridged lists, number tolerance, layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.doc_examples import check, examples, formatted, rewrite_file, rewritten

RUN = "20261203T080604Z-01d039"


def test_run_ids_placeholders_and_abridged_lists_match() -> None:
    shown = {"topics": [{"id": "<run>:0", "size": 57, "label": "…"}, "… 2 more"], "score": 3.954}
    actual = {"topics": [{"id": f"{RUN}:0", "size": 57, "label": "x"}, {"id": "b"}, {"id": "c"}], "score": 3.95412}
    assert check(shown, actual, RUN) == []


def test_differences_name_their_path() -> None:
    shown = {"data": {"contradictions": {"totalCount": 29, "nodes": ["… 1 more"]}}}
    actual = {"data": {"contradictions": {"totalCount": 33, "nodes": [{"a": 1}, {"a": 2}]}}}
    assert check(shown, actual, RUN) == [
        '$.data.contradictions.nodes[0]: "… 1 more" != "… 2 more"',
        "$.data.contradictions.totalCount: 29 != 33",
    ]
    assert check({"score": 0.5971}, {"score": 0.5990}, RUN) == ["$.score: 0.5971 != 0.599"]


def test_rewritten_keeps_the_conventions_and_takes_the_rest_from_the_answer() -> None:
    shown = {"nodes": [{"id": "<run>:0", "label": "…"}, "… 9 more"], "n": 1}
    actual = {"nodes": [{"id": f"{RUN}:3", "label": "new"}, {"id": "x"}], "n": 2.123456}
    assert rewritten(shown, actual, RUN) == {"nodes": [{"id": "<run>:3", "label": "…"}, "… 1 more"], "n": 2.1235}


def test_long_answers_break_one_member_a_line_and_parse_back() -> None:
    value: Any = {"data": {"search": [{"score": 3.9, "paper": {"id": "a" * 12, "title": "t" * 40}}] * 2}}
    text = formatted(value)
    assert json.loads(text) == value
    assert text.startswith('{"data": {"search": [\n  {"score"') and max(map(len, text.splitlines())) <= 110
    assert formatted({"a": 1}) == '{"a": 1}'


def test_rewrite_file_puts_answers_in_place(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text('Intro\n\n```graphql\n{ stats { papers } }\n```\n```json\n{"data": {"stats": {"papers": 1}}}\n```\n')
    assert rewrite_file(doc, lambda example: ({"data": {"stats": {"papers": 614}}}, None)) == 1
    (example,) = examples(doc)
    assert example.answer == {"data": {"stats": {"papers": 614}}} and example.line == 3
    assert doc.read_text().startswith("Intro\n\n```graphql\n")
