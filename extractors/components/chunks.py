"""Names from structure: the capitalised words of a noun chunk whose head is a class word.

"the Penn Treebank corpus", "on the Cityscapes dataset": the parser's noun chunk ends in a class
word ("dataset", "benchmark", "corpus", "model", "framework" ..., labelled as in
`names.CONTEXT_LABEL`), and the capitalised words right before that head are a name of that label.
Shape rules miss these names when they are plain capitalised words; structure finds them.
Candidates go to `doc.spans[spans_key]`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.components.names import CONTEXT_LABEL

_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "NUM", "X"})


@Language.factory("kg_chunk_names", default_config={"spans_key": "kg_candidates", "max_words": 4})
def make_chunk_names(nlp: Language, name: str, spans_key: str, max_words: int) -> ChunkNames:
    return ChunkNames(spans_key, dict(CONTEXT_LABEL), max_words)


class ChunkNames:
    def __init__(self, spans_key: str, classes: dict[str, str], max_words: int) -> None:
        self.spans_key = spans_key
        self.classes = classes
        self.max_words = max_words

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            return doc
        found = [span for chunk in doc.noun_chunks if (span := self.name_before_head(doc, chunk)) is not None]
        if found:
            doc.spans[self.spans_key] = [*doc.spans.get(self.spans_key, []), *found]
        return doc

    def name_before_head(self, doc: Doc, chunk: Span) -> Span | None:
        head = chunk.root
        label = self.classes.get(head.lower_)
        if label is None or head.i != chunk.end - 1 or not head.text.islower():
            return None  # a capitalised head is Title Case ("Large Language Models"), not a name before a class word
        start = head.i
        while start > chunk.start and head.i - start < self.max_words and is_name_word(doc[start - 1]):
            start -= 1
        if start == head.i or doc[start].is_sent_start or not any(t.is_alpha for t in doc[start : head.i]):
            return None  # nothing, a sentence's first word, or only numbers ("10 datasets")
        return Span(doc, start, head.i, label=label)


def is_name_word(token: object) -> bool:
    text: str = token.text  # type: ignore[attr-defined]
    return token.pos_ in _NAME_POS and (text[:1].isupper() or any(c.isdigit() for c in text))  # type: ignore[attr-defined]
