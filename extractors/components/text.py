"""Text clean-up shared by the components: LaTeX leftovers and sentence boundaries at the title.

`title_boundary` is a stateless component: the title has no final full stop, so without it the
sentencizer would glue the title to the abstract's first sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import registry

_LATEX_ACCENT = re.compile(r"\\[\"'`^~=.]\{?([A-Za-z])\}?")
_LATEX_ESCAPE = re.compile(r"\\([%&$#_])")


def strip_latex(text: str) -> str:
    """`Nystr\\"{o}m` -> `Nystrom`, `12\\%` -> `12%`; other text unchanged."""
    return _LATEX_ESCAPE.sub(r"\1", _LATEX_ACCENT.sub(r"\1", text))


# The tokenizer's input, kept in the Doc's public `user_data` store under this project's own key:
# `Doc.text` joins every token anew on each call, and the components read the text thousands of times.
TEXT_KEY = "kg.text"


def doc_text(doc: Doc) -> str:
    """The document's text, computed once and kept in `doc.user_data`."""
    text: str | None = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


if not Doc.has_extension("text"):
    Doc.set_extension("text", getter=doc_text)


class TextKeepingTokenizer:
    """Wraps spaCy's English tokenizer (so tokens and offsets are exactly its own) and keeps the
    input in `doc.user_data`: the tokenizer is lossless, so the input is the text `Doc.text` would
    rebuild token by token. Serialises as the tokenizer it wraps."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs: Any) -> TextKeepingTokenizer:
        self.tokenizer.from_disk(path, **kwargs)
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> TextKeepingTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)
        return self


@registry.tokenizers("kg.TextKeepingTokenizer.v1")
def create_text_keeping_tokenizer() -> Callable[[Language], TextKeepingTokenizer]:
    """spaCy's default tokenizer for the language (`spacy.Tokenizer.v1`), wrapped."""
    make_tokenizer = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language) -> TextKeepingTokenizer:
        return TextKeepingTokenizer(make_tokenizer(nlp))

    return make


def span_text(span: Span) -> str:
    """`span.text` as a slice of the kept text (`Span.text` joins its tokens anew on each call)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


@Language.component("kg_title_boundary")
def title_boundary(doc: Doc) -> Doc:
    """Starts a sentence at the first token after the newline that ends the title."""
    newline = doc_text(doc).find("\n")
    if newline < 0:
        return doc
    for token in doc:
        if token.idx > newline and not token.is_space:
            token.is_sent_start = True
            break
    return doc
