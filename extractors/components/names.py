"""Candidates found by shape and context rather than by lexicon.

Two rules, both over the raw text (fast regular expressions, no per-token Python loop):
- *coined names*: words shaped like names (CamelCase `DFormer`, capitals `TULIP`, digits `GPT3.5`,
  size suffixes `VAR-d30`, `ViT-B/16`, `LLaMA-7B`), labelled by the word after them ("... dataset",
  "... model"), by a size suffix (MODEL) or METHOD by default;
- *head phrases*: a head word from `heads.tsv` ("quantization", "attention", "score", "dataset")
  with up to three modifier words before it ("post-training quantization", "X-based Y").
Candidates go to `doc.spans[spans_key]`; the entities component resolves overlaps.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from extractors.components.canonical import split_size
from extractors.components.text import doc_text
from extractors.resources import read_tsv, read_words

_NAME = re.compile(r"(?<![\w\-./\\])([A-Za-z](?:[\w\-+./']|\\\"\{\w\})*[\w+])(?![\w\-])")
# _NAME without the plain words ("the", "Models", "it's") that coined_names would skip anyway: the
# lookahead rejects exactly the matches whose word is one letter then lower-case ASCII letters.
_NAME_CANDIDATE = re.compile(
    r"(?<![\w\-./\\])(?![A-Za-z][a-z]+(?:'s)?(?![\w\-+./'\\]))"
    r"([A-Za-z](?:[\w\-+./']|\\\"\{\w\})*[\w+])(?![\w\-])"
)
_URL = re.compile(r"(?:https?://|www\.)\S+")
_ADJECTIVE_COMPOUND = re.compile(
    r"-(?:based|aware|free|like|style|wise|level|scale|shot|specific|driven|guided|efficient|friendly|agnostic"
    r"|tuned|only|centric|oriented|augmented|enhanced|conditioned|generated|trained|powered)$",
    re.IGNORECASE,
)
_FORMAT = re.compile(r"^(?:(?:[FB]P|INT|UINT|E\dM|MXFP|NVFP)\d+|W\d+A\d+(?:KV\d+)?|[a-z]?[A-Z]{1,2}|\d.*)$")
_GLUED_SENTENCE = re.compile(r"[a-z]\.[A-Z][a-z]")
_ALL_CAPS = re.compile(r"^[A-Z][A-Z0-9\-]*$")
_CONTINUATION = re.compile(r"^[ -](?:series|step|steps|scale|frame|window|stamp|stamps)\b")
_CITATION = re.compile(r"^[A-Za-z]+(?:19|20)\d\d[a-z]?$")
_LIST_THEN_CLASS = re.compile(
    r"^(?:\s*(?:,|and|or|&)\s*(?:the\s+)?[\w\-+./']+){0,5},?\s+(?:\w+\s+)?(dataset|datasets|benchmark|benchmarks|corpus|corpora|model|models|architecture|backbone)\b"
)
_ON_DATA = re.compile(r"\b(?:on|from)\s+(?:the\s+)?$")
_WORD_BEFORE = re.compile(r"(?<![\w\-./\\])[A-Z](?:\w|\\\"\{\w\})*$")  # a capitalised word's start, up to a point
_TITLE_NAME = re.compile(r"[A-Z][\w\-']+")


def occurrences(text: str, word: str) -> list[int]:
    """Where `word` occurs as a whole word (no letter, digit, hyphen, dot or slash glued to it)."""
    found = []
    position = text.find(word)
    while position >= 0:
        before = text[position - 1 : position] if position else ""
        after = text[position + len(word) : position + len(word) + 1]
        if not (before and (before.isalnum() or before in "_-./\\")) and not (
            after and (after.isalnum() or after in "_-")
        ):
            found.append(position)
        position = text.find(word, position + 1)
    return found


_CLASS_WORDS = ("dataset", "benchmark", "corp", "model", "architecture")  # the class words of _CLASS_THEN_LIST
_CLASS_THEN_LIST = re.compile(
    r"\b(datasets?|benchmarks?|corpora|corpus|models?|architectures?)\s*"
    r"(?P<cue>,?\s*(?:such as|including|like|which we call|called|named|dubbed)|\(|:|,)"
    r"(?P<list>[^.()]{0,40}|(?:[^.(),;]{1,32},){2,8}[^.(),;]{0,40})$",
    re.IGNORECASE,
)
_BEFORE = 200  # characters before a name searched for its class word: long enough for a list of names
# "On four datasets, WideNet outperforms ...": after a bare comma the name is a list item only when the list goes on
_LIST_GOES_ON = re.compile(r"^\s*(?:,|and\b|or\b|\)|;)")
_LISTED = re.compile(r",|\band\b|\bor\b")
_LIST_ENDED = re.compile(r"\b(?:and|or)\s+[^,]+,\s*$")  # "datasets such as A and B, X achieves"
APPOSITION = re.compile(
    r"^\s*(?:(?:,|--|\(|is|which is)\s*(?:a|an|the|one)\s+|:\s*)"
    r"(?:(?!(?:for|of|with|to|in|on|by|via|from|and|or)\b)[\w\-]+,?\s+){0,7}?"
    r"(model|models|network|networks|transformer|method|framework|approach|algorithm|technique|paradigm|dataset|benchmark"
    r"|llm|lvlm|vlm|mllm)\b"
    r"(?=\s*(?:[^\w\s]|that\b|which\b|with\b|for\b|to\b|in\b|on\b|based\b|designed\b|trained\b|built\b|$))",
    re.IGNORECASE,
)
_MODIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9\-/]*$")
_TITLE_WORDS = re.compile(r"^[A-Z][a-z]+(?:-(?:[A-Z][a-z]+|[a-z]{1,3}))+$")
_PREVIOUS_WORD = re.compile(r"(?<![\w\-'/.])([A-Za-z][A-Za-z0-9\-/]*)[ -]$")
_ROMAN = re.compile(r"^[IVX]+$")
_PAREN_SIZE = re.compile(r"^\s?\((\d+(?:\.\d+)?[BMK])\)")
CONTEXT_LABEL = {
    "dataset": "DATASET",
    "datasets": "DATASET",
    "benchmark": "DATASET",
    "benchmarks": "DATASET",
    "corpus": "DATASET",
    "model": "MODEL",
    "models": "MODEL",
    "checkpoint": "MODEL",
    "checkpoints": "MODEL",
    "network": "MODEL",
    "networks": "MODEL",
    "corpora": "DATASET",
    "architecture": "MODEL",
    "architectures": "MODEL",
    "transformer": "MODEL",
    "backbone": "MODEL",
    "llm": "MODEL",
    "lvlm": "MODEL",
    "vlm": "MODEL",
    "mllm": "MODEL",
    "method": "METHOD",
    "framework": "METHOD",
    "approach": "METHOD",
    "algorithm": "METHOD",
    "technique": "METHOD",
    "paradigm": "METHOD",
}


def is_coined_name(word: str) -> bool:
    """A capital inside some hyphen part (`DFormer`, `TULIP`, `GPT-Neo`), or a capitalised word with a digit.

    Not Title-Case compounds (`Post-Training`), adjective compounds (`CLIP-like`), citations
    (`Sak2014`), number formats (`FP16`, `W4A4`) or glued sentences (`space.In`).
    """
    if len(word) < 2 or _ROMAN.match(word) or _TITLE_WORDS.match(word) or _CITATION.match(word):
        return False
    if _ADJECTIVE_COMPOUND.search(word) or _FORMAT.match(word) or _GLUED_SENTENCE.search(word):
        return False
    if all(part[:1].isupper() and part[1:].islower() for part in word.split("/")):
        return False
    inner_capital = any(any(ch.isupper() for ch in part[1:]) for part in re.split(r"[-/]", word))
    return inner_capital or (word[0].isupper() and any(ch.isdigit() for ch in word))


def label_for_name(word: str, before: str, after: str) -> str:
    """The label the context gives ("X dataset", "datasets (A, B, X)", "X, a model that"), or ""."""
    for regex in (_LIST_THEN_CLASS, APPOSITION):
        match = regex.match(after)
        if match:
            return CONTEXT_LABEL[match.group(1).lower()]
    if "," not in before[-60:]:
        before = before[-60:]  # only a list (commas) reaches further back
    lower = before.lower()
    found = [i for i in (lower.find(word) for word in _CLASS_WORDS) if i >= 0]
    if not found:  # a plain substring test first: the list search is slow over long windows
        return ""
    match = _CLASS_THEN_LIST.search(before, max(0, min(found) - 1))
    while match is not None:  # the class word nearest the name decides: "benchmark, surpassing models such as X"
        listed = match.group("list")
        if _LIST_ENDED.search(listed):
            return ""
        if match.group("cue") != "," or _LISTED.search(listed) or _LIST_GOES_ON.match(after):
            return CONTEXT_LABEL[match.group(1).lower()]
        match = _CLASS_THEN_LIST.search(before, match.start() + 1)
    return ""


@Language.factory(
    "kg_names",
    default_config={
        "spans_key": "kg_candidates",
        "heads_file": "heads.tsv",
        "function_words_file": "function_words.tsv",
        "stop_file": "generic_names.tsv",
        "max_modifiers": 3,
        "terms_file": "terms.tsv",
        "affixes_file": "name_affixes.tsv",
        "naming_file": "naming_words.tsv",
        "resources_file": "resource_words.tsv",
        "default_label": "METHOD",
        "untyped_key": "kg_untyped",
        "weak_key": "kg_weak",
    },
)
def make_names(
    nlp: Language,
    name: str,
    spans_key: str,
    heads_file: str,
    function_words_file: str,
    stop_file: str,
    max_modifiers: int,
    terms_file: str,
    affixes_file: str,
    naming_file: str,
    resources_file: str,
    default_label: str,
    untyped_key: str,
    weak_key: str,
) -> NameFinder:
    heads = {row[0]: (row[1], int(row[2]), row[3] == "class") for row in read_tsv(heads_file) if row[3] != "define"}
    measures = frozenset(row[0] for row in read_tsv(heads_file) if row[3] == "measure")
    shapes = ShapeLabeler(
        families=frozenset(row[0] for row in read_tsv(terms_file) if row[1] == "MODEL"),
        affixes=[(row[0], row[1], row[2]) for row in read_tsv(affixes_file)],
        default_label=default_label,
        class_words=frozenset(heads),
    )
    introduced = IntroducedNames(
        naming_words=read_words(naming_file),
        word_suffixes=[row[0] for row in read_tsv(affixes_file) if row[2] == "word-suffix"],
        plain_words=read_words(function_words_file) | frozenset(heads) | read_words(stop_file),
    )
    return NameFinder(
        nlp.vocab,
        spans_key,
        heads,
        read_words(function_words_file),
        read_words(stop_file),
        max_modifiers,
        shapes,
        introduced,
        measures,
        read_words(resources_file),
        untyped_key,
        weak_key,
    )


class ShapeLabeler:
    """The label a coined name's own shape suggests when its context says nothing."""

    def __init__(
        self,
        families: frozenset[str],
        affixes: list[tuple[str, str, str]],
        default_label: str,
        class_words: frozenset[str] = frozenset(),
    ) -> None:
        self.families = families
        self.class_words = class_words
        self.suffixes = [(affix, label) for affix, label, where in affixes if where == "suffix"]
        self.word_suffixes = [(affix, label) for affix, label, where in affixes if where == "word-suffix"]
        self.default_label = default_label

    def __call__(self, word: str) -> str:
        return self.typed(word) or self.default_label

    def typed(self, word: str) -> str | None:
        """The label the shape gives, or None when the shape says nothing."""
        if split_size(word)[1] is not None or _PAREN_SIZE.search(word):
            return "MODEL"
        prefix = re.match(r"[A-Za-z]+", word)
        if prefix and prefix.group() in self.families and prefix.group() != word:
            return "MODEL"
        for suffix, label in self.suffixes:
            if word.endswith(suffix) and len(word) > len(suffix):
                return label
        last = word.rsplit("-", 1)[-1]  # "Linformer", "RealViformer"; not "CNN-Transformer" (a class word)
        for suffix, label in self.word_suffixes:
            if last.endswith(suffix) and last.lower() not in self.class_words:
                return label
        return None


