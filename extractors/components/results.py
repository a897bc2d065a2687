"""Results: each reported number tied to its metric, subject and dataset.

A number counts when a METRIC entity sits within `window` characters of it in the same sentence
(or a rate word from `result_words.tsv` follows it: "5x faster"). Values keep their unit or sign
as written ("40-65%", "5x", "+1.1", "1.95"); "from A to B" gives the final value B and the change
"from A". LaTeX leftovers (`12\\%`, `5times`, `sim50times`) and thousands separators parse.
Numbers that belong to names (GPT-4, LLaMA-7B, VAR-d30), list markers and years are skipped.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.components.text import doc_text, span_text
from extractors.resources import read_mapping

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = (
    r"\s?(?:\\?%|[x×X](?![A-Za-z])|times\b|-fold\b|\s?dB\b"
    r"|\s?(?:points|pts|pp|ms|GB|MB|TB|hours|days)\b|[MBK](?![A-Za-z]))"
)
_VALUE = re.compile(
    r"(?<![\w\-./])(?:(?P<from>from\s+(?:" + _NUMBER + r")(?:" + _UNIT + r")?\s+to\s+)|(?:sim|~|≈))?"
    r"(?P<sign>[+\-−±])?(?P<num>" + _NUMBER + r")"
    r"(?P<range>(?:" + _UNIT + r")?\s?(?:-|–|to)\s?(?:" + _NUMBER + r"))?"
    r"(?P<power>\s?(?:times|×|x)\s?10\^\{?-?\d+\}?)?"
    r"(?P<unit>" + _UNIT + r")?"
    r"(?!\w|[.,]\d|-[A-Za-z])"
)
_UNIT_GAP = re.compile(r"^\s*$")  # "2.2 times 10^{15} FLOPs": the metric is the unit
_ADJACENT_GAP = re.compile(
    r"^\s*(?:of|=|:|is|was|at|to|reaches|achieves)?\s*(?:about|around|approximately|only|just)?\s*$"
)
_FORWARD_GAP = re.compile(r"^[\s)]*(?:(?!and\b|or\b|while\b|with\b|but\b)[A-Za-z\-]+\s+){0,3}$")
_COUNT_UNITS = ("M", "B", "K")
_BOAST = re.compile(r"\b(?:only|just|mere|merely)\s+(?:about\s+|around\s+)?$")
_WINNING = re.compile(r"\b(?:outperform|surpass|beat|exceed|improv)\w*\b[^.;]*$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(slots=True)
class FoundResult:
    metric: str
    value: str
    unit: str | None
    subject: str | None
    dataset: str | None
    number: float | None
    change: str | None
    start: int
    end: int


@Language.factory(
    "kg_results",
    default_config={
        "entities_key": "kg_entities",
        "words_file": "result_words.tsv",
        "window": 70,
        "implicit_metric": "accuracy",
    },
)
def make_results(
    nlp: Language, name: str, entities_key: str, words_file: str, window: int, implicit_metric: str
) -> ResultFinder:
    return ResultFinder(entities_key, read_mapping(words_file), window, implicit_metric)


class ResultFinder:
    def __init__(self, entities_key: str, rate_words: dict[str, str], window: int, implicit_metric: str) -> None:
        self.entities_key = entities_key
        self.implicit_metric = implicit_metric
        self.rate_words = rate_words
        self.window = window
        if not Doc.has_extension("results"):
            Doc.set_extension("results", default=None)

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.spans[self.entities_key]) if self.entities_key in doc.spans else []
        found: list[FoundResult] = []
        for sent in doc.sents:
            found.extend(self.in_sentence(doc, sent, [e for e in entities if sent.start <= e.start < sent.end]))
        doc._.results = [asdict(result) for result in found]  # plain dicts: docs serialize across processes
        return doc

    def in_sentence(self, doc: Doc, sent: Span, entities: list[Span]) -> list[FoundResult]:
        base = sent.start_char
        text = doc_text(doc)[base : sent.end_char]
        metrics = [e for e in entities if e.label_ == "METRIC"]
        found = []
        inside = [(e.start_char, e.end_char) for e in entities]
        for match in _VALUE.finditer(text):
            start, end = base + match.start(), base + match.end()
            if self.is_noise(match, text) or any(a <= start < b for a, b in inside):
                continue
            metric = self.following(doc, metrics, end, gap=_UNIT_GAP) or self.adjacent(doc, metrics, start)
            metric = metric or self.following(doc, metrics, end)
            metric = metric or self.rate_word(text, match.end())
            metric = metric or self.nearest(metrics, start, end) or self.implicit(text, match)
            if metric is None or self.is_count(match, metric, text):
                continue
            found.append(self.build(match, metric, entities, start, end))
        return found

    @staticmethod
    def is_noise(match: re.Match[str], text: str) -> bool:
        num, unit = match.group("num"), match.group("unit")
        if _YEAR.match(num) and not unit:
            return True
        before = text[max(0, match.start() - 1) : match.start()]
        after = text[match.end() : match.end() + 1]
        return before == "(" and after == ")" and not unit

    def implicit(self, text: str, match: re.Match[str]) -> str | None:
        """ "outperforms ViT by 1.5%": a margin with no metric named is read as `implicit_metric`."""
        if "%" not in (match.group("unit") or "") or not text[: match.start()].rstrip().endswith(" by"):
            return None
        return self.implicit_metric if _WINNING.search(text[: match.start()]) else None

    @staticmethod
    def is_count(match: re.Match[str], metric: str, text: str) -> bool:
        """35M, 1.3B: model or data sizes, not results; unless a parameter count is boasted ("only 3.6 M")."""
        unit = (match.group("unit") or "").strip()
        if unit not in _COUNT_UNITS:
            return False
        return "param" not in metric.lower() or not _BOAST.search(text[max(0, match.start() - 25) : match.start()])

    @staticmethod
    def adjacent(doc: Doc, metrics: list[Span], start: int) -> str | None:
        """A metric right before the number: "FID 1.95", "accuracy of 80.3%"."""
        for metric in metrics:
            if metric.end_char <= start and _ADJACENT_GAP.match(doc_text(doc)[metric.end_char : start]):
                return metric.text
        return None

    @staticmethod
    def following(doc: Doc, metrics: list[Span], end: int, gap: re.Pattern[str] = _FORWARD_GAP) -> str | None:
        """A metric named right after the number: "14X cut in learnable parameters", "2x memory usage"."""
        for metric in metrics:
            if metric.start_char >= end and gap.match(doc_text(doc)[end : metric.start_char]):
                return metric.text
        return None

    def nearest(self, metrics: list[Span], start: int, end: int) -> str | None:
        best, best_distance = None, self.window + 1
        for metric in metrics:
            distance = start - metric.end_char if metric.end_char <= start else metric.start_char - end
            if 0 <= distance < best_distance:
                best, best_distance = metric.text, distance
        return best

    def rate_word(self, text: str, value_end: int) -> str | None:
        following = text[value_end : value_end + 30].lower().split()
        for word in following[:1]:
            metric = self.rate_words.get(word.strip(".,;:)"))
            if metric:
                return metric
        return None

    @staticmethod
    def build(match: re.Match[str], metric: str, entities: list[Span], start: int, end: int) -> FoundResult:
        value = match.group(0)
        change = None
        if match.group("from"):
            change = match.group("from").strip().removesuffix(" to").strip()
            value = value[len(match.group("from")) :]
        unit = (match.group("unit") or "").strip().replace("\\", "") or None
        subjects = [span_text(e) for e in entities if e.label_ in ("MODEL", "METHOD") and e.end_char <= start]
        datasets = [span_text(e) for e in entities if e.label_ == "DATASET"]
        number = float(match.group("num").replace(",", ""))
        return FoundResult(
            metric=metric,
            value=value.strip(),
            unit=unit,
            subject=subjects[-1] if subjects else None,
            dataset=datasets[0] if datasets else None,
            number=number,
            change=change,
            start=start,
            end=end,
        )
