"""Claims: the sentences in which the paper states its own findings, with a structured reading.

Selection: each sentence scores the weights of the cue phrases in `claim_cues.tsv` ("we find",
"outperforms" count for; "we propose", "recent", "however", "code is available" against), plus
a bonus for a reported number with a unit and for sitting in the second half of the abstract,
minus one for the opening sentence; sentences at or above `threshold` are claims.

Reading (`lexicons/factors.tsv`, `outcomes.tsv`, `effects.tsv`, `negations.tsv`, `hedges.tsv`):
the factor the sentence is about and its direction (more / less), the outcome and the polarity.
A comparison "A outperforms B" becomes direction `compare` with `preferred`/`other`, unless both
options are two ends of one factor ("larger models underperform smaller ones"), which reads as
that factor's direction. "up"/"down" effects are turned into improves/hurts with the outcome's
better side (lower loss improves). A negation before the effect gives `no_effect` and `negated`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.canonical import normalize
from extractors.components.text import doc_text, span_text
from extractors.resources import read_tsv, read_words

_NUMBER_WITH_UNIT = re.compile(r"\d(?:\.\d+)?\s?(?:\\?%|[x×](?![a-z])|times\b|-fold)")
_COMPARE_VERB = re.compile(
    r"\b(?:outperforms?|beats?|surpass(?:es)?|underperforms?|(?:is|are) (?:better|worse) than|"
    r"matters? more than|(?:is|are) more important than|(?:is|are) preferable to)\b"
)
_HEDGE_ADVERBS = re.compile(r"\s+(?:consistently|significantly|substantially|often|can|generally|clearly)$")
_WORDS = re.compile(r"[a-z0-9][a-z0-9\-']*")
_LOSING_VERBS = ("underperform", "worse")


@dataclass(slots=True)
class Reading:
    factor: str | None = None
    direction: str | None = None
    outcome: str | None = None
    polarity: str | None = None
    preferred: str | None = None
    other: str | None = None
    negated: bool = False
    hedged: bool = False


READING_FIELDS = tuple(field.name for field in fields(Reading))


def reading_dict(reading: Reading) -> dict[str, Any]:
    """`dataclasses.asdict` without its deep copy (every field is a plain scalar)."""
    return {name: getattr(reading, name) for name in READING_FIELDS}


def cue_lengths_by_first_word(cues: dict[str, float]) -> dict[str, tuple[int, ...]]:
    """First word of each cue phrase -> the word counts of the cues starting with it."""
    lengths: dict[str, set[int]] = {}
    for cue in cues:
        words = cue.split()
        if words:
            lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(counts)) for word, counts in lengths.items()}


def phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """One alternation over the phrases, longest first, on word boundaries."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w\-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w\-])")


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
        self.factors = {row[0]: (row[1], row[2] if len(row) > 2 else "") for row in read_tsv("factors.tsv")}
        self.factor_re = phrase_regex(list(self.factors))
        self.outcomes = {row[0]: (row[1], row[2]) for row in read_tsv("outcomes.tsv")}
        self.outcome_re = phrase_regex(list(self.outcomes))
        self.effects = {row[0]: row[1] for row in read_tsv("effects.tsv")}
        self.effect_re = phrase_regex(list(self.effects))
        self.negations = read_words("negations.tsv")
        self.function_words = read_words("function_words.tsv")
        self.hedge_re = phrase_regex(list(read_words("hedges.tsv")))
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
                names = {span_text(e).lower(): e._.canonical for e in inside if e.label_ in ("MODEL", "METHOD")}
                keys = sorted({e._.canonical for e in inside})
                found.append(
                    {
                        "start": sent.start_char,
                        "end": sent.end_char,
                        "entities": keys,
                        **reading_dict(self.read(sentence, names)),
                    }
                )
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

    def read(self, text: str, names: dict[str, str] | None = None) -> Reading:
        """The reading of one claim sentence; `names` maps model/method surfaces to canonical keys."""
        lower = text.lower()
        reading = Reading(hedged=bool(self.hedge_re.search(lower)))
        self.read_outcome(lower, reading)
        if not self.read_comparison(lower, reading, names or {}):
            self.read_factor(lower, reading)
        self.read_effect(lower, reading)
        return reading

    def read_outcome(self, lower: str, reading: Reading) -> None:
        match = self.outcome_re.search(lower)
        if match:
            reading.outcome = self.outcomes[match.group(1)][0]

    def read_factor(self, lower: str, reading: Reading) -> None:
        for match in self.factor_re.finditer(lower):
            factor, direction = self.factors[match.group(1)]
            reading.factor = reading.factor or factor
            if direction and reading.factor == factor:
                reading.direction = direction
                return
        if reading.factor and reading.direction is None:
            reading.direction = self.direction_from_verbs(lower)

    @staticmethod
    def direction_from_verbs(lower: str) -> str:
        if re.search(r"\b(?:increas\w*|scal\w* up|more|larger|longer|higher)\b", lower):
            return "more"
        if re.search(r"\b(?:reduc\w*|decreas\w*|fewer|less|smaller|shorter|lower)\b", lower):
            return "less"
        return "present"

    def read_comparison(self, lower: str, reading: Reading, names: dict[str, str]) -> bool:
        match = _COMPARE_VERB.search(lower)
        if match is None:
            return False
        before = _HEDGE_ADVERBS.sub("", lower[max(0, match.start() - 60) : match.start()].rstrip())
        winner, loser = self.option(before, last=True), self.option(lower[match.end() : match.end() + 60], last=False)
        if not winner or not loser:
            return False
        if any(word in match.group() for word in _LOSING_VERBS):
            winner, loser = loser, winner
        side_w, side_l = self.factor_of(winner), self.factor_of(loser)
        if side_w and side_l and side_w[0] == side_l[0] and side_w[1] and side_w[1] != side_l[1]:
            reading.factor, reading.direction = side_w
            reading.polarity = "improves"
            return True
        reading.direction = "compare"
        reading.preferred = side_w[0] if side_w else self.name_of(winner, names)
        reading.other = side_l[0] if side_l else self.name_of(loser, names)
        reading.factor = " vs ".join(sorted([reading.preferred, reading.other]))
        reading.polarity = "improves"
        return True

    @staticmethod
    def option(words: str, *, last: bool) -> str:
        """The few words naming an option: the end of the text before the verb, the start after it."""
        parts = re.split(r"[,;:]| that | which | and | while | when ", words)
        chosen = (parts[-1] if last else parts[0]).split()
        return " ".join(chosen[-3:] if last else chosen[:3])

    def name_of(self, option: str, names: dict[str, str]) -> str:
        """An option's key: the canonical key of a model or method named in it, else its content words."""
        for surface, key in names.items():
            if surface in option:
                return key
        content = [word for word in option.split() if word not in self.function_words]
        return normalize(" ".join(content[-2:])) if content else normalize(option)

    def factor_of(self, option: str) -> tuple[str, str] | None:
        match = self.factor_re.search(option)
        return self.factors[match.group(1)] if match else None

    def read_effect(self, lower: str, reading: Reading) -> None:
        """Polarity from the first effect word after the factor ("improves", "degrades", "preserves",
        or a rise or fall such as "reduces" read against the outcome's better side). Rises and falls
        before the factor's end describe the factor ("increasing depth"), not the outcome."""
        factor = self.factor_re.search(lower)
        factor_end = factor.end() if factor else 0
        for match in self.effect_re.finditer(lower):
            effect = self.effects[match.group(1)]
            if effect in ("up", "down"):
                if match.start() < factor_end:
                    continue
                effect = "improves" if (effect == "up") == (self.better_side(reading.outcome) == "higher") else "hurts"
            before = lower[max(0, match.start() - 30) : match.start()].replace("n't", " n't").split()
            if any(word in self.negations for word in before[-3:]):
                reading.negated = True
                effect = "none"
            if reading.polarity is None or reading.negated:
                reading.polarity = {"improves": "improves", "hurts": "hurts", "none": "no_effect"}[effect]
            return

    def better_side(self, outcome: str | None) -> str:
        for _phrase, (name, better) in self.outcomes.items():
            if name == outcome:
                return better
        return "higher"
