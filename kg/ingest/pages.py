"""Reader for the corpus listing pages (text copied from paper-listing web pages), in two layouts.

* "pairs": two header lines, then "Subscribe" glued to the first title, then alternating
  title line / abstract line, no blank lines.
* "daily list": header lines ("new", "Subscribe", "Daily Papers", a date such as "May 14" ...), then
  blank-line separated blocks: title, abstract, and an optional metadata block made of an author
  count ("  • 8 authors") or an organisation ("naver-ai NAVER AI Lab"), a "·" line, and a date
  ("Nov 20, 2025" or "Mar 3") optionally followed by an upvote count ("Mar 3 6").

The layout is detected from the first lines of the file, never from its name. Titles and abstracts
are told apart by their shape (`looks_like_abstract`), so a title with no abstract is noticed and
rejected instead of shifting every later record.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from kg.ingest.dates import parse_date
from kg.ingest.lines import Line
from kg.model import Occurrence, Paper, Reject, paper_id

HEADER_LINES = frozenset(
    {
        "new",
        "Get trending papers in your email inbox once a day!",
        "Get trending papers in your email inbox!",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
    }
)
SUBSCRIBE = "Subscribe"
META_SEPARATOR = "·"
_AUTHORS = re.compile(r"^\s*•\s*(?P<count>\d+)\s+authors?\s*$")
_DATE_AND_UPVOTES = re.compile(r"^(?P<date>[A-Za-z]{3,9}\.? \d{1,2}(?:, \d{4})?)(?:\s+(?P<upvotes>\d+))?$")
_DETECT_LINES = 20
ABSTRACT_MIN_CHARS = 200
EXCERPT_CHARS = 80


class Layout(StrEnum):
    PAIRS = "pairs"
    DAILY = "daily"


@dataclass(slots=True)
class Block:
    """Consecutive non-blank lines (in the pairs layout, always exactly one line)."""

    lines: list[Line]

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines)

    @property
    def problem(self) -> Line | None:
        return next((line for line in self.lines if not line.ok), None)

    @property
    def is_metadata(self) -> bool:
        texts = [line.text.strip() for line in self.lines]
        return META_SEPARATOR in texts or any(_AUTHORS.match(text) for text in texts)


def read_page(source: str, lines: Iterable[Line]) -> Iterator[Paper | Reject]:
    """Yield one `Paper` per record of a listing page (one `Occurrence` each), and a `Reject` per bad record."""
    head, lines = _peek(iter(lines), _DETECT_LINES)
    layout = detect_layout(head)
    blocks = _blocks(lines) if layout is Layout.DAILY else _single_line_blocks(lines)
    assembler = _Assembler(source)
    found = False
    for block in _skip_header(blocks):
        for item in assembler.feed(block):
            found = found or isinstance(item, Paper)
            yield item
    for item in assembler.finish():
        found = found or isinstance(item, Paper)
        yield item
    if not found:
        yield Reject(source, None, f"{source}: no papers found (a {layout} listing page with nothing after its header)")


def detect_layout(head: list[Line]) -> Layout:
    """Daily lists separate every block by a blank line and name themselves "Daily Papers"."""
    texts = [line.text.strip() for line in head if line.ok]
    blanks = sum(1 for text in texts if not text)
    if "Daily Papers" in texts or blanks * 3 >= max(len(texts), 1):
        return Layout.DAILY
    return Layout.PAIRS


def looks_like_abstract(text: str) -> bool:
    """An abstract is long, or at least a full sentence of a dozen words; a title is neither."""
    return len(text) >= ABSTRACT_MIN_CHARS or (text.endswith(".") and len(text.split()) >= 12)


def _peek(lines: Iterator[Line], count: int) -> tuple[list[Line], Iterator[Line]]:
    head = list(itertools.islice(lines, count))
    return head, itertools.chain(head, lines)


def _single_line_blocks(lines: Iterable[Line]) -> Iterator[Block]:
    for line in lines:
        if not line.ok or line.text.strip():
            yield Block([line])


def _blocks(lines: Iterable[Line]) -> Iterator[Block]:
    current: list[Line] = []
    for line in lines:
        if line.ok and not line.text.strip():
            if current:
                yield Block(current)
            current = []
        else:
            current.append(line)
    if current:
        yield Block(current)


def _skip_header(blocks: Iterable[Block]) -> Iterator[Block]:
    """Drop the page header; a first title glued to "Subscribe" is unglued."""
    in_header = True
    for block in blocks:
        if in_header and block.problem is None:
            rest = _after_header(block)
            if not rest:
                continue
            block = Block(rest)
        in_header = False
        yield block


def _after_header(block: Block) -> list[Line]:
    """The lines of `block` after its header lines (all of them when the block is pure header: none)."""
    for index, line in enumerate(block.lines):
        text = line.text.strip()
        if text in HEADER_LINES or parse_date(text) is not None:
            continue
        if text.startswith(SUBSCRIBE) and len(text) > len(SUBSCRIBE):
            return [Line(line.number, text[len(SUBSCRIBE) :]), *block.lines[index + 1 :]]
        return block.lines[index:]
    return []


class _Assembler:
    """Turns a stream of blocks into papers: title, abstract, then optional metadata."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.position = 0
        self.title: Line | None = None  # a title waiting for its abstract
        self.paper: Paper | None = None  # a complete paper waiting for possible metadata
        self.skip_abstract = False  # the title of the record was unreadable: drop its abstract too

    def feed(self, block: Block) -> Iterator[Paper | Reject]:
        broken = block.problem
        if broken is not None:
            yield from self._flush_paper()
            yield from self._broken(block, broken)
        elif block.is_metadata:
            yield from self._metadata(block)
        elif looks_like_abstract(block.text):
            yield from self._abstract(block)
        else:
            yield from self._flush()
            self.skip_abstract = False
            self.title = Line(block.first, block.text)

    def finish(self) -> Iterator[Paper | Reject]:
        yield from self._flush()

    def _broken(self, block: Block, line: Line) -> Iterator[Reject]:
        if self.title is not None:
            yield self._reject(self.title.number, f"abstract unreadable, line {line.number}: {line.problem}", line)
            self.title = None
        else:
            yield self._reject(line.number, str(line.problem), line)
            self.skip_abstract = True

    def _abstract(self, block: Block) -> Iterator[Paper | Reject]:
        if self.title is None:
            yield from self._flush()
            if not self.skip_abstract:
                yield self._reject(block.first, "abstract with no title before it", Line(block.first, block.text))
            self.skip_abstract = False
            return
        self.position += 1
        title = self.title.text
        occurrence = Occurrence(self.source, self.title.number, self.position)
        self.paper = Paper(id=paper_id(title), title=title, abstract=block.text, occurrences=[occurrence])
        self.title = None

    def _metadata(self, block: Block) -> Iterator[Paper | Reject]:
        if self.paper is None:
            yield from self._flush()
            yield self._reject(block.first, "metadata with no paper before it", block.lines[0])
            return
        for line in block.lines:
            problem = apply_metadata_line(self.paper, line.text)
            if problem:
                yield self._reject(line.number, problem, line)
        yield from self._flush()

    def _flush(self) -> Iterator[Paper | Reject]:
        yield from self._flush_paper()
        if self.title is not None:
            yield self._reject(self.title.number, "title with no abstract", self.title)
            self.title = None

    def _flush_paper(self) -> Iterator[Paper]:
        if self.paper is not None:
            yield self.paper
            self.paper = None

    def _reject(self, line_number: int, reason: str, line: Line) -> Reject:
        excerpt = (line.text or line.excerpt)[:EXCERPT_CHARS]
        return Reject(self.source, line_number, f"{self.source}, line {line_number}: {reason}", excerpt)


def apply_metadata_line(paper: Paper, text: str) -> str | None:
    """Record one metadata line on `paper`; return why the line was not understood, if it was not."""
    text = text.strip()
    if text == META_SEPARATOR:
        return None
    authors = _AUTHORS.match(text)
    if authors:
        paper.author_count = int(authors["count"])
        return None
    dated = _DATE_AND_UPVOTES.match(text)
    if dated:
        date = parse_date(dated["date"])
        if date is None:
            return f"metadata not understood (not a date): {text!r}"
        paper.date, paper.year, paper.month, paper.day = date.iso, date.year, date.month, date.day
        paper.upvotes = int(dated["upvotes"]) if dated["upvotes"] else None
        return None
    handle, _, name = text.partition(" ")
    paper.organization = name.strip() or handle
    return None
