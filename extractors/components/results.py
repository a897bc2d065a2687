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
from extractors.resources import read_tsv, read_words

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = (
    r"\s?(?:\\?%|[x×X](?![A-Za-z])|times\b|-?fold\b|\s?dB\b"
    r"|\s?(?:points|pts|pp|ms|GB|MB|TB|hours|days)\b|[MBK](?![A-Za-z]))"
)
_APPROX = r"(?:approx(?:imately)?\s+|about\s+|around\s+|~\s?)?"
_VALUE = re.compile(
    r"(?=[\d+\-−±~≈fbs])(?:(?<![\w\-./])|(?<=\d\.\d/)|(?<=\d\.\d\d/))"  # the first character, then the boundary
    r"(?:(?P<from>from\s+(?:" + _NUMBER + r")(?:" + _UNIT + r")?\s+to\s+)|(?P<between>between\s+" + _APPROX + r")"
    r"|(?:sim|~|≈))?"
    r"(?P<sign>[+\-−±])?(?P<num>" + _NUMBER + r")"
    r"(?P<range>(?:" + _UNIT + r")?\s?(?:-|–|to|(?(between)and\s+" + _APPROX + r"|(?!)))\s?(?:" + _NUMBER + r"))?"
    r"(?P<power>\s?(?:times|×|x)\s?10\^\{?-?\d+\}?)?"
    r"(?P<unit>" + _UNIT + r")?"
    r"(?!\w|[.,]\d|-[A-Za-z])"
)
_UNIT_GAP = re.compile(r"^\s*$")  # "2.2 times 10^{15} FLOPs": the metric is the unit
_HEDGE = (
    r"(?:about|around|approx(?:imately)?|roughly|only|just|up\s+to|over|nearly|almost|as\s+much\s+as"
    r"|as\s+high\s+as|more\s+than|at\s+least|at\s+most|less\s+than|no\s+more\s+than|~)"
)
_ADJACENT_GAP = re.compile(r"^\s*(?:of|=|:|is|was|at|to|reaches|achieves)?\s*(?:" + _HEDGE + r"\s*)?\(?\s*$")
_WORD = r"[A-Za-z][\w\-]*"
# a plural noun right after the number ("25 tested baselines", "1000 tokens"), not "as", "is", "does"
_COUNTED = re.compile(r"\s+(?:(?!(?:and|or|but|while)\s)[a-z\-]+\s+)?[a-z\-]{3,}(?<![su])(?<!\bdoe)s\b")
_COORDINATED = re.compile(r"^\s*(?:,|/|and|or|,\s*and|,\s*or)\s*$")
_FORWARD_GAP = re.compile(r"^[\s)]*(?:(?!and\b|or\b|while\b|with\b|but\b)[A-Za-z\-]+\s+){0,3}$")
_COUNT_UNITS = ("M", "B", "K")
_BOAST = re.compile(r"\b(?:only|just|mere|merely)\s+(?:about\s+|around\s+)?$")
_WINNING = re.compile(r"\b(?:outperform|surpass|beat|exceed|improv)\w*\s+(?:[^\s.;,]+\s+){0,6}by\s+$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# where a clause starts, for a metric named across it: "improves top-1 accuracy on ImageNet by 2.1 points"
_CLAUSE_BREAK = re.compile(r";|:|,\s*(?:and|but|while|whereas|which)\b|\b(?:while|whereas|which)\b")
_MARGIN_BEFORE = re.compile(r"\b(?:by|to)\s+(?:" + _HEDGE + r"\s+)?$")
_COMPARATIVE = re.compile(r"\b(?:higher|lower|better|worse|more|less)\b")
_MARGIN_HOPS = 3  # number -> "points" -> the verb (or "by" phrase -> verb)
_MARGIN_AFTER = re.compile(r"\s*(?:points?\s+|pp\s+)?(?:higher|lower|better|worse|more|less|above|below)\b")


def _of_or_by_before(text: str, value_start: int) -> bool:
    """A cheap test before the slower searches that need "of" or "by" (and a hedge) before the number."""
    window = text[max(0, value_start - 30) : value_start]
    return " of " in window or " by " in window


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
        "heads_file": "heads.tsv",
        "function_words_file": "function_words.tsv",
        "window": 70,
        "implicit_metric": "accuracy",
    },
)
def make_results(
    nlp: Language,
    name: str,
    entities_key: str,
    words_file: str,
    heads_file: str,
    function_words_file: str,
    window: int,
    implicit_metric: str,
) -> ResultFinder:
    words = ResultWords(
        after={row[0]: row[1] for row in read_tsv(words_file) if row[2] == "after"},
        change={row[0]: row[1] for row in read_tsv(words_file) if row[2] == "change"},
        verbs=frozenset(row[0] for row in read_tsv(words_file) if row[2] == "verb"),
        metric_heads=frozenset(row[0] for row in read_tsv(heads_file) if row[1] == "METRIC"),
        skipped=read_words(function_words_file)
        | frozenset(row[0] for row in read_tsv(words_file) if row[2] in ("qualifier", "target")),
        targets=frozenset(row[0] for row in read_tsv(words_file) if row[2] == "target"),
    )
    return ResultFinder(entities_key, words, window, implicit_metric)


