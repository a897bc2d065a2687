"""Claim frames: what each claim sentence says, read from its dependency parse.

For every claim `kg_claims` selected, `kg_claim_frames` reads from the parse (Universal Dependencies
labels, lemmas) the frame: the *factor* (subject of a compare or effect verb, the object of a gerund
such as "scaling depth", the degree phrase "larger models" -> model size, more), the *comparator*
("X outperforms Y", "X is more efficient than Y"), the *outcome* and its class, the *polarity*
(improves / hurts / no_effect / no_harm / depends; "minimal degradation" and "without loss" are no
harm, "does not improve" no effect), hedging ("may"), negation, the stated *conditions* ("at small
scale") and the sentence's *role* (finding, background, method, motivation, future) from its main
verb, subject and modal. Where the parse misses the factor, the effect or the outcome (or the other side
of a comparison), the word-order reading of `frame_surface.py` fills them in. A `Doc` without a parse
gets empty frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractors.components.frame_phrases import (
    SUBJECT_DEPS,
    Outcome,
    PhraseKeys,
    case_of,
    child,
    children,
    is_nominal,
    is_predicate,
    lemma,
    looked_up,
    subject_of,
)
from extractors.components.frame_surface import SurfaceFrame, SurfaceReader
from extractors.resources import read_mapping, read_words

# polarity of an effect kind (frame_effects.tsv) as stated, and when negated or made small
STATED_EFFECT = {
    "improves": "improves",
    "beats": "improves",
    "hurts": "hurts",
    "keeps": "no_harm",
    "none": "no_effect",
    "depends": "depends",
}
ABSENT_EFFECT = {
    "improves": "no_effect",
    "beats": "no_effect",
    "hurts": "no_harm",
    "loses": "no_harm",
    "keeps": "hurts",
    "affects": "no_effect",
    "depends": "no_effect",
}
GENERAL_PERFORMANCE = Outcome("performance", "performance", "higher")
CLAUSE_BOUNDARIES = frozenset({"advcl", "acl:relcl", "parataxis"})
RESULT_SUBJECTS = frozenset({"result", "experiment", "analysis", "finding", "evaluation", "observation", "study"})


@dataclass(slots=True)
class Frame:
    factor: str | None = None
    comparator: str | None = None
    direction: str | None = None
    outcome: str | None = None
    outcome_class: str | None = None
    polarity: str | None = None
    negated: bool = False
    hedged: bool = False
    role: str | None = None
    condition_kinds: list[str] = field(default_factory=list)
    condition_values: list[str] = field(default_factory=list)


FRAME_FIELDS = tuple(f.name for f in fields(Frame))


def frame_dict(frame: Frame) -> dict[str, Any]:
    return {name: getattr(frame, name) for name in FRAME_FIELDS}


def fill_from_surface(frame: Frame, surface: SurfaceFrame) -> None:
    """The word-order reading in place of a parse reading that missed the factor, the effect or the outcome."""
    frame.factor, frame.comparator, frame.direction = surface.factor, surface.comparator, surface.direction
    frame.outcome, frame.outcome_class = surface.outcome.key, surface.outcome.outcome_class
    frame.polarity, frame.negated = surface.polarity, surface.negated


DEFAULT_FILES = (
    "frame_effects.tsv",
    "claim_roles.tsv",
    "prior_work.tsv",
    "hedges.tsv",
    "negations.tsv",
    "minimizers.tsv",
)


@Language.factory(
    "kg_claim_frames",
    default_config={
        "entities_key": "kg_entities",
        "effects_file": "frame_effects.tsv",
        "roles_file": "claim_roles.tsv",
        "prior_work_file": "prior_work.tsv",
        "hedges_file": "hedges.tsv",
        "negations_file": "negations.tsv",
        "minimizers_file": "minimizers.tsv",
    },
)
def make_frames(
    nlp: Language,
    name: str,
    entities_key: str,
    effects_file: str,
    roles_file: str,
    prior_work_file: str,
    hedges_file: str,
    negations_file: str,
    minimizers_file: str,
) -> FrameReader:
    reader = FrameReader(entities_key)
    reader.load(effects_file, roles_file, prior_work_file, hedges_file, negations_file, minimizers_file)
    return reader


class FrameReader:
    """Reads each claim's frame; the word lists are data files (`load`), the phrase keys `PhraseKeys`."""

    def __init__(self, entities_key: str) -> None:
        self.entities_key = entities_key
        self.phrases = PhraseKeys()
        self.load(
            "frame_effects.tsv", "claim_roles.tsv", "prior_work.tsv", "hedges.tsv", "negations.tsv", "minimizers.tsv"
        )
        if not Doc.has_extension("claims"):
            Doc.set_extension("claims", default=None)

    def load(self, effects: str, roles: str, prior_work: str, hedges: str, negations: str, minimizers: str) -> None:
        self.effects = read_mapping(effects)
        self.roles = read_mapping(roles)
        self.prior = read_words(prior_work)
        self.hedges = read_words(hedges)
        self.negations = read_words(negations)
        self.minimizers = read_words(minimizers)
        self.surface = SurfaceReader(self.phrases, self.effects)
        self.generic_heads = read_words("frame_generic_heads.tsv")

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.has_annotation("DEP")
        entity_keys = self.entity_keys(doc)
        for claim in doc._.claims or []:
            span = doc.char_span(claim["start"], claim["end"], alignment_mode="expand")
            frame = self.read(span, entity_keys) if parsed and span is not None else Frame()
            claim.update(frame_dict(frame))
        return doc

    def entity_keys(self, doc: Doc) -> dict[int, str]:
        """Token index of every token of a model/method/dataset name -> the name's canonical key."""
        spans = doc.spans.get(self.entities_key, [])
        named = (span for span in spans if span.label_ in ("MODEL", "METHOD", "DATASET"))
        return {i: span._.canonical for span in named for i in range(span.start, span.end)}

    def read(self, span: Span, entity_keys: dict[int, str]) -> Frame:
        frame = Frame(hedged=any(lemma(t) in self.hedges for t in span))
        root = span.root
        content, role = self.content_and_role(root, span)
        frame.role = role
        effect = self.effect_token(content)
        if effect is not None:
            self.read_effect(effect, frame, entity_keys)
        surface = self.surface.read(span, entity_keys)
        missed = not (frame.factor and frame.polarity and frame.outcome_class)
        if surface is not None and (missed or (surface.comparator and not frame.comparator)):
            fill_from_surface(frame, surface)  # the parse missed a part, or the other side of a comparison
        if self.names_nothing(frame.factor) or (frame.comparator is not None and self.names_nothing(frame.comparator)):
            frame.factor = frame.comparator = None  # "the latter improves", "outperforms baselines"
        for kind, value in self.phrases.conditions(span):
            frame.condition_kinds.append(kind)
            frame.condition_values.append(value)
        return frame

    def names_nothing(self, key: str | None) -> bool:
        """A key made only of referring words ("proposed method", "baseline") or with no noun in it."""
        if key is None:
            return False
        words = [w for w in key.replace("-", " ").split() if w]
        if key in self.phrases.outcomes or not any(ch.isalpha() for ch in key):
            return True  # "performance improves": an outcome, not a factor
        return all(w in self.generic_heads or w in self.phrases.function_words or w in self.prior for w in words)

    # ---- role

    def content_and_role(self, root: Token, span: Span) -> tuple[Token, str]:
        """The clause that carries the claim, and what the sentence does."""
        subject = self.subject_kind(child(root, *SUBJECT_DEPS))
        verb = looked_up(self.roles, root)
        modals = {lemma(t) for t in children(root, "aux", "aux:pass")}
        if subject == "prior":
            return child(root, "ccomp") or root, "background"
        if span.text.rstrip().endswith("?") or verb == "motivation":
            return root, "motivation"
        if modals & {"will", "shall"} and subject == "own":
            return root, "future"
        if verb == "report":
            return child(root, "ccomp", "xcomp") or root, "finding"
        if verb == "method" and subject == "own":
            return root, "method"
        if root.tag_ == "VBN" and "have" in modals and subject != "own":
            return root, "background"
        return root, "finding"

    def subject_kind(self, subject: Token | None) -> str | None:
        """own (we, our results), prior (prior work, existing methods), other, or None."""
        if subject is None:
            return None
        words = {lemma(t) for t in subject.subtree} | {t.lower_ for t in subject.subtree}
        if words & self.prior:
            return "prior"
        if lemma(subject) in ("we", "us") or subject.lower_ == "we":
            return "own"
        if lemma(subject) in RESULT_SUBJECTS and words & {"our", "we", "these", "this"}:
            return "own"
        return "other"

    # ---- effect

    def effect_token(self, content: Token) -> Token | None:
        """The first effect word found breadth-first in the claim's clause, the subject searched last."""
        queue: list[Token] = [content]
        subjects: list[Token] = []
        while queue:
            token = queue.pop(0)
            if (
                looked_up(self.effects, token) is not None
                and not self.is_factor_degree(token)
                and not self.heads_effect(token)
            ):
                return self.preferred_effect(token)
            for c in token.children:
                if c.dep_ not in CLAUSE_BOUNDARIES:
                    (subjects if c.dep_ in SUBJECT_DEPS else queue).append(c)
            if not queue and subjects:
                queue, subjects = subjects, []
        return None

    def is_effect(self, token: Token) -> bool:
        if looked_up(self.effects, token) is None:
            return False
        return not self.is_factor_degree(token) and not self.heads_effect(token)

    def is_factor_degree(self, token: Token) -> bool:
        """ "more"/"higher"/"increasing" describing the factor ("more data", "increasing depth"), not an effect."""
        if token.dep_ in ("amod", "det", "advmod", "nummod") and token.head.dep_ in SUBJECT_DEPS:
            return True
        return token.dep_ in SUBJECT_DEPS and (token.pos_ == "VERB" or is_predicate(token))

    def heads_effect(self, token: Token) -> bool:
        """ "increasing depth does not improve accuracy" parsed with "improve" under "increasing": the degree
        verb describes the factor, the clause under it carries the effect."""
        if self.phrases.degree(token) is None or not is_predicate(token):
            return False
        return any(c.dep_ in ("ccomp", "xcomp") and looked_up(self.effects, c) is not None for c in token.children)

    def preferred_effect(self, token: Token) -> Token:
        """ "fails to improve", "helps improve": the inner effect verb carries the outcome."""
        inner = child(token, "xcomp")
        if inner is not None and looked_up(self.effects, inner) is not None:
            return inner
        return token

    def read_effect(self, effect: Token, frame: Frame, entity_keys: dict[int, str]) -> None:
        kind = looked_up(self.effects, effect) or ""
        if is_nominal(effect):
            factor_head, outcome_head = self.noun_effect_parts(effect)
        elif effect.dep_ in ("amod", "advmod") and not is_predicate(effect):
            factor_head, outcome_head = self.modifier_effect_parts(effect)
        else:
            factor_head, outcome_head = self.verb_effect_parts(effect, kind, frame)
        comparator_head = self.comparator_head(effect)
        if kind == "loses" and comparator_head is not None:
            factor_head, comparator_head, kind = comparator_head, factor_head, "beats"
        self.fill_factor(frame, factor_head, comparator_head, entity_keys, effect)
        outcome = self.phrases.outcome(outcome_head) if outcome_head is not None else None
        compared = kind in ("beats", "loses") or (comparator_head is not None and kind in ("improves", "hurts"))
        if compared and (outcome is None or outcome.outcome_class is None):
            outcome = GENERAL_PERFORMANCE  # "X outperforms Y", "X is better than Y": on the task's own measure
            # ("less diverse than Y" is a fall of an unknown outcome: no polarity)
        if outcome is not None:
            frame.outcome, frame.outcome_class = outcome.key, outcome.outcome_class
        frame.polarity, frame.negated = self.polarity(effect, kind, outcome)

    def verb_effect_parts(self, effect: Token, kind: str, frame: Frame) -> tuple[Token | None, Token | None]:
        """(factor, outcome) of an effect verb or predicate adjective."""
        clause = effect.head if effect.dep_ == "xcomp" and child(effect, *SUBJECT_DEPS) is None else effect
        subject = subject_of(clause)
        obj = child(effect, "obj")
        obliques = {case_of(o): o for o in children(effect, "obl", "obl:npmod", "nmod")}
        outcome_obl = next((obliques[case] for case in ("in", "on", "for", "at") if case in obliques), None)
        if subject is not None and subject.dep_ == "nsubj:pass":
            return obliques.get("by"), subject
        if kind == "none" and (obliques.get("to") or obliques.get("of")) is not None:
            return obliques.get("to") or obliques.get("of"), subject  # "loss is insensitive to depth"
        if kind in ("beats", "loses"):
            return subject, outcome_obl
        source = obliques.get("with") or obliques.get("from")
        if subject is not None and obj is None and source is not None and lemma(effect) != "benefit":
            frame.direction = "more"  # "accuracy improves with model size"
            return source, subject
        if lemma(effect) == "benefit" and source is not None:
            return source, subject  # "larger models benefit from X": X helps them
        if subject is not None and obj is None and self.phrases.outcome(subject) is not None and not outcome_obl:
            return None, subject  # "performance degrades": no factor in this clause
        inner = child(effect, "xcomp")  # "fails to generalize"
        named = inner if inner is not None and looked_up(self.phrases.outcomes, inner) is not None else None
        itself = effect if looked_up(self.phrases.outcomes, effect) is not None else None
        return subject, obj or outcome_obl or named or itself

    def modifier_effect_parts(self, effect: Token) -> tuple[Token | None, Token | None]:
        """ "achieves better accuracy", "leads to higher loss", "performs better"."""
        target = effect.head
        if is_predicate(target):
            return subject_of(target), target
        governor = target.head
        return subject_of(governor), target

    def noun_effect_parts(self, effect: Token) -> tuple[Token | None, Token | None]:
        """ "accuracy degradation", "degradation in accuracy", "loss of accuracy", "gains from scaling"."""
        outcome = child(effect, "compound") or next(
            (n for n in children(effect, "nmod") if case_of(n) in ("in", "of", "on")), None
        )
        source = next((n for n in children(effect, "nmod") if case_of(n) in ("from", "with")), None)
        if source is not None:
            return source, outcome
        governor = effect.head
        while governor.dep_ in ("obl", "obj", "nmod", "xcomp", "conj") and governor.head is not governor:
            if subject_of(governor) is not None:
                break
            governor = governor.head
        if outcome is None:  # "causes degradation in accuracy" with "in accuracy" attached to the verb
            outcome = next((o for o in children(governor, "obl") if case_of(o) in ("in", "on")), None)
        return subject_of(governor), outcome

    def comparator_head(self, effect: Token) -> Token | None:
        """The other side of a comparison: the object of "outperforms", the "than Y" of "better than Y",
        the "to Y" of "comparable to Y"."""
        kind = looked_up(self.effects, effect)
        if kind in ("beats", "loses"):
            return child(effect, "obj")
        cases = ("than", "to", "with") if kind == "keeps" else ("than",)
        for token in (effect, effect.head):
            for c in children(token, "obl", "nmod", "advcl"):
                if case_of(c) in cases:
                    return c
        return None

    def fill_factor(
        self,
        frame: Frame,
        factor_head: Token | None,
        comparator_head: Token | None,
        entity_keys: dict[int, str],
        effect: Token,
    ) -> None:
        if factor_head is None:
            return
        factor, direction = self.phrases.factor(factor_head, entity_keys)
        if factor is None or self.is_not_a_factor(factor_head):
            return
        frame.factor = factor
        head_degree = self.phrases.degree(effect.head) if effect.dep_ in ("ccomp", "xcomp") else None
        frame.direction = direction or (head_degree.direction if head_degree else None) or frame.direction or "present"
        if comparator_head is None:
            return
        comparator, other_direction = self.phrases.factor(comparator_head, entity_keys)
        if comparator is None and other_direction not in (None, direction):
            comparator = factor  # "larger models outperform smaller ones"
        if comparator is None or (comparator == factor and other_direction in (None, direction)):
            return
        if comparator == factor:  # "larger models outperform smaller ones": one factor, one direction
            frame.direction = direction or "more"
            return
        frame.comparator, frame.direction = comparator, "compare"

    def is_not_a_factor(self, head: Token) -> bool:
        """Reports ("experiments show"), and effect words a parse left as the subject ("improvements")."""
        return lemma(head) in RESULT_SUBJECTS or (is_nominal(head) and looked_up(self.effects, head) is not None)

    def polarity(self, effect: Token, kind: str, outcome: Outcome | None) -> tuple[str | None, bool]:
        """(polarity, negated); an effect marked as absent or small reads as no effect or no harm."""
        if kind in ("up", "down"):
            if outcome is None or outcome.outcome_class is None:
                return None, False  # a rise or fall of something whose better side is unknown
            kind = "improves" if (kind == "up") == (outcome.better == "higher") else "hurts"
        negated = self.is_negated(effect)
        if negated or self.is_minimised(effect):
            return ABSENT_EFFECT.get(kind), negated
        return STATED_EFFECT.get(kind), False

    def is_negated(self, effect: Token) -> bool:
        negations = [
            c
            for c in effect.children
            if c.dep_ in ("advmod", "aux", "neg", "det", "cc:preconj") and lemma(c) in self.negations
        ]
        if any(not self.is_not_only(c) for c in negations):
            return True
        if effect.dep_ == "xcomp" and lemma(effect.head) == "fail":
            return True
        return is_nominal(effect) and case_of(effect) == "without"

    @staticmethod
    def is_not_only(negation: Token) -> bool:
        """ "not only X but also Y" adds, it does not negate."""
        doc = negation.doc
        return negation.i + 1 < len(doc) and doc[negation.i + 1].lower_ == "only"

    def is_minimised(self, effect: Token) -> bool:
        if not is_nominal(effect):
            return False
        return any(lemma(c) in self.minimizers for c in children(effect, "amod", "det", "advmod"))
