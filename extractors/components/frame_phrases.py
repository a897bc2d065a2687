"""Phrases of a parsed claim sentence turned into keys: factors, outcomes and conditions.

Works on any spaCy `Doc` with a Universal Dependencies parse (`token.dep_` such as `nsubj`, `obj`,
`obl`, `nmod`, `amod`, `compound`, `case`) and lemmas; the data files are general vocabulary of the
field: degree words (`frame_degrees.tsv`), canonical keys of generic heads and quantities
(`frame_keys.tsv`), outcome classes (`outcome_classes.tsv`) and condition kinds (`condition_kinds.tsv`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Token

from extractors.resources import read_mapping, read_tsv, read_words

V = TypeVar("V")
NOUN_DEPS = ("compound", "flat", "fixed")
NOMINAL_POS = ("NOUN", "PROPN", "NUM", "X", "SYM")
UNRESOLVED = frozenset({"we", "it", "this", "that", "these", "they", "which", "who", "our", "one", "model"})
# heads that already name a quantity: a degree word gives their direction, not another dimension
QUANTITY_HEADS = frozenset(
    {"rate", "size", "length", "number", "count", "ratio", "depth", "width", "budget", "temperature", "dimension"}
)
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "csubj", "csubj:pass", "expl")


OWN_DETERMINERS = frozenset({"our", "this", "these", "such", "its", "their", "my"})
PREDICATE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "acl:relcl", "csubj", "csubj:pass", "parataxis"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "compound", "appos", "obl:npmod"})


def is_predicate(token: Token) -> bool:
    """Heads a clause: by its dependency or its subject, auxiliary or copula (a tagger's NOUN for a verb
    such as "causes" in a ccomp is still a predicate)."""
    if token.dep_ in PREDICATE_DEPS:
        return True
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "cop", "aux:pass") for c in token.children)


def is_nominal(token: Token) -> bool:
    if is_predicate(token) or token.pos_ in ("ADJ", "ADV", "VERB", "AUX"):
        return False
    return token.pos_ in ("NOUN", "PROPN") or token.dep_ in NOMINAL_DEPS


def subject_of(token: Token) -> Token | None:
    """The subject of a predicate; a compound right before a predicate the tagger took for a noun
    ("quantization causes" parsed as one compound) stands in for it."""
    subject = child(token, *SUBJECT_DEPS)
    if subject is None and is_predicate(token):
        subject = next((c for c in token.lefts if c.dep_ == "compound"), None)
    return subject


def lemma(token: Token) -> str:
    """The token's lemma in lower case (its lower-cased text when there is no lemma)."""
    return (token.lemma_ or token.lower_).lower()


def looked_up(table: Mapping[str, V], token: Token) -> V | None:
    """The entry of a token's lemma, else of its lower-cased text (a lookup lemmatizer misses some words)."""
    found = table.get(lemma(token))
    return found if found is not None else table.get(token.lower_)


def children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def case_of(token: Token) -> str:
    """The preposition marking a nominal (`case` child): "with" of "with scale", "" if none."""
    marker = child(token, "case", "mark")
    return lemma(marker) if marker is not None else ""


def joined(tokens: Iterable[Token]) -> str:
    """Lemmas in order, joined the way the text joins them ("pre-training", "model size")."""
    parts: list[str] = []
    ordered = sorted(tokens, key=lambda t: t.i)
    for position, token in enumerate(ordered):
        parts.append(word_key(token))
        glued = position + 1 < len(ordered) and ordered[position + 1].i == token.i + 1 and not token.whitespace_
        if position + 1 < len(ordered) and not glued:
            parts.append(" ")
    return "".join(parts).strip()


def _verbal(token: Token) -> bool:
    """A verb inside a noun phrase, except a gerund naming a thing ("learning rate", "pruning ratio")."""
    return token.pos_ in ("AUX", "PRON") or (token.pos_ == "VERB" and not token.lower_.endswith("ing"))


def word_key(token: Token) -> str:
    """A word of a key: its lemma; a gerund as written ("learning rate", not "learn rate"); a plural noun
    the lemmatizer left as it is in the singular ("language models" -> "language model")."""
    if token.pos_ == "VERB" and token.lower_.endswith("ing"):
        return token.lower_
    base = lemma(token)
    if token.tag_ in ("NNS", "NNPS") and base == token.lower_ and base.endswith("s") and not base.endswith("ss"):
        return base[:-1]
    return base


@dataclass(frozen=True, slots=True)
class Degree:
    dimension: str  # "size", "depth", "amount", ...
    direction: str  # "more" or "less"


@dataclass(frozen=True, slots=True)
class Outcome:
    key: str
    outcome_class: str | None
    better: str  # "higher" or "lower"