@dataclass(frozen=True, slots=True)
class ResultWords:
    after: dict[str, str]  # a rate word right after the number: "5x faster" -> speed
    change: dict[str, str]  # a change noun: "80% memory reduction", "improvements of up to 10%"
    verbs: frozenset[str]  # a change verb: "reduces the performance gap by 32%"
    metric_heads: frozenset[str]  # "3x higher scores": a metric word after a rate word
    skipped: frozenset[str]  # function words and qualifiers ("absolute", "average"): not part of a metric
    targets: frozenset[str]  # what is beaten, not what is measured: "boosts baselines by 2 points"


class ResultFinder:
    def __init__(self, entities_key: str, words: ResultWords, window: int, implicit_metric: str) -> None:
        self.entities_key = entities_key
        self.implicit_metric = implicit_metric
        self.words = words
        self.window = window
        verbs = "|".join(sorted(words.verbs, key=len, reverse=True))
        nouns = "|".join(sorted(map(re.escape, words.change), key=len, reverse=True))
        # "80% memory reduction", "8.2\\% perplexity improvement": up to two words, then the change noun
        self.change_after_regex = re.compile(r"\s*\}?\s*((?:" + _WORD + r"\s+){1,2}?)(" + nouns + r")\b", re.IGNORECASE)
        # "performance improvements of up to 10%": a change noun, then of/by, right before the number
        self.change_verb = re.compile(r"\b(?:" + verbs + r")\b", re.IGNORECASE)
        self.change_before_regex = re.compile(
            r"((?:" + _WORD + r"\s+){0,2})(" + nouns + r")\s+(?:of|by)\s+(?:" + _HEDGE + r"\s+)?$", re.IGNORECASE
        )
        self.verb_object = re.compile(
            r"\b(?P<verb>" + verbs + r"|and)\s+(?:the\s+|its\s+|their\s+|our\s+|both\s+|all\s+)?"
            r"((?:" + _WORD + r"\s+){0,2}?" + _WORD + r")"
            r"\s+by\s+(?:" + _HEDGE + r"\s+)?$",
            re.IGNORECASE,
        )
        if not Doc.has_extension("results"):
            Doc.set_extension("results", default=None)

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.spans[self.entities_key]) if self.entities_key in doc.spans else []
        found: list[FoundResult] = []
        for sent in doc.sents:
            found.extend(self.in_sentence(doc, sent, entities))
        doc._.results = [asdict(result) for result in found]  # plain dicts: docs serialize across processes
        return doc

    def in_sentence(self, doc: Doc, sent: Span, entities: list[Span]) -> list[FoundResult]:
        """The results of one sentence; `entities` are the document's (those of the sentence are kept)."""
        base = sent.start_char
        text = doc_text(doc)[base : sent.end_char]
        matches = list(_VALUE.finditer(text))
        if not matches:
            return []
        entities = [e for e in entities if sent.start <= e.start < sent.end]
        metrics = [e for e in entities if e.label_ == "METRIC"]
        inside = [(e.start_char, e.end_char) for e in entities]
        names = [(e.start_char, e.end_char) for e in entities if e.label_ != "METRIC"]
        values: list[tuple[re.Match[str], str | None, bool]] = []  # match, metric, whether named right by it
        for match in matches:
            start, end = base + match.start(), base + match.end()
            if self.is_noise(match, text) or any(a <= start < b for a, b in inside):
                continue
            metric = self.change_after(text, match.end()) or self.following(doc, metrics, end, gap=_UNIT_GAP)
            metric = metric or self.adjacent(doc, metrics, start) or self.change_before(text, match.start())
            metric = metric or self.across_clause(doc, metrics, text, match, base)
            metric = metric or self.changed_object(text, match.start(), base, names)
            metric = metric or self.following(doc, metrics, end) or self.rate_word(text, match.end())
            metric = metric or self.bare_change(text, match.start())
            close = metric is not None
            metric = metric or self.implicit(text, match)
            values.append((match, metric, close or metric is not None))
            if metric is None:
                values[-1] = (match, self.nearest(metrics, start, end), False)
        found = []
        for index, (match, metric, close) in enumerate(values):
            if not close:
                metric = self.coordinated(text, values, index) or metric
            if metric is None or self.is_count(match, metric, text):
                continue
            if not close and not match.group("unit") and _COUNTED.match(text, match.end()):
                continue  # a count of things ("outperforming 25 tested baselines"), far from its metric
            found.append(self.build(match, metric, entities, base + match.start(), base + match.end()))
        return found

    @staticmethod
    def coordinated(text: str, values: list[tuple[re.Match[str], str | None, bool]], index: int) -> str | None:
        """ "0.46 times and 0.13 times parameters", "by 0.8% and 2.1%", "FID 2.05/2.12": one metric for a list."""
        match = values[index][0]
        if index + 1 < len(values):
            after, metric, close = values[index + 1]
            if close and _COORDINATED.match(text[match.end() : after.start()]):
                return metric
        if index > 0:
            before, metric, close = values[index - 1]
            if close and _COORDINATED.match(text[before.end() : match.start()]):
                return metric
        return None

    def change_after(self, text: str, value_end: int) -> str | None:
        """ "80% memory reduction" -> "memory reduction" (the words before the change noun name the metric)."""
        match = self.change_after_regex.match(text, value_end)
        if match is None:
            return None
        return self.noun_phrase(match.group(1).split(), match.group(2)) or self.words.change[match.group(2).lower()]

    def change_before(self, text: str, value_start: int) -> str | None:
        """ "performance improvements of up to 10%" -> "performance improvements"."""
        if not _of_or_by_before(text, value_start):
            return None
        match = self.change_before_regex.search(text, max(0, value_start - 80), value_start)
        if match is None:
            return None
        return self.noun_phrase(match.group(1).split(), match.group(2))

    def noun_phrase(self, modifiers: list[str], noun: str) -> str | None:
        """The modifiers after the last function word, qualifier, adverb or verb form ("obtains"), then the noun."""
        kept: list[str] = []
        for word in modifiers:
            lower = word.lower()
            verb_like = lower.endswith(("ly", "ing")) or (
                lower.endswith("s") and not lower.endswith(("ss", "us", "is"))
            )
            dropped = lower in self.words.skipped or (verb_like and word.islower())
            kept = [] if dropped else [*kept, word]
        return " ".join([*kept, noun]) if kept else None

    def bare_change(self, text: str, value_start: int) -> str | None:
        """ "an improvement of 5%" -> improvement, when no metric is named near the number."""
        if not _of_or_by_before(text, value_start):
            return None
        match = self.change_before_regex.search(text, max(0, value_start - 80), value_start)
        return self.words.change[match.group(2).lower()] if match else None

    def across_clause(self, doc: Doc, metrics: list[Span], text: str, match: re.Match[str], base: int) -> str | None:
        """A margin ("by 2.1 points", "1.5 points higher") or a change ("from 18.3 to 16.9") whose clause names a
        change and a metric before it:
        "improves top-1 accuracy on ImageNet by 2.1 points" -> top-1 accuracy. The parse first: the change
        verb the margin attaches to, and the metric that is its object or subject; else, in the text, the
        change verb nearest before the margin ("lowers perplexity and raises accuracy by 3 points" ->
        accuracy), its object first, else the metric before the verb ("accuracy on MMLU rises by 4.2 points")."""
        before = text[: match.start()]
        margin_after = _MARGIN_AFTER.match(text, match.end()) and not self.following(doc, metrics, base + match.end())
        if not (_MARGIN_BEFORE.search(before[-30:]) or margin_after or match.group("from")):
            return None  # no margin or change, or a margin whose metric follows it: "106X less total parameters"
        parsed = self.argument_of_change(doc, metrics, base + match.start())
        if parsed is not None:
            return parsed
        clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
        verbs = list(self.change_verb.finditer(before, clause_start))
        verb = verbs[-1] if verbs else _COMPARATIVE.search(text, match.end(), match.end() + 30)
        if verb is None:
            return None
        inside = [m for m in metrics if base + clause_start <= m.start_char and m.end_char <= base + match.start()]
        verb_at = base + verb.start() if verb.start() < match.start() else base + match.start()
        after_verb = [m for m in inside if m.start_char >= verb_at]
        chosen = after_verb[0] if after_verb else (inside[-1] if inside else None)
        return span_text(chosen) if chosen is not None else None

    def argument_of_change(self, doc: Doc, metrics: list[Span], number_char: int) -> str | None:
        """From the dependency parse: the change verb a margin attaches to ("by 2.1 points" -> "improves",
        a few heads up) and the METRIC that is its object, passive subject or subject."""
        if not doc.has_annotation("DEP"):
            return None
        token = next((t for t in doc if t.idx <= number_char < t.idx + len(t)), None)
        for _ in range(_MARGIN_HOPS):
            if token is None or token.head.i == token.i:
                return None
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                break
        else:
            return None
        if token is None or not self.change_verb.fullmatch(token.text):
            return None
        for relation in ("obj", "nsubj:pass", "nsubj"):
            for child in token.children:
                metric = next((m for m in metrics if child.dep_ == relation and m.start <= child.i < m.end), None)
                if metric is not None:
                    return span_text(metric)
        return None

    def changed_object(self, text: str, value_start: int, base: int, names: list[tuple[int, int]]) -> str | None:
        """ "reduces the performance gap by 32%", "cutting memory by 40% and latency by 20%" -> the object.

        Not a name ("improves LLaMA by 3%") nor what is beaten ("boosts baselines by 2 points")."""
        if " by " not in text[max(0, value_start - 30) : value_start]:
            return None
        match = self.verb_object.search(text, max(0, value_start - 80), value_start)
        if match is None:
            return None
        if match.group("verb").lower() == "and" and not self.change_verb.search(text, 0, match.start()):
            return None
        words = match.group(2).split()
        start, end = base + match.start(2), base + match.end(2)
        if words[0].lower() in self.words.verbs:  # "and reducing costs by 50%"
            words = words[1:]
        if not words or any(word.lower() in self.words.skipped for word in words):
            return None
        if any(a < end and start < b for a, b in names):
            return None
        return " ".join(words)

    @staticmethod
    def is_noise(match: re.Match[str], text: str) -> bool:
        num, unit = match.group("num"), match.group("unit")
        if _YEAR.match(num) and not unit:
            return True
        before = text[max(0, match.start() - 1) : match.start()]
        after = text[match.end() : match.end() + 1]
        if before == "(" and after == ")" and not unit:
            return True
        # "two flavors - 1) early exit, and 2) ...": a list marker with no opening parenthesis
        return (
            after == ")"
            and not unit
            and len(num) == 1
            and text.rfind("(", 0, match.start()) <= text.rfind(")", 0, match.start())
        )

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
        """ "5x faster" -> speed; "3x higher scores" -> scores (a metric word right after the rate word)."""
        following = text[value_end : value_end + 40].lower().split()
        metric = self.words.after.get(following[0].strip(".,;:)")) if following else None
        if metric and len(following) > 1 and following[1] in self.words.metric_heads:
            return following[1]
        return metric

    @staticmethod
    def build(match: re.Match[str], metric: str, entities: list[Span], start: int, end: int) -> FoundResult:
        value = match.group(0)
        change = None
        if match.group("from"):
            change = match.group("from").strip().removesuffix(" to").strip()
            value = value[len(match.group("from")) :]
        elif match.group("between"):
            value = value[len(match.group("between")) :]
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
