"""Reading the UD parse: noun chunks under UD labels, and names the tokenizer split.

spaCy's English noun-chunk iterator reads ClearNLP labels (`dobj`, `pobj`, ...). The trained parser
(UD English-EWT) writes UD labels, where a preposition is a `case` dependent *under* its noun ("of
the model": `of` <-case- `model`), so a chunk starts after its head's case marker, not at the left
edge of its subtree.

The tokenizer is spaCy's English one, so character offsets stay those of the text; it splits names
at hyphens ("ViT-B/16" -> `ViT`, `-`, `B/16`; "1.58-bit" -> `1.58`, `-`, `bit`). `glued_word`
gives the span of the whole name around a token: the run of tokens with no space between them,
without brackets, quotes and sentence punctuation at its ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

# Relations of a noun phrase's head to the rest of the sentence (UD v2, English-EWT subtypes).
CHUNK_RELATIONS = frozenset(
    {
        "ROOT",
        "nsubj",
        "nsubj:pass",
        "nsubj:outer",
        "obj",
        "iobj",
        "obl",
        "obl:tmod",
        "obl:npmod",
        "obl:agent",
        "nmod",
        "nmod:tmod",
        "nmod:npmod",
        "appos",
        "dislocated",
        "vocative",
        "list",
    }
)
# Left dependents of a head noun that are not part of its phrase: "of", "that", "and", "(".
OUTSIDE_RELATIONS = frozenset({"case", "mark", "cc", "punct", "advmod", "discourse", "cc:preconj"})
CHUNK_HEADS = frozenset({NOUN, PROPN, PRON})
_EDGE_PUNCT = frozenset("([{<\"'“‘)]}>”’,;:.!?")


def is_chunk_head(token: Token) -> bool:
    """A noun, proper noun or pronoun heading a phrase, or a conjunct of one ("A and B")."""
    if token.pos not in CHUNK_HEADS:
        return False
    relation = token.dep_
    if relation == "conj":
        return is_chunk_head(token.head) if token.head.i != token.i else False
    return relation in CHUNK_RELATIONS


def chunk_start(head: Token) -> int:
    """The first token of the head's phrase: its left dependents but case markers, conjunctions,
    punctuation and adverbs ("of the large model" -> "the large model")."""
    starts = [child.left_edge.i for child in head.lefts if child.dep_ not in OUTSIDE_RELATIONS]
    return min([head.i, *starts])


def ud_noun_chunks(doclike: Doc | Span) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) of base noun phrases, left to right, never overlapping."""
    doc = doclike.doc
    if not doc.has_annotation("DEP"):
        raise ValueError("noun chunks need a dependency parse: run the parser first")
    label = doc.vocab.strings.add("NP")
    previous_end = -1
    for token in doclike:
        if not is_chunk_head(token):
            continue
        start = chunk_start(token)
        if start <= previous_end:
            continue
        previous_end = token.i
        yield start, token.i + 1, label


@registry.callbacks("kg.ud_noun_chunks.v1")
def register_ud_noun_chunks() -> Callable[[Language], Language]:
    """An `after_pipeline_creation` callback: `doc.noun_chunks` uses `ud_noun_chunks`."""

    def register(nlp: Language) -> Language:
        nlp.vocab.get_noun_chunks = ud_noun_chunks
        return nlp

    return register


def glued_word(token: Token) -> Span:
    """The whitespace-delimited word around a token, without edge brackets, quotes or sentence
    punctuation: `ViT` in "(ViT-B/16)" -> "ViT-B/16"."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text not in _EDGE_PUNCT:
        start -= 1
    end = token.i + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text not in _EDGE_PUNCT:
        end += 1
    return doc[start:end]
