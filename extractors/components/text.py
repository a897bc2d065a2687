"""Text clean-up shared by the components: LaTeX leftovers and sentence boundaries at the title.

`title_boundary` is a stateless component: the title has no final full stop, so without it the
sentencizer would glue the title to the abstract's first sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

_LATEX_ACCENT = re.compile(r"\\[\"'`^~=.]\{?([A-Za-z])\}?")
_LATEX_ESCAPE = re.compile(r"\\([%&$#_])")


def strip_latex(text: str) -> str:
    """`Nystr\\"{o}m` -> `Nystrom`, `12\\%` -> `12%`; other text unchanged."""
    return _LATEX_ESCAPE.sub(r"\1", _LATEX_ACCENT.sub(r"\1", text))


if not Doc.has_extension("text"):
    # `Doc.text` joins every token anew on each call; the components read this copy instead.
    Doc.set_extension("text", default=None)


class TextKeepingTokenizer:
    """Wraps the tokenizer and keeps the input in `doc._.text`: the tokenizer is lossless, so the
    input is exactly the text `Doc.text` would rebuild token by token."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc._.text = text
        return doc


# Where spaCy keeps `doc._.text` (Underscore's key in `doc.user_data`): read directly, because
# `doc._` builds a new accessor object on every use and the components read the text thousands of times.
_TEXT_KEY: Any = ("._.", "text", None, None)  # spaCy types user_data as dict[str, Any]


def doc_text(doc: Doc) -> str:
    """The document's text, computed once and kept in `doc._.text`."""
    text: str | None = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc._.text = doc.text
    return text


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
