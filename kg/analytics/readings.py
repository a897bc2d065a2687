"""What a claim says, read from its sentence: the factors it is about and its stance on each.

A stance is one of four: `up` (more of the factor helps, or the technique works), `down` (it hurts, fails
or brings little), `null` (no effect: "regardless of", "independent of") and `depends` (the effect
varies: "depends on", "first rises and then falls"). The extractor's reading (factor, direction,
polarity, negated) is used when present; the sentence's own cues fill what it leaves empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import ClaimRecord

FACTORS: dict[str, str] = {
    "model size": r"model size|model scale|(?:larger|smaller|bigger|big|small|large)(?:[- ]scale)? (?:\w+ ){0,2}models?"
    r"|number of (?:model )?parameters|parameter (?:count|scale|size)|\d+(?:\.\d+)?[BM] param|with (?:model )?scale"
    r"|scaling (?:up )?(?:the )?model|increasing scale|parameter scale|model capacity",
    "data size": r"data(?:set)? size|training data|more data|training tokens|amount of (?:training )?data|data scale",
    "depth": r"\bdepth|deeper|shallow(?:er)?|number of layers|deep layers",
    "width": r"\bwidth|wider|narrow(?:er)?|hidden size",
    "batch size": r"batch[- ]size|mini-?batch|large[- ]batch|batch sizes",
    "learning rate": r"learning[- ]rates?",
    "quantization": r"quantiz\w*|\b\d-bit|\bW\d(?:A\d+)?\b|low-bit|low-precision|\bFP8\b|\bINT[48]\b",
    "normalization placement": r"pre-?norm|pre-?ln\b|pre-layer normali[sz]ation|post-?ln\b|layer normali[sz]ation",
    "vocabulary size": r"vocabular(?:y|ies)",
    "sparsity": r"sparsity|\bsparse\b",
    "emergent abilities": r"emergen(?:t|ce)|breakthrough",
    "evaluation metric": r"\bmetrics?\b",
    "downstream predictability": r"downstream (?:task )?performance|predictab\w+|extrapolat\w+",
    "attention-free architectures": r"\bmamba|state[- ]space|\bSSMs?\b|attention-free|alternatives to attention"
    r"|linear attention|\bRWKV|recurrent",
    "scaling-law exponent": r"exponent|scaling[- ]law crossover|power[- ]law",
    "compute": r"\bcompute\b|\bFLOPs?\b|training budget",
    "context length": r"context (?:length|window)|long[- ]context|sequence length",
    "mixture of experts": r"\bexperts?\b|\bMoE|activation ratio|activated parameters",
    "warmup": r"warm-?up",
    "multi-step reasoning": r"multi-?step|multiple steps",
}
SCALAR_FACTORS = frozenset(
    {
        "model size",
        "data size",
        "depth",
        "width",
        "batch size",
        "learning rate",
        "vocabulary size",
        "sparsity",
        "compute",
        "context length",
    }
)
FACTOR_PATTERNS = {factor: re.compile(pattern, re.IGNORECASE) for factor, pattern in FACTORS.items()}

STANCE_CUES: list[tuple[str, str]] = [
    # longest and negated phrases first; each match blanks its span so shorter cues cannot re-read it
    (
        "up",
        r"no (?:\w+ )?degradation|hardly hurts?|without (?:\w+ )?(?:loss|degradation)|on par|equal quality"
        r"|almost the same quality|match(?:es|ing)? or (?:even )?exceed",
    ),
    (
        "down",
        r"not general enough|not (?:\w+ )?sufficient|cannot be predicted|not (?:\w+ )?necessary|unnecessary"
        r"|do(?:es)? not (?:\w+ )?(?:improve|help|benefit)|fail\w*|struggle\w*|degrad\w+|hurts?|worse|poor(?:er|ly)?"
        r"|underperform\w*|diverge\w*|ineffective\w*|insufficient|modest|refute\w*|mirage|elusive|collapse\w*"
        r"|less effective|limited benefits?",
    ),
    (
        "null",
        r"regardless of|independent(?:ly)? of|insensitive to|no matter|irrespective of|not essential"
        r"|do(?:es)? not (?:\w+ ){0,3}affect|varies weakly|comparable|same (?:\w+ )?structure"
        r"|no (?:significant )?effect",
    ),
    (
        "depends",
        r"depends? on|controlling|controls|first rises and then falls|rises and then falls"
        r"|crossover|fluctuat\w+|driven by|deserve\w*|varies with|intersect\w*",
    ),
    (
        "up",
        r"perform\w* better|improv\w+|increas\w+ (?:\w+ )?performance|benefit\w*|enabl\w+|outperform\w*"
        r"|surpass\w*|exceed\w*"
        r"|retain\w*|preserv\w+|maintain\w*|enhanc\w+|scales? (?:log-linearly|reliably|predictably|well|effectively)"
        r"|increasing performance|is able to|power law|predictabl\w+|consistently|linear (?:\w+ )?scaling|scaling rule"
        r"|square root scaling|caus\w+ [\w ]{0,40}to increase",
    ),
]
STANCE_PATTERNS = [(stance, re.compile(pattern, re.IGNORECASE)) for stance, pattern in STANCE_CUES]
# Per entry of STANCE_CUES, lowercase words of which every match contains one: in an ASCII sentence
# without any of them the pattern cannot match, so it is not run (tests/unit check this on every cue).
STANCE_ANCHORS: list[tuple[str, ...]] = [
    ("degradation", "hardly", "without", "on par", "equal quality", "same quality", "match"),
    (
        *("not", "necessary", "sufficient", "fail", "struggle", "degrad", "hurt", "worse", "poor", "underperform"),
        *("diverge", "ineffective", "modest", "refute", "mirage", "elusive", "collapse", "less effective"),
        "limited benefit",
    ),
    (
        *("regardless", "independent", "insensitive", "no matter", "irrespective", "not", "varies weakly"),
        *("comparable", "structure", "effect"),
    ),
    (
        "depend",
        "control",
        "rises and then falls",
        "crossover",
        "fluctuat",
        "driven by",
        "deserve",
        "varies with",
        "intersect",
    ),
    (
        *("perform", "improv", "increas", "benefit", "enabl", "surpass", "exceed", "retain", "preserv", "maintain"),
        *("enhanc", "scale", "is able to", "power law", "predictabl", "consistently", "linear", "scaling rule"),
        *("square root scaling", "caus"),
    ),
]
FACTOR_NOUN = (
    r"(?:[\w\-]+ )?(?:models?|networks?|parameters|data|tokens|bits?|precision|vocabular\w+|batch\w*|layers|scale)"
)
LESS = re.compile(rf"\b(?:smaller|fewer|lower|less|shallower|narrower|reduced|compact|tiny) {FACTOR_NOUN}\b", re.I)
MORE = re.compile(rf"\b(?:larger|more|higher|greater|bigger|deeper|wider|increasing) {FACTOR_NOUN}\b", re.I)
NEGATION = re.compile(r"\b(?:not|no|never|neither|cannot|can't|don't|doesn't)\b", re.IGNORECASE)
EXTRACTOR_STANCE = {"improves": "up", "hurts": "down", "no_effect": "null"}
FLIP = {"up": "down", "down": "up", "null": "null", "depends": "depends"}


COMPARISON = re.compile(
    r"\b([\w\-]+(?: [\w\-]+)?) (?:matters? more than|beats?|outperforms?|is (?:more important|better|preferable) than"
    r"|wins? over|dominates?|trumps?|(?:is|are) more effective than) (?:the )?([\w\-]+(?: [\w\-]+)?)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Reading:
    claim: ClaimRecord
    factors: frozenset[str]
    stance: str | None
    cue: str = ""
    less: bool = False  # the sentence's subject is less of the factor ("smaller models match ...")
    preferred: str | None = None  # for a comparison: the factor said to win ("width" in "width beats depth")
    other: str | None = None


def read_claim(claim: ClaimRecord) -> Reading:
    factors = factors_in(claim.text)
    if claim.factor:
        factors.add(_known_factor(claim.factor))
    if not factors:  # about nothing another claim could share: no need to read a stance
        return Reading(claim, frozenset(), None)
    preferred, other = _comparison(claim)
    if preferred and other:
        return Reading(claim, frozenset(factors | {preferred, other}), "compare", "compare", False, preferred, other)
    stance, cue = _stance(claim)
    less = _subject_is_less(claim, cue)
    if stance in ("up", "down") and less:
        stance = FLIP[stance]
    return Reading(claim, frozenset(factors), stance, cue, less)


# Lowercase words every match of a factor's pattern contains: the pattern only runs when one is present.
FACTOR_ANCHORS: dict[str, tuple[str, ...]] = {
    "model size": ("model", "param", "scale"),
    "data size": ("data", "token"),
    "depth": ("depth", "deeper", "shallow", "layers"),
    "width": ("width", "wider", "narrow", "hidden size"),
    "batch size": ("batch",),
    "learning rate": ("learning rate", "learning-rate"),
    "quantization": ("quantiz", "-bit", "precision", "fp8", "int4", "int8", *(f"w{d}" for d in range(10))),
    "normalization placement": ("norm", "preln", "pre-ln", "postln", "post-ln"),
    "vocabulary size": ("vocabular",),
    "sparsity": ("sparse", "sparsity"),
    "emergent abilities": ("emergen", "breakthrough"),
    "evaluation metric": ("metric",),
    "downstream predictability": ("downstream", "predictab", "extrapolat"),
    "attention-free architectures": ("mamba", "state space", "state-space", "ssm", "attention", "rwkv", "recurrent"),
    "scaling-law exponent": ("exponent", "crossover", "power law", "power-law"),
    "compute": ("compute", "flop", "budget"),
    "context length": ("context", "sequence length"),
    "mixture of experts": ("expert", "moe", "activation ratio", "activated param"),
    "warmup": ("warm",),
    "multi-step reasoning": ("multi-step", "multistep", "multiple steps"),
}


# For some factors, narrower phrases of which every match contains one, in an ASCII sentence (one per
# alternative of the pattern; tests/unit check this on every match in the corpus abstracts). They are
# checked before the anchors above, which still apply: the pattern runs only when both hold.
NARROW_ANCHORS: dict[str, tuple[str, ...]] = {
    "model size": (
        *("model size", "model scale", "large", "small", "big", "number of", "parameter ", "b param", "m param"),
        *("with scale", "scaling ", "increasing scale", "model capacity"),
    ),
    "data size": (
        "data size",
        "dataset size",
        "training data",
        "more data",
        "training tokens",
        "amount of",
        "data scale",
    ),
    "normalization placement": ("prenorm", "pre-norm", "preln", "pre-ln", "postln", "post-ln", "layer normali"),
    "downstream predictability": ("downstream performance", "downstream task performance", "predictab", "extrapolat"),
    "attention-free architectures": (
        *("mamba", "state space", "state-space", "ssm", "attention-free", "alternatives to attention"),
        *("linear attention", "rwkv", "recurrent"),
    ),
    "context length": ("context length", "context window", "long context", "long-context", "sequence length"),
}
_ANCHORS = [(factor, (), FACTOR_ANCHORS[factor], pattern) for factor, pattern in FACTOR_PATTERNS.items()]
_ASCII_ANCHORS = [
    (factor, NARROW_ANCHORS.get(factor, ()), FACTOR_ANCHORS[factor], pattern)
    for factor, pattern in FACTOR_PATTERNS.items()
]


def factors_in(text: str) -> set[str]:
    """The factors a sentence mentions (a factor's pattern runs only when one of its anchors is there)."""
    lower = text.lower()
    contains = lower.__contains__
    return {
        factor
        for factor, narrow, anchors, pattern in (_ASCII_ANCHORS if text.isascii() else _ANCHORS)
        if (not narrow or any(map(contains, narrow))) and any(map(contains, anchors)) and pattern.search(text)
    }


def _comparison(claim: ClaimRecord) -> tuple[str | None, str | None]:
    """(winner, loser) as factor names when the sentence compares two factors, e.g. "width beats depth"."""
    if claim.preferred and claim.other:
        return _known_factor(claim.preferred), _known_factor(claim.other)
    match = COMPARISON.search(claim.text)
    if not match:
        return None, None
    winner, loser = _known_factor(match.group(1)), _known_factor(match.group(2))
    if winner in FACTORS and loser in FACTORS and winner != loser:
        return winner, loser
    return None, None


def _known_factor(factor: str) -> str:
    for name, pattern in FACTOR_PATTERNS.items():
        if pattern.search(factor):
            return name
    return factor.lower()


def _stance(claim: ClaimRecord) -> tuple[str | None, str]:
    text = claim.text
    lower = text.lower()
    every = not text.isascii()  # case-insensitive matching of other scripts is not lower() + `in`: run them all
    for (stance, pattern), anchors in zip(STANCE_PATTERNS, STANCE_ANCHORS, strict=True):
        if not every and not any(map(lower.__contains__, anchors)):
            continue
        match = pattern.search(text)
        if match:
            negated = bool(NEGATION.search(text[max(0, match.start() - 25) : match.start()]))
            if negated and stance in ("up", "down"):
                stance = FLIP[stance]
            return stance, match.group(0)
    if claim.polarity in EXTRACTOR_STANCE:
        stance = EXTRACTOR_STANCE[claim.polarity]
        return (FLIP[stance] if claim.negated else stance), claim.polarity or ""
    return None, ""


def _subject_is_less(claim: ClaimRecord, cue: str) -> bool:
    """True when less of the factor ("smaller models") is what the stance is said of: it comes before the cue."""
    end = claim.text.find(cue) if cue else len(claim.text)
    before = claim.text[: end if end >= 0 else len(claim.text)]
    less, more = LESS.search(before), MORE.search(before)
    if less is None:
        return False
    return more is None or less.start() < more.start()


def describe(reading: Reading, factor: str) -> str:
    """A short phrase a person can read: 'more model size helps ("outperforms")'."""
    amount = "more " if factor in SCALAR_FACTORS else ""
    phrases = {
        "up": f"{amount}{factor} helps",
        "down": f"{amount}{factor} hurts or brings little",
        "null": f"{factor} makes no difference",
        "depends": f"the effect of {factor} depends on other conditions",
    }
    if reading.stance == "compare":
        return f'{reading.preferred} matters more than {reading.other} ("{reading.cue}")'
    about_less = ", said of the smaller option" if reading.less and reading.stance in ("up", "down") else ""
    return f'{phrases.get(reading.stance or "", factor)} ("{reading.cue}"{about_less})'