class IntroducedNames:
    """Names of any shape that the text itself marks as names (plain capitalised words included).

    - after a naming word: "our sparse models, dubbed Camelidae", "a method called Epsilon Scaling";
    - the title's one-word head before its colon: "Giraffe: Adventures in ...";
    - a capitalised word with a naming-habit ending (`word-suffix` in name_affixes.tsv): "Linformer".
    Every use of such a name in the text is a candidate.
    """

    def __init__(self, naming_words: frozenset[str], word_suffixes: list[str], plain_words: frozenset[str]) -> None:
        self.plain_words = plain_words
        self.naming_words = tuple(naming_words)
        self.word_suffixes = tuple(word_suffixes)
        naming = "|".join(sorted(map(re.escape, naming_words), key=len, reverse=True))
        self.after_naming = re.compile(
            r"(?<![\w-])(?:" + naming + r")\s+(?:as\s+)?(?:the\s+)?"
            r"((?:[A-Z][\w\-']*)(?:(?:\s+(?:of|for|with|and|in|on|via|to|the))?\s+[A-Z][\w\-']*){0,3})(?![\w\-])"
        )

    def suffixed_words(self, text: str, suffix: str) -> list[str]:
        """Capitalised words ending in `suffix` (or its plural), LaTeX accents included: "Nystr\\"{o}mformer"."""
        words = []
        position = text.find(suffix)
        while position > 0:
            end = position + len(suffix)
            end += text.startswith("s", end)
            match = _WORD_BEFORE.search(text, max(0, position - 40), position)
            following = text[end : end + 1]
            if match and not (following.isalnum() or following in ("-", "_")):
                words.append(text[match.start() : end])
            position = text.find(suffix, end)
        return words

    def __call__(self, text: str) -> list[str]:
        names: list[str] = []
        # plain substring tests first: most abstracts name nothing this way, and the scans are slower
        if any(word in text for word in self.naming_words):
            names.extend(match.group(1).removesuffix("'s") for match in self.after_naming.finditer(text))
        for suffix in self.word_suffixes:
            names.extend(self.suffixed_words(text, suffix))
        title = text.split("\n", 1)[0]
        head = title.split(":", 1)[0].strip() if ":" in title else ""
        if _TITLE_NAME.fullmatch(head):
            names.append(head)
        return [name for name in dict.fromkeys(names) if name.lower() not in self.plain_words and len(name) > 2]


