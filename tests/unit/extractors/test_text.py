"""The kept text is the document's text, kept in `doc.user_data` by the tokenizer, and spans slice it."""

from __future__ import annotations

import spacy

from extractors.components.text import TEXT_KEY, doc_text, span_text
from extractors.pipeline import Extractor

TEXT = "A study: of Llama 3.1\nWe fine-tune  Llama 3.1 (8B) on 4 A100 GPUs; top-1 accuracy rises by 2.5%.\n"


def test_tokenizer_keeps_the_input_where_doc_text_reads_it(extractor: Extractor) -> None:
    doc = extractor.nlp(TEXT)
    assert doc.user_data[TEXT_KEY] == TEXT == doc.text == doc._.text
    assert doc_text(doc) == doc.text


def test_doc_text_without_the_tokenizer_wrapper(extractor: Extractor) -> None:
    doc = spacy.blank("en").make_doc(TEXT)
    assert TEXT_KEY not in doc.user_data
    assert doc_text(doc) == TEXT


def test_span_text_is_span_text(extractor: Extractor) -> None:
    doc = extractor.nlp(TEXT)
    spans = [doc[i:j] for i in range(len(doc)) for j in range(i, len(doc) + 1)]
    assert [span_text(span) for span in spans] == [span.text for span in spans]
    assert doc.spans["kg_entities"]
