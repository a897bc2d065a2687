"""Names from structure: the capitalised words of parsed noun chunks.

Two kinds of candidates, both read from the parser's noun chunks, go to `doc.spans[spans_key]`:

- *before a class word*: "the Penn Treebank corpus", "on the Cityscapes dataset": the chunk ends
  in a class word ("dataset", "benchmark", "corpus", "model", "framework" ..., labelled as in
  `names.CONTEXT_LABEL`), and the capitalised words right before that head are a name of that label;
- *proper-noun runs*: capitalised nominal words inside a chunk (proper nouns, and nouns, adjectives
  or numbers: the tagger often reads an unseen name so), away from the title and from a sentence's
  first word ("optimised with Adam", "trained on Wikipedia"). The
  context labels one where it names the class ("datasets such as A and B", "X, a model that");
  else it is *weak* (`doc.spans[weak_key]`, also untyped): the typer keeps it only where the corpus
  knows the name (`kg_typer`), so a capitalised word alone never makes an entity.

Shape rules miss these names when they are plain capitalised words; structure finds them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractors.components.names import CONTEXT_LABEL, label_for_name
from extractors.components.text import doc_text
from extractors.resources import read_words

_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "NUM", "X"})
# data class words beyond names.CONTEXT_LABEL: "the ILSVRC challenge", "the WMT'14 test set"
_DATA_HEADS = frozenset({"database", "databases", "suite", "leaderboard", "challenge", "collection"})
_SPLIT_HEADS = frozenset({"set", "sets", "split", "splits", "data"})
_SPLIT_WORDS = frozenset({"test", "testing", "training", "train", "validation", "dev", "development", "evaluation"})
_BEFORE = 200  # characters before a run searched for a list's class word, as for coined names


@Language.factory(
    "kg_chunk_names",
    default_config={
        "spans_key": "kg_candidates",
        "max_words": 4,
        "lexicon_key": "kg_lexicon",
        "untyped_key": "kg_untyped",
        "weak_key": "kg_weak",
        "stop_file": "generic_names.tsv",
        "function_words_file": "function_words.tsv",
        "heads_file": "heads.tsv",
    },
)
def make_chunk_names(
    nlp: Language,
    name: str,
    spans_key: str,
    max_words: int,
    lexicon_key: str,
    untyped_key: str,
    weak_key: str,
    stop_file: str,
    function_words_file: str,
    heads_file: str,
) -> ChunkNames:
    plain = read_words(stop_file) | read_words(function_words_file) | read_words(heads_file)
    keys = ChunkKeys(spans_key, lexicon_key, untyped_key, weak_key)
    return ChunkNames(keys, dict(CONTEXT_LABEL), max_words, frozenset(w.lower() for w in plain))


class ChunkKeys:
    """The span groups the component reads and writes."""

    def __init__(self, candidates: str, lexicon: str, untyped: str, weak: str) -> None:
        self.candidates, self.lexicon, self.untyped, self.weak = candidates, lexicon, untyped, weak


class ChunkNames:
    def __init__(
        self,
        keys: ChunkKeys | str,
        classes: dict[str, str],
        max_words: int,
        plain_words: frozenset[str] = frozenset(),
    ) -> None:
        self.keys = keys if isinstance(keys, ChunkKeys) else ChunkKeys(keys, "kg_lexicon", "kg_untyped", "kg_weak")
        self.classes = classes
        self.max_words = max_words
        self.plain_words = plain_words

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            return doc
        chunks = list(doc.noun_chunks)
        found = [span for chunk in chunks if (span := self.name_before_head(doc, chunk)) is not None]
        taken = self.taken_tokens(doc, found)
        typed, weak = self.proper_noun_runs(doc, chunks, taken)
        found += typed + weak
        if found:
            doc.spans[self.keys.candidates] = [*doc.spans.get(self.keys.candidates, []), *found]
        if weak:
            doc.spans[self.keys.untyped] = [*doc.spans.get(self.keys.untyped, []), *weak]
            doc.spans[self.keys.weak] = [*doc.spans.get(self.keys.weak, []), *weak]
        return doc

    def name_before_head(self, doc: Doc, chunk: Span) -> Span | None:
        head = chunk.root
        label, end = self.class_of(doc, chunk)
        if label is None or head.i != chunk.end - 1 or not head.text.islower():
            return None  # a capitalised head is Title Case ("Large Language Models"), not a name before a class word
        start = end
        while start > chunk.start and end - start < self.max_words and is_name_word(doc[start - 1]):
            start -= 1
        if start == end or doc[start].is_sent_start or not any(t.is_alpha for t in doc[start:end]):
            return None  # nothing, a sentence's first word, or only numbers ("10 datasets")
        return Span(doc, start, end, label=label)

    def class_of(self, doc: Doc, chunk: Span) -> tuple[str | None, int]:
        """The label the chunk's head names and where the name before it must end: "the Cityscapes
        dataset", "the ILSVRC challenge" (a data class word), "the WMT'14 test set" (a split of data)."""
        head = chunk.root
        if head.lower_ in _DATA_HEADS:
            return "DATASET", head.i
        if head.lower_ in _SPLIT_HEADS and head.i > chunk.start and doc[head.i - 1].lower_ in _SPLIT_WORDS:
            return "DATASET", head.i - 1
        return self.classes.get(head.lower_), head.i

    def taken_tokens(self, doc: Doc, found: list[Span]) -> set[int]:
        """Tokens some other candidate already covers: a proper-noun run never competes with them."""
        groups = (self.keys.candidates, self.keys.lexicon)
        spans = [*found, *(span for key in groups for span in doc.spans.get(key, []))]
        return {i for span in spans for i in range(span.start, span.end)}

    def proper_noun_runs(self, doc: Doc, chunks: list[Span], taken: set[int]) -> tuple[list[Span], list[Span]]:
        """Runs of capitalised proper nouns in the abstract's chunks: (typed by context, weak)."""
        text = doc_text(doc)
        title_end = text.find("\n")
        typed: list[Span] = []
        weak: list[Span] = []
        for chunk in chunks:
            for start, end in self.runs(chunk, taken):
                span = Span(doc, start, end)
                if span.start_char < title_end:
                    continue
                before = text[max(0, span.start_char - _BEFORE) : span.start_char]
                label = label_for_name(span.text, before, text[span.end_char : span.end_char + 90])
                if label:
                    typed.append(Span(doc, start, end, label=label))
                else:
                    weak.append(Span(doc, start, end, label="METHOD"))
        return typed, weak

    def runs(self, chunk: Span, taken: set[int]) -> list[tuple[int, int]]:
        """Maximal runs of proper words, none opening a sentence or covered by another candidate."""
        found: list[tuple[int, int]] = []
        start = None
        for token in [*chunk, None]:
            if token is not None and self.is_proper_word(token):
                start = token.i if start is None else start
                continue
            if start is not None:
                end = chunk.end if token is None else token.i
                opens_sentence = chunk.doc[start].is_sent_start
                if end - start <= self.max_words and not opens_sentence and taken.isdisjoint(range(start, end)):
                    found.append((start, end))
                start = None
        return found

    def is_proper_word(self, token: Token) -> bool:
        return (
            token.pos_ in _NAME_POS
            and token.text[:1].isupper()
            and token.is_alpha
            and len(token.text) > 1
            and token.lower_ not in self.plain_words
        )


def is_name_word(token: object) -> bool:
    text: str = token.text  # type: ignore[attr-defined]
    return token.pos_ in _NAME_POS and (text[:1].isupper() or any(c.isdigit() for c in text))  # type: ignore[attr-defined]
