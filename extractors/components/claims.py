"""Claims: the sentences in which the paper states its own findings.

Selection: each sentence scores the weights of the cue phrases in `claim_cues.tsv` ("we find",
"outperforms" count for; "we propose", "recent", "however", "code is available" against), plus
a bonus for a reported number with a unit and for sitting in the second half of the abstract,
minus one for the opening sentence; sentences at or above `threshold` are claims. What each claim
says (its frame) is read from the dependency parse by `kg_claim_frames` (`frames.py`).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.text import doc_text
from extractors.resources import read_tsv

_NUMBER_WITH_UNIT = re.compile(r"\d(?:\.\d+)?\s?(?:\\?%|[x×](?![a-z])|times\b|-fold)")
_WORDS = re.compile(r"[a-z0-9][a-z0-9\-']*")


def cue_lengths_by_first_word(cues: dict[str, float]) -> dict[str, tuple[int, ...]]:
    """First word of each cue phrase -> the word counts of the cues starting with it."""
    lengths: dict[str, set[int]] = {}
    for cue in cues:
        words = cue.split()
        if words:
            lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(counts)) for word, counts in lengths.items()}


@Language.factory(
    "kg_claims",
    default_config={
        "entities_key": "kg_entities",
        "threshold": 0.5,
        "opening_penalty": 1.5,
        "number_bonus": 1.5,
        "min_tokens": 7,
    },
)
def make_claims(
    nlp: Language,
    name: str,
    entities_key: str,
    threshold: float,
    opening_penalty: float,
    number_bonus: float,
    min_tokens: int,
) -> ClaimFinder:
    return ClaimFinder(entities_key, threshold, opening_penalty, number_bonus, min_tokens)


class ClaimFinder:
    def __init__(
        self, entities_key: str, threshold: float, opening_penalty: float, number_bonus: float, min_tokens: int
    ) -> None:
        self.min_tokens = min_tokens  # "Our contributions are threefold." is not a finding
        self.entities_key = entities_key
        self.threshold = threshold
        self.opening_penalty = opening_penalty
        self.number_bonus = number_bonus
        self.cues = {row[0]: float(row[1]) for row in read_tsv("claim_cues.tsv")}
        self.cue_lengths = cue_lengths_by_first_word(self.cues)
        if not Doc.has_extension("claims"):
            Doc.set_extension("claims", default=None)

    def __call__(self, doc: Doc) -> Doc:
        title_end = doc_text(doc).find("\n")
        sentences = [s for s in doc.sents if s.start_char > title_end and len(s) > 3]
        entities = list(doc.spans[self.entities_key]) if self.entities_key in doc.spans else []
        found: list[dict[str, Any]] = []
        text = doc_text(doc)
        for index, sent in enumerate(sentences):
            sentence = text[sent.start_char : sent.end_char]
            if len(sent) >= self.min_tokens and self.score(sentence, index, len(sentences)) >= self.threshold:
                inside = [e for e in entities if sent.start <= e.start < sent.end]
                keys = sorted({e._.canonical for e in inside})
                found.append({"start": sent.start_char, "end": sent.end_char, "entities": keys})
        doc._.claims = found  # plain dicts: docs serialize for nlp.pipe(n_process=...)
        return doc

    def score(self, text: str, index: int, count: int) -> float:
        lower = text.lower()
        total = sum(self.cues[cue] for cue in self.cues_in(lower))
        if _NUMBER_WITH_UNIT.search(lower):
            total += self.number_bonus
        if lower.rstrip().endswith("?"):
            total -= self.opening_penalty
        if index == 0:
            total -= self.opening_penalty
        elif index >= count / 2:
            total += 0.5
        return total

    def cues_in(self, lower: str) -> set[str]:
        """The cue phrases in a lowercased sentence, by n-gram lookup (faster than one big alternation);
        only n-grams starting with a cue's first word, of that cue's length, are built."""
        words = _WORDS.findall(lower)
        found = set()
        for i, word in enumerate(words):
            for n in self.cue_lengths.get(word, ()):
                if i + n > len(words):
                    break  # the lengths are sorted
                gram = word if n == 1 else " ".join(words[i : i + n])
                if gram in self.cues:
                    found.add(gram)
        return found