class PhraseKeys:
    """Reads factor, outcome and condition phrases from a parse, with the frame lexicons."""

    def __init__(self) -> None:
        self.degrees = {row[0]: Degree(row[1], row[2]) for row in read_tsv("frame_degrees.tsv")}
        self.keys = read_mapping("frame_keys.tsv")
        self.outcomes = {row[0]: (row[1], row[2]) for row in read_tsv("outcome_classes.tsv")}
        self.condition_kinds = read_mapping("condition_kinds.tsv")
        self.function_words = read_words("function_words.tsv")
        self.fixed_terms = tuple(sorted(read_words("frame_fixed_terms.tsv")))

    def degree(self, token: Token) -> Degree | None:
        """The degree a word gives ("larger" -> size, more), None inside a fixed name ("large language models")."""
        found = self.degrees.get(token.lower_) or self.degrees.get(lemma(token))
        if found is None:
            return None
        following = token.doc[token.i : token.i + 4].text.lower()
        if any(following.startswith(term) for term in self.fixed_terms):
            return None
        return found

    def canonical(self, phrase: str) -> str:
        return self.keys.get(phrase, phrase)

    def noun_phrase(self, head: Token) -> list[Token]:
        """The head with its compound and hyphen-glued modifiers (no determiners, no degree words)."""
        tokens = [head]
        for modifier in head.children:
            if modifier.i > head.i:
                continue
            glued = modifier.dep_ == "amod" and self._hyphenated(modifier)
            if modifier.dep_ in NOUN_DEPS or glued:
                tokens.extend(t for t in modifier.subtree if t.dep_ not in ("det", "punct") or t.text == "-")
        kept = [t for t in tokens if t is head or (self.degree(t) is None and not _verbal(t))]
        return self._trimmed(kept, head)

    @staticmethod
    def _trimmed(tokens: list[Token], head: Token) -> list[Token]:
        """Without hyphens left dangling at either end once words were dropped."""
        ordered = sorted(tokens, key=lambda t: t.i)
        while ordered and ordered[0].text == "-" and ordered[0] is not head:
            ordered.pop(0)
        while ordered and ordered[-1].text == "-" and ordered[-1] is not head:
            ordered.pop()
        return ordered

    @staticmethod
    def _hyphenated(token: Token) -> bool:
        doc = token.doc
        return token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_

    def factor(self, head: Token, entity_keys: dict[int, str]) -> tuple[str | None, str | None]:
        """(factor key, direction it implies or None) of a nominal, a gerund ("scaling depth") or
        a degree phrase ("larger models" -> ("model size", "more"))."""
        if (head.pos_ == "VERB" or is_predicate(head)) and (degree := self.degree(head)) is not None:
            target = child(head, "obj", "nsubj:pass")
            if target is None:
                return None, None
            key, _ = self.factor(target, entity_keys)
            return key, degree.direction
        of = self._of_phrase(head)
        if of is not None:  # "number of layers", "size of the model"
            return self._usable(self.canonical(f"{joined(self.noun_phrase(of))} {lemma(head)}")), None
        named = [t.i for t in (head, *children(head, *NOUN_DEPS)) if t.i in entity_keys]
        if named:  # "Mamba", "our Mamba-3B model": the name's canonical key
            return entity_keys[named[0]], None
        if self.is_own(head):
            return None, None  # "our method", "these findings": the paper's own, not comparable across papers
        raw = joined(self.noun_phrase(head))
        modifiers = children(head, "amod", "advmod", "det", "nummod", "compound")
        degree = next((d for m in modifiers if (d := self.degree(m))), None)
        if degree is None:
            return self._usable(self.canonical(raw)), None
        if lemma(head) == "one":  # "smaller ones": the degree of a factor named before
            return None, degree.direction
        if degree.dimension in ("amount", "level") or lemma(head) in QUANTITY_HEADS:  # "larger learning rates"
            key = self.keys.get(f"{raw} {degree.dimension}") or self.canonical(raw)
        else:
            head_key = self.canonical(raw)
            key = self.keys.get(f"{raw} {degree.dimension}") or self.canonical(f"{head_key} {degree.dimension}")
        return self._usable(key), degree.direction

    @staticmethod
    def is_own(head: Token) -> bool:
        """A phrase the paper points at as its own or as just mentioned ("our approach", "this strategy")."""
        return any(c.dep_ in ("det", "nmod:poss", "poss") and c.lower_ in OWN_DETERMINERS for c in head.children)

    def _of_phrase(self, head: Token) -> Token | None:
        if lemma(head) not in ("number", "amount", "size", "scale", "count", "depth", "width", "length"):
            return None
        return next((n for n in children(head, "nmod") if case_of(n) == "of"), None)

    def _usable(self, key: str | None) -> str | None:
        if not key or key in UNRESOLVED or key in self.function_words:
            return None
        return key

    def outcome(self, token: Token) -> Outcome | None:
        """The outcome a nominal, adjective or verb names, with its class in the synonym table."""
        phrase = [t for t in self.noun_phrase(token) if lemma(t) not in UNRESOLVED]
        words = [lemma(t) for t in phrase]
        for candidate in (joined(phrase), *reversed(words), *reversed([t.lower_ for t in phrase])):
            if candidate in self.outcomes:
                outcome_class, better = self.outcomes[candidate]
                key = candidate if is_nominal(token) else outcome_class  # "perform" -> performance
                return Outcome(key, outcome_class, better)
        if is_nominal(token) and words:
            return Outcome(joined(phrase), None, "higher")
        return None

    def conditions(self, tokens: Iterable[Token]) -> list[tuple[str, str]]:
        """(kind, value) for each stated setting: "at small scale" -> ("scale", "small scale")."""
        found: list[tuple[str, str]] = []
        for token in tokens:
            if token.dep_ not in ("obl", "nmod", "obl:tmod") or case_of(token) not in CONDITION_CASES:
                continue
            kind = self.condition_kinds.get(lemma(token))
            if kind is None:
                continue
            modifiers = [m for m in token.children if m.dep_ in ("amod", "compound", "nummod") and m.i < token.i]
            value = joined([*(t for m in modifiers for t in m.subtree), token])
            if value and (kind, value) not in found:
                found.append((kind, value))
        return found


CONDITION_CASES = frozenset(
    {"at", "in", "on", "for", "under", "across", "during", "beyond", "below", "above", "within"}
)
