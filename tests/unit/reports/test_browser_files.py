"""The Neo4j Browser files: a style for every label, saved queries with titles, a guide in step with them."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.model import NodeLabel, RelType

BROWSER = Path(__file__).resolve().parents[3] / "browser"
QUERIES = sorted((BROWSER / "queries").glob("*.cypher"))


def grass_rules() -> dict[str, str]:
    text = (BROWSER / "style.grass").read_text()
    return {m.group(1): m.group(2) for m in re.finditer(r"^([\w.]+)\s*\{(.*?)^\}", text, re.MULTILINE | re.DOTALL)}


@pytest.mark.parametrize("label", list(NodeLabel))
def test_every_label_has_a_colour_and_a_caption(label: NodeLabel) -> None:
    rule = grass_rules()[f"node.{label.value}"]
    assert re.search(r"^\s*color: #[0-9A-Fa-f]{6};", rule, re.MULTILINE)
    assert re.search(r'^\s*caption: "\{\w+\}";', rule, re.MULTILINE)


def test_style_rules_name_real_labels_and_types() -> None:
    known = {f"node.{label.value}" for label in NodeLabel} | {f"relationship.{t.value}" for t in RelType}
    assert set(grass_rules()) - {"node", "relationship"} <= known


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_saved_query_has_a_title_and_declares_its_parameters(path: Path) -> None:
    lines = path.read_text().splitlines()
    assert lines[0].startswith("// ") and len(lines[0]) > 10
    declared = {m.group(1) for m in re.finditer(r"^:param (\w+) =>", path.read_text(), re.MULTILINE)}
    used = set(re.findall(r"\$(\w+)", path.read_text()))
    assert used == declared


class _Runnable(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.tags: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._inside = tag == "pre" and "runnable" in (dict(attrs).get("class") or "")
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = self._inside and tag != "pre"

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def test_guide_has_one_slide_per_saved_query_and_no_script() -> None:
    page = (BROWSER / "guide.html").read_text()
    parser = _Runnable()
    parser.feed(page)
    assert "script" not in parser.tags
    assert parser.tags.count("slide") == len(QUERIES) + 1
    bodies = {"\n".join(p.read_text().strip().splitlines()[1:]) for p in QUERIES}
    assert bodies <= {html.unescape(block) for block in parser.blocks}, "guide.html drifted from browser/queries"