class NameFinder:
    def __init__(
        self,
        vocab: Vocab,
        spans_key: str,
        heads: dict[str, tuple[str, int, bool]],
        function_words: frozenset[str],
        stop_names: frozenset[str],
        max_modifiers: int,
        shapes: ShapeLabeler,
        introduced: IntroducedNames,
        measures: frozenset[str] = frozenset(),
        resources: frozenset[str] = frozenset(),
        untyped_key: str = "kg_untyped",
        weak_key: str = "kg_weak",
    ) -> None:
        self.untyped_key = untyped_key
        self.weak_key = weak_key
        self.measures = measures  # heads that are metrics only after a measured resource: "VRAM consumption"
        self.resources = resources
        self.shapes = shapes
        self.introduced = introduced
        self.spans_key = spans_key
        self.heads = heads
        self.function_words = function_words
        self.stop_names = stop_names
        self.max_modifiers = max_modifiers
        self.head_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.head_matcher.add("HEAD", [Doc(vocab, words=[head]) for head in heads])

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        names, untyped, weak = self.coined_names(doc)
        spans.extend(names)
        spans.extend(self.head_phrases(doc))
        doc.spans[self.spans_key] = spans
        doc.spans[self.untyped_key] = untyped
        doc.spans[self.weak_key] = weak
        return doc

    def coined_names(self, doc: Doc) -> tuple[list[Span], list[Span], list[Span]]:
        """Name-shaped words; a name labelled by context in one place keeps that label everywhere.
        The second list holds the names neither context nor shape typed (left to the typer); the third
        the *weak* ones among them, lone all-capitals words used once ("ESIM"), which stay only where
        the typer knows the name from the corpus."""
        text = doc_text(doc)
        urls = [(m.start(), m.end()) for m in _URL.finditer(text)] if "://" in text or "www." in text else []
        found: list[tuple[int, int, str]] = []
        labels: dict[str, str] = {}
        counts: dict[str, int] = {}
        for match in _NAME_CANDIDATE.finditer(text):
            word = match.group(1).rstrip(".").removesuffix("'s")
            tail = word[1:]
            if tail.isalpha() and tail.islower():
                continue  # the common case, decided without the slower checks
            if word in self.stop_names or not is_coined_name(word) or any(a <= match.start() < b for a, b in urls):
                continue
            end = match.start(1) + len(word)
            size = _PAREN_SIZE.match(text[end : end + 10])
            if size:
                end += size.end()
            label = label_for_name(word, text[max(0, match.start() - _BEFORE) : match.start()], text[end : end + 90])
            if label:
                labels.setdefault(word, label)
            counts[word] = counts.get(word, 0) + 1
            found.append((match.start(1), end, word))
        for name in self.introduced(text):
            for start in occurrences(text, name):
                end = start + len(name)
                if any(a < end and start < b for a, b, _ in found) or any(a <= start < b for a, b in urls):
                    continue
                label = label_for_name(name, text[max(0, start - _BEFORE) : start], text[end : end + 90])
                if label:
                    labels.setdefault(name, label)
                counts[name] = counts.get(name, 0) + 1
                found.append((start, end, name))
        title_name = text.split(":", 1)[0] if ":" in text.split("\n", 1)[0] else ""
        spans, untyped, weak = [], [], []
        for start, end, word in found:
            by_context = labels.get(word)
            lone = by_context is None and _ALL_CAPS.match(word) and counts[word] < 2 and word != title_name
            shaped = None if lone else self.shapes.typed(text[start:end])
            label = by_context or shaped or self.weak_label(text, start)
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
                if not (by_context or shaped):
                    untyped.append(span)
                if lone:
                    weak.append(span)
        return spans, untyped, weak

    def weak_label(self, text: str, start: int) -> str:
        """The label of a name neither context nor shape typed: DATASET right after "on"/"from", else the default."""
        return "DATASET" if _ON_DATA.search(text[max(0, start - 20) : start]) else self.shapes.default_label

    def head_phrases(self, doc: Doc) -> list[Span]:
        text = doc_text(doc)
        found = []
        urls = [(m.start(), m.end()) for m in _URL.finditer(text)] if "://" in text or "www." in text else []
        for _, head_index, _end in self.head_matcher(doc):
            head = doc[head_index]
            head_start, head_end = head.idx, head.idx + len(head)
            if any(a <= head_start < b for a, b in urls):
                continue
            label, needed, is_class = self.heads[head.lower_]
            if head.lower_ in self.measures and not self.after_resource(text, head_start):
                continue
            compound = _PREVIOUS_WORD.search(text, max(0, head_start - 40), head_start)
            if compound and text[head_start - 1] == "-":
                # "pre-training" is a head of its own, not "training" with the modifier "pre".
                word = f"{compound.group(1).lower()}-{head.lower_}"
                if word in self.heads:
                    label, needed, is_class = self.heads[word]
                    head_start = compound.start(1)
                elif any(part in self.function_words for part in word.split("-")):
                    continue
            if _CONTINUATION.match(text, head_end):
                continue
            if head.lower_ in self.measures:
                start = self.resource_start(text, head_start)
            else:
                start = self.modifier_start(text, head_start)
            if start == head_start and needed:
                continue
            if is_class and any(is_coined_name(word) for word in text[start:head_start].split()):
                continue
            span = doc.char_span(start, head_end, label=label, alignment_mode="expand")
            if span is not None:
                found.append(span)
        return found

    def after_resource(self, text: str, head_start: int) -> bool:
        """Whether the word right before the head (a space between) is a measured resource."""
        before = text[max(0, head_start - 24) : head_start]
        words = before.split()
        return before.endswith(" ") and bool(words) and words[-1].lower() in self.resources

    def resource_start(self, text: str, head_start: int) -> int:
        """Where the run of measured-resource words before a `measure` head begins ("GPU memory requirements")."""
        start = head_start
        for _ in range(self.max_modifiers):
            match = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
            if match is None or match.group(1).lower() not in self.resources:
                break
            start = match.start(1)
        return start

    def modifier_start(self, text: str, head_start: int) -> int:
        """Where the run of up to `max_modifiers` modifier words before the head begins."""
        start = head_start
        for _ in range(self.max_modifiers):
            match = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
            if match is None or not self.is_modifier(match.group(1)):
                break
            start = match.start(1)
        return start

    def is_modifier(self, word: str) -> bool:
        lower = word.lower()
        if not word or not _MODIFIER.match(word) or lower in self.function_words:
            return False
        if lower.endswith("ing") and "-" not in lower and lower not in self.heads:
            return False
        if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and word.islower():
            return False
        if lower.endswith("ly") or (lower.endswith("ed") and "-" not in lower and lower not in ("reduced", "mixed")):
            return False
        return lower not in self.heads or lower in self.measures or lower in ("attention", "learning", "training")
