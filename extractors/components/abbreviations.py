"""Abbreviation definitions: "Modality Dominance Index (MDI)" links MDI to its long form.

The Schwartz-Hearst rule: the short form sits in parentheses right after the long form; walking
both backwards, every character of the short form must appear in the long form in order, and the
short form's first character must start a word of the long form. Definitions may come after the
first use of the short form; `doc._.abbreviations` lists every definition in the document (as token
offsets; `definitions_of(doc)` turns them back into spans) and the
entities component then labels all uses of each short form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.components.text import doc_text
from extractors.resources import read_words

_PAREN = re.compile(r"\(\s*([A-Za-z][\w\-+./]{0,14}?)\s*[)\s,;]")
_WORD = re.compile(r"[\w\-+/']+|[^\w\s]")
_MAX_EXTRA_WORDS = 5
_TITLE_HEAD = re.compile(r"^([A-Za-z][\w\-+]{1,14})\s*:\s*")
_PREPOSITIONS = frozenset({"for", "with", "via", "using", "from", "to", "in", "on", "by", "at", "towards", "toward"})
_NOT_LONG_FORM_START = frozenset({"towards", "toward", "rethinking", "revisiting", "scaling", "on", "when", "why"})


@dataclass(frozen=True, slots=True)
class Definition:
    short: Span
    long: Span


def looks_like_short_form(text: str) -> bool:
    """`MDI`, `MoE`, `GNNs`, `OS+`, `DeepJSCC`: at least two capitals, or one capital and a digit."""
    if len(text) < 2 or len(text) > 15 or not text[0].isalpha():
        return False
    capitals = sum(ch.isupper() for ch in text)
    return capitals >= 2 or (capitals >= 1 and any(ch.isdigit() for ch in text))


def find_long_form(short: str, before: str) -> int | None:
    """Start offset (in `before`) of the shortest long form that spells `short`, or None."""
    letters = [ch.lower() for ch in short.rstrip("s") if ch.isalnum()] or [ch.lower() for ch in short]
    words = list(_WORD.finditer(before))
    max_words = min(len(letters) + _MAX_EXTRA_WORDS, 2 * len(letters))
    window = words[-max_words:]
    if not window or not window[-1].group().rstrip("+")[-1:].isalnum():
        return None
    start_char = window[0].start()
    text = before[start_char:].lower()
    si, li = len(letters) - 1, len(text) - 1
    while si >= 0:
        ch = letters[si]
        while li >= 0 and (text[li] != ch or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    word_start = text.rfind(" ", 0, li + 1) + 1
    return start_char + word_start


def definitions_of(doc: Doc) -> list[Definition]:
    """The definitions `kg_abbreviations` stored on `doc`, as spans."""
    return [Definition(doc[a:b], doc[c:d]) for a, b, c, d in doc._.abbreviations or []]


def find_title_long_form(short: str, after: str, function_words: frozenset[str]) -> int | None:
    """End offset (in `after`) of the long form a title's head spells after its colon, or None.

    "SIGMA: Scale-Invariant Global Sparse Shape Matching": the long form starts the subtitle with the
    short form's first letter, capitalised; every letter of the short form appears in it in order; it
    is the subtitle up to its first preposition ("for", "via", "with") or lower-case function word (not
    "of" or "and"), with no
    more words than the short form has letters.
    """
    letters = [ch.lower() for ch in short if ch.isalnum()]
    words = []
    for word in _WORD.finditer(after):
        lower = word.group().lower()
        if not word.group()[0].isalnum() or lower in _PREPOSITIONS:
            break
        if word.group().islower() and lower in function_words and lower not in ("of", "and"):
            break
        words.append(word)
    if not words or not words[0].group()[0].isupper() or words[0].group()[0].lower() != letters[0]:
        return None
    if words[0].group().lower() in _NOT_LONG_FORM_START:
        return None
    text = after[: words[-1].end()].lower()
    position = 1
    for ch in letters[1:]:
        position = text.find(ch, position) + 1
        if position == 0:
            return None
    return words[-1].end() if len(words) <= len(letters) else None


@Language.factory(
    "kg_abbreviations",
    default_config={"stop_file": "generic_names.tsv", "function_words_file": "function_words.tsv"},
)
def make_abbreviations(nlp: Language, name: str, stop_file: str, function_words_file: str) -> AbbreviationDetector:
    return AbbreviationDetector(read_words(stop_file), read_words(function_words_file))


class AbbreviationDetector:
    """Finds "Long Form (LF)" and title "LF: Long Form ..." definitions, stored in `doc._.abbreviations`."""

    def __init__(self, stop_words: frozenset[str], function_words: frozenset[str] = frozenset()) -> None:
        self.stop_words = stop_words
        self.function_words = function_words
        if not Doc.has_extension("abbreviations"):
            Doc.set_extension("abbreviations", default=None)

    def __call__(self, doc: Doc) -> Doc:
        # Token offsets (short start, short end, long start, long end): plain data, so docs still
        # serialize for nlp.pipe(n_process=...).
        doc._.abbreviations = [(d.short.start, d.short.end, d.long.start, d.long.end) for d in self.definitions(doc)]
        return doc

    def definitions(self, doc: Doc) -> list[Definition]:
        text = doc_text(doc)
        found: list[Definition] = []
        for match in _PAREN.finditer(text):
            short = match.group(1)
            if not looks_like_short_form(short) or short in self.stop_words:
                continue
            sentence_start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
            before = text[sentence_start : match.start()].rstrip()
            offset = find_long_form(short, before)
            if offset is None:
                continue
            long_span = doc.char_span(sentence_start + offset, sentence_start + len(before), alignment_mode="expand")
            short_span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if long_span is not None and short_span is not None and len(long_span.text) > len(short):
                found.append(Definition(short_span, long_span))
        title = self.title_definition(doc, text)
        return [title, *found] if title else found

    def title_definition(self, doc: Doc, text: str) -> Definition | None:
        """ "SIGMA: Scale-Invariant Global Sparse Shape Matching": an acronym-like head (half its letters
        capitals, no hyphen: "ECA-Net" names more than "Efficient Channel Attention")."""
        match = _TITLE_HEAD.match(text)
        if match is None or "\n" in match.group(0):
            return None
        short = match.group(1)
        if "-" in short or not looks_like_short_form(short) or 2 * sum(ch.isupper() for ch in short) < len(short):
            return None
        title_end = text.find("\n")
        after = text[match.end() : title_end if title_end >= 0 else len(text)]
        end = find_title_long_form(short, after, self.function_words)
        if end is None:
            return None
        long_span = doc.char_span(match.end(), match.end() + end, alignment_mode="expand")
        short_span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        return Definition(short_span, long_span) if long_span is not None and short_span is not None else None
