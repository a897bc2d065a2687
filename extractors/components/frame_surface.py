"""A claim's frame read from the order of its words, where the dependency parse gives none.

The parser of the English layer mis-tags a third-person effect verb after a noun ("quantization
causes", "Mamba outperforms") and then hangs the sentence on the wrong head, so the parse reading
(`frames.py`) finds no factor. This reading needs only tokens, lemmas and coarse tags, and reads the
few shapes a finding about an effect takes in English:

  FACTOR  EFFECT-VERB  OUTCOME            "increasing the depth does not improve accuracy"
  FACTOR  BEATS-VERB   OTHER (on TASK)    "Mamba outperforms Transformers on retrieval"
  FACTOR  YIELD-VERB   DEGREE OUTCOME     "larger batches lead to worse generalization"
  FACTOR  has no/little effect on OUTCOME "weight decay has little effect on accuracy"
  FACTOR  is more/less/-er ADJ than OTHER "dense models are more sample efficient than MoE models"
  OUTCOME EFFECT-VERB with FACTOR         "accuracy improves with model size"

Factor and outcome are the sentence's own noun phrases, keyed as `PhraseKeys` keys them (lemmas,
degree words as direction, the keys and outcome classes of the general tables, entity canonicals).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from extractors.components.frame_phrases import QUANTITY_HEADS, UNRESOLVED, Degree, Outcome, PhraseKeys, joined, lemma
from extractors.resources import read_mapping, read_words

# words between a factor and its verb that are not part of either: auxiliaries, modals, adverbs
AUXILIARIES = frozenset(
    {"do", "does", "did", "can", "could", "may", "might", "will", "would", "should", "must", "also", "further",
     "is", "are", "was", "were", "be", "been", "has", "have", "had"}
)  # fmt: skip
NEGATIONS = frozenset({"not", "n't", "never", "cannot", "fail", "fails", "failed", "no"})
STOPS = frozenset(
    {"that", "which", "who", "whereas", "while", "when", "where", "but", "and", "or", "if", "because", "since",
     "although", "though", "as", "than", "we", "i", "it", "they", "there", "thus", "hence", "however"}
)  # fmt: skip
OF_HEADS = frozenset({"number", "amount", "size", "scale", "count", "depth", "width", "length", "choice"})
SMALL_EFFECTS = frozenset({"no", "little", "negligible", "minimal", "marginal", "limited", "insignificant", "slight"})
COMPARATIVES = {"more": "improves", "less": "hurts", "better": "improves", "worse": "hurts"}
EFFECT_NOUNS = frozenset({"effect", "impact", "influence"})
MAX_PHRASE = 6
PLAIN_ADVERBS = frozenset({"also", "further", "still", "even", "often", "always", "only", "then", "thereby", "indeed"})


@dataclass(slots=True)
class SurfaceFrame:
    factor: str
    direction: str
    polarity: str
    outcome: Outcome
    comparator: str | None = None
    negated: bool = False


class SurfaceReader:
    """Reads the shapes above; `effects` is the effect-word table of `frame_effects.tsv`."""

    def __init__(self, phrases: PhraseKeys, effects: Mapping[str, str]) -> None:
        self.phrases = phrases
        self.effects = effects
        self.yields = read_words("frame_yields.tsv")
        self.function_words = read_words("function_words.tsv")
        self.better_words = read_mapping("frame_comparatives.tsv")

    def read(self, span: Span, entity_keys: dict[int, str]) -> SurfaceFrame | None:
        tokens = list(span)
        for position, token in enumerate(tokens):
            found = self.read_at(tokens, position, token, entity_keys)
            if found is not None:
                return found
        return None

    def read_at(self, tokens: list[Token], i: int, token: Token, entity_keys: dict[int, str]) -> SurfaceFrame | None:
        if token.lower_ in EFFECT_NOUNS and i > 0:
            return self.effect_noun(tokens, i, entity_keys)
        kind = self.verb_kind(tokens, i)
        if kind is None:
            return self.copular_comparison(tokens, i, entity_keys)
        negated, start = self.before_verb(tokens, i)
        left = self.phrase_left(tokens, start)
        if not left:
            return None
        if kind in ("beats", "loses"):
            return self.beats(tokens, i, left, kind, negated, entity_keys)
        if kind == "yields":
            return self.yielded(tokens, i, left, negated, entity_keys)
        return self.effect_verb(tokens, i, left, kind, negated, entity_keys)

    # ---- the effect word

    def verb_kind(self, tokens: list[Token], i: int) -> str | None:
        """The effect kind of a token used as a finite verb or after an auxiliary ("improves", "does not
        improve", "enhance" after a plural subject), None for nouns ("the improvement", "a drop")."""
        token = tokens[i]
        if token.pos_ in ("DET", "ADP", "PUNCT") or not token.is_alpha:
            return None
        base = self.base_form(token)
        if base is None or (token.pos_ in ("ADJ", "ADV") and base == token.lower_ and base not in self.yields):
            return None  # "better", "poor": adjectives of the table, not verbs
        kind = "yields" if base in self.yields else self.effects.get(base)
        if kind is None or kind in ("affects",):
            return None
        before = tokens[i - 1] if i > 0 else None
        if before is None or before.pos_ in ("DET", "ADP") or before.lower_ in ("the", "a", "an", "of"):
            return None
        if token.lower_.endswith("ed") and before.pos_ in ("VERB", "AUX") and before.lower_ not in AUXILIARIES:
            return None  # "demonstrating improved accuracy": a participle before its noun
        if token.lower_ == base and not self.after_subject_or_auxiliary(tokens, i):
            return None
        if before.lower_ == "to" and not (i > 1 and tokens[i - 2].lower_ in NEGATIONS):
            return None  # "prompts to improve accuracy": an infinitive of purpose
        return kind

    def base_form(self, token: Token) -> str | None:
        """The table entry a verb form belongs to: "improves" -> improve, "degraded" -> degrade."""
        lower = token.lower_
        candidates = [lower]
        if lower.endswith("s"):
            candidates += [lower[:-1], lower[:-2] if lower.endswith("es") else ""]
        if lower.endswith("ed"):
            candidates += [lower[:-1], lower[:-2], lower[:-3] if lower[-3:-2] == lower[-4:-3] else ""]
        table_words = self.effects.keys() | self.yields
        return next((c for c in candidates if c and c in table_words), None)

    @staticmethod
    def after_subject_or_auxiliary(tokens: list[Token], i: int) -> bool:
        before = [t for t in tokens[:i] if not (t.pos_ == "ADV" or t.lower_.endswith("ly"))]
        if not before:
            return False
        last = before[-1]
        return (
            last.lower_ in AUXILIARIES
            or last.lower_ in NEGATIONS
            or last.lower_ == "to"
            or last.tag_ in ("NNS", "NNPS")
        )

    def before_verb(self, tokens: list[Token], i: int) -> tuple[bool, int]:
        """(negated, index just before the factor phrase): skips "does not", "consistently", "fails to"."""
        negated, j = False, i - 1
        if j > 0 and tokens[j].lower_ == "to" and tokens[j - 1].lower_ in NEGATIONS:
            j -= 1  # "fails to improve"; any other "to improve" is a purpose, not a finding (see `verb_kind`)
        while j >= 0 and (
            tokens[j].lower_ in AUXILIARIES or tokens[j].lower_ in NEGATIONS or self.is_adverb(tokens[j])
        ):
            not_only = j + 1 < len(tokens) and tokens[j + 1].lower_ == "only"  # "not only X but also Y" adds
            negated = negated or (tokens[j].lower_ in NEGATIONS and not not_only)
            j -= 1
        return negated, j

    @staticmethod
    def is_adverb(token: Token) -> bool:
        """An adverb between a subject and its verb ("consistently", "also"); a tagger's ADV is not trusted
        alone ("dropout" is tagged ADV)."""
        return token.is_alpha and (token.lower_.endswith("ly") or token.lower_ in PLAIN_ADVERBS)

    # ---- phrases

    def phrase_left(self, tokens: list[Token], end: int) -> list[Token]:
        """The noun phrase ending at `end`, read leftwards: words, glued hyphens, "of" after a measure
        word ("number of layers") or inside a hyphenated compound ("chain-of-thought")."""
        phrase: list[Token] = []
        j = end
        while j >= 0 and len(phrase) < MAX_PHRASE:
            token = tokens[j]
            glued = token.text == "-" or (j > 0 and tokens[j - 1].text == "-" and not tokens[j - 1].whitespace_)
            if token.lower_ == "of":
                if not (glued or (j > 0 and lemma(tokens[j - 1]) in OF_HEADS)):
                    break
            elif not self.in_phrase(token, glued):
                break
            phrase.insert(0, token)
            j -= 1
        while phrase and (phrase[0].text == "-" or phrase[0].lower_ == "of"):
            phrase.pop(0)
        return phrase

    def in_phrase(self, token: Token, glued: bool) -> bool:
        if glued:
            return True
        if token.is_punct or token.lower_ in STOPS or token.lower_ in AUXILIARIES:
            return False
        if token.pos_ in ("PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PART"):
            return False
        if token.pos_ == "VERB" and not token.lower_.endswith("ing") and self.phrases.degree(token) is None:
            return False
        return token.is_alpha or token.like_num or any(ch.isalpha() for ch in token.text)

    def phrase_right(self, tokens: list[Token], start: int) -> list[Token]:
        """The noun phrase starting at `start` (determiners skipped), up to a preposition or a clause."""
        j = start
        while j < len(tokens) and (tokens[j].pos_ == "DET" or self.is_adverb(tokens[j])):
            j += 1
        phrase: list[Token] = []
        while j < len(tokens) and len(phrase) < MAX_PHRASE:
            token = tokens[j]
            glued = token.text == "-" or (j > 0 and tokens[j - 1].text == "-" and not tokens[j - 1].whitespace_)
            if not self.in_phrase(token, glued) and not (token.pos_ == "ADJ" or token.lower_ in self.better_words):
                break
            phrase.append(token)
            j += 1
        while phrase and phrase[-1].text == "-":
            phrase.pop()
        return phrase

    def factor_key(self, phrase: list[Token], entity_keys: dict[int, str]) -> tuple[str | None, str]:
        """(key, direction) of a factor phrase: "increasing the depth" -> ("model depth", "more")."""
        if not phrase or any(t.lower_ in ("our", "this", "these", "its", "their", "such") for t in phrase):
            return None, ""
        named = [entity_keys[t.i] for t in phrase if t.i in entity_keys]
        degrees = [(t, d) for t in phrase if (d := self.phrases.degree(t)) is not None]
        words = [t for t in phrase if t.pos_ != "DET" and self.phrases.degree(t) is None]
        if named and not degrees:
            return named[-1], "present"
        if not words and len(degrees) == 1 and degrees[0][0].lower_.endswith("ing"):
            return self.usable(degrees[0][0].lower_), "present"  # "pruning" alone: the technique itself
        if not words or not self.is_noun_head(words[-1]):
            return None, ""
        raw = joined(words)
        if not degrees:
            return self.usable(self.phrases.canonical(raw)), "present"
        degree = degrees[0][1]
        return self.usable(self.degree_key(raw, words[-1], degree)), degree.direction

    @staticmethod
    def is_noun_head(token: Token) -> bool:
        """A phrase's last word that can head a noun phrase: a noun, a name, a gerund ("prompting")."""
        if token.pos_ in ("NOUN", "PROPN", "NUM", "X", "SYM"):
            return True
        return (token.pos_ == "VERB" and token.lower_.endswith("ing")) or token.tag_ in ("NNS", "NNPS", "NN")

    def degree_key(self, raw: str, head: Token, degree: Degree) -> str:
        keys = self.phrases.keys
        if degree.dimension in ("amount", "level") or lemma(head) in QUANTITY_HEADS:
            return keys.get(f"{raw} {degree.dimension}") or self.phrases.canonical(raw)
        return keys.get(f"{raw} {degree.dimension}") or self.phrases.canonical(
            f"{self.phrases.canonical(raw)} {degree.dimension}"
        )

    def usable(self, key: str | None) -> str | None:
        key = key.strip("- ") if key else key
        if not key or key in UNRESOLVED or key in self.function_words or len(key) < 2:
            return None
        return key

    def outcome_of(self, phrase: list[Token]) -> Outcome | None:
        """The outcome a phrase names, with its class when the synonym table has it."""
        words = [t for t in phrase if t.pos_ != "DET" and t.lower_ not in self.better_words]
        lemmas = [lemma(t) for t in words]
        for candidate in (joined(words), *reversed(lemmas), *reversed([t.lower_ for t in words])):
            if candidate in self.phrases.outcomes:
                outcome_class, better = self.phrases.outcomes[candidate]
                named = words[-1].pos_ in ("NOUN", "PROPN")  # "efficient", "robust": the class names it
                return Outcome(candidate if named else outcome_class, outcome_class, better)
        return Outcome(joined(words), None, "higher") if words else None

    # ---- the shapes

    def effect_verb(
        self, tokens: list[Token], i: int, left: list[Token], kind: str, negated: bool, entity_keys: dict[int, str]
    ) -> SurfaceFrame | None:
        right = self.phrase_right(tokens, i + 1)
        left_outcome = self.outcome_of(left)
        after = i + 1 + len(right)
        if (not right or self.next_is(tokens, i + 1, "with")) and left_outcome and left_outcome.outcome_class:
            source = self.after_word(tokens, i + 1, "with")  # "accuracy improves with model size"
            factor, direction = self.factor_key(source, entity_keys)
            if factor is None:
                return None
            return self.frame(factor, "more" if direction == "present" else direction, kind, left_outcome, negated)
        factor, direction = self.factor_key(left, entity_keys)
        outcome = self.outcome_of(right)
        if factor is None or outcome is None or after == i + 1:
            return None
        return self.frame(factor, direction, kind, outcome, negated)

    def beats(
        self, tokens: list[Token], i: int, left: list[Token], kind: str, negated: bool, entity_keys: dict[int, str]
    ) -> SurfaceFrame | None:
        factor, direction = self.factor_key(left, entity_keys)
        right = self.phrase_right(tokens, i + 1)
        comparator, other = self.factor_key(right, entity_keys)
        if factor is None or (comparator is None and other in ("", "present")):
            return None
        on = self.after_word(tokens, i + 1 + len(right), "on", "in", "at")
        outcome = self.outcome_of(on) if on else None
        if outcome is None or outcome.outcome_class is None:
            outcome = Outcome("performance", "performance", "higher")
        return self.compared(factor, direction, comparator, other, kind == "beats", outcome, negated)

    def yielded(
        self, tokens: list[Token], i: int, left: list[Token], negated: bool, entity_keys: dict[int, str]
    ) -> SurfaceFrame | None:
        """ "leads to better accuracy", "achieves higher throughput", "results in lower loss"."""
        j = i + 1
        if j < len(tokens) and tokens[j].lower_ in ("to", "in"):
            j += 1
        right = self.phrase_right(tokens, j)
        factor, direction = self.factor_key(left, entity_keys)
        if factor is None:
            return None
        better = next((self.better_words[t.lower_] for t in right if t.lower_ in self.better_words), None)
        if better is None:
            return self.yielded_effect_noun(tokens, j + len(right), right, factor, direction, negated)
        outcome = self.outcome_of(right)
        if outcome is None or outcome.outcome_class is None:
            return None
        return self.frame(factor, direction, "improves" if self.wins(better, outcome) else "hurts", outcome, negated)

    def yielded_effect_noun(
        self, tokens: list[Token], end: int, right: list[Token], factor: str, direction: str, negated: bool
    ) -> SurfaceFrame | None:
        """ "causes minimal degradation in accuracy", "yields a large drop in accuracy"."""
        if not right or right[-1].pos_ != "NOUN":
            return None
        kind = self.effects.get(lemma(right[-1]))
        if kind not in ("improves", "hurts", "up", "down"):
            return None
        small = any(t.lower_ in SMALL_EFFECTS for t in right[:-1])
        after = self.after_word(tokens, end, "in", "of", "on")
        outcome = self.outcome_of(after) if after else None
        if outcome is None or outcome.outcome_class is None:
            return None
        return self.frame(factor, direction, kind, outcome, negated or small)

    def effect_noun(self, tokens: list[Token], i: int, entity_keys: dict[int, str]) -> SurfaceFrame | None:
        """ "weight decay has little effect on accuracy"."""
        size = tokens[i - 1].lower_
        if size not in SMALL_EFFECTS or i < 3 or lemma(tokens[i - 2]) not in ("have", "show", "exert"):
            return None
        negated, start = self.before_verb(tokens, i - 2)
        factor, direction = self.factor_key(self.phrase_left(tokens, start), entity_keys)
        on = self.after_word(tokens, i + 1, "on")
        outcome = self.outcome_of(on) if on else None
        if factor is None or outcome is None or negated:
            return None
        return SurfaceFrame(factor, direction, "no_effect", outcome, None, size == "no")

    def copular_comparison(self, tokens: list[Token], i: int, entity_keys: dict[int, str]) -> SurfaceFrame | None:
        """ "X is more robust than Y", "X are better than Y at Z", "X is faster than Y"."""
        if tokens[i].lower_ not in ("is", "are", "was", "were", "be"):
            return None
        j, negated = i + 1, False
        while j < len(tokens) and (
            tokens[j].lower_ in NEGATIONS or (self.is_adverb(tokens[j]) and tokens[j].lower_ not in self.better_words)
        ):
            negated, j = negated or tokens[j].lower_ in NEGATIONS, j + 1
        than = next((k for k in range(j, min(j + 5, len(tokens))) if tokens[k].lower_ == "than"), None)
        if than is None or than == j:
            return None
        adjective = tokens[j:than]
        better = next((self.better_words[t.lower_] for t in adjective if t.lower_ in self.better_words), None)
        if better is None:
            return None
        outcome = self.outcome_of(adjective)
        if outcome is None or outcome.outcome_class is None:
            if len(adjective) != 1 or better not in ("improves", "hurts"):
                return None
            outcome = Outcome("performance", "performance", "higher")  # "X is better than Y"
        factor, direction = self.factor_key(self.phrase_left(tokens, i - 1), entity_keys)
        comparator, other = self.factor_key(self.phrase_right(tokens, than + 1), entity_keys)
        if factor is None:
            return None
        return self.compared(factor, direction, comparator, other, self.wins(better, outcome), outcome, negated)

    @staticmethod
    def wins(better: str, outcome: Outcome) -> bool:
        """Whether a degree word says the outcome got better: "better", or "higher" of accuracy, "lower" of loss."""
        if better in ("improves", "hurts"):
            return better == "improves"
        return (better == "up") == (outcome.better == "higher")

    # ---- helpers

    def compared(
        self,
        factor: str,
        direction: str,
        comparator: str | None,
        other: str,
        wins: bool,
        outcome: Outcome,
        negated: bool,
    ) -> SurfaceFrame | None:
        """A comparison: of two options, or of more and less of one ("larger models beat smaller ones")."""
        if comparator is None or comparator == factor:
            if direction in ("more", "less") and other in ("more", "less", "") and other != direction:
                return self.frame(factor, direction, "improves" if wins else "hurts", outcome, negated)
            return None
        if negated:
            return SurfaceFrame(factor, "compare", "no_effect", outcome, comparator, True)
        return SurfaceFrame(factor, "compare", "improves" if wins else "hurts", outcome, comparator)

    @staticmethod
    def frame(factor: str, direction: str, kind: str, outcome: Outcome, negated: bool) -> SurfaceFrame | None:
        if kind in ("up", "down"):
            if outcome.outcome_class is None:
                return None
            kind = "improves" if (kind == "up") == (outcome.better == "higher") else "hurts"
        stated = {"improves": "improves", "hurts": "hurts", "keeps": "no_harm", "none": "no_effect"}
        absent = {"improves": "no_effect", "hurts": "no_harm", "keeps": "hurts", "none": "no_effect"}
        polarity = (absent if negated else stated).get(kind)
        if polarity is None:
            return None
        return SurfaceFrame(factor, direction, polarity, outcome, None, negated)

    @staticmethod
    def next_is(tokens: list[Token], j: int, word: str) -> bool:
        return j < len(tokens) and tokens[j].lower_ == word

    def after_word(self, tokens: list[Token], j: int, *words: str) -> list[Token]:
        """The phrase after a preposition at `j` ("on" -> "on long-context retrieval")."""
        if j < len(tokens) and tokens[j].lower_ in words:
            return self.phrase_right(tokens, j + 1)
        return []
