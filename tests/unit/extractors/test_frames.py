"""Claim frames read from hand-built dependency parses (UD labels, as the trained parser gives them).

Each sentence is written here, token by token: `word lemma POS head dep` with `head` the 0-based
index of the head (the root points at itself); tags are only set where the reader looks at them.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import extractors.components.frames  # noqa: F401  (registers the factory)
from extractors.components.frames import Frame, FrameReader

NLP = spacy.blank("en")
READER = FrameReader("kg_entities")


def parsed(spec: str) -> Doc:
    rows = [line.split() for line in spec.strip().splitlines()]
    words = [row[0] for row in rows]
    glued = {".", ",", "-"}
    spaces = [not ((i + 1 < len(rows) and rows[i + 1][0] in glued) or row[0] == "-") for i, row in enumerate(rows)]
    doc = Doc(
        NLP.vocab,
        words=words,
        spaces=spaces,
        lemmas=[row[1] for row in rows],
        pos=[row[2] for row in rows],
        tags=[row[5] if len(row) > 5 else "" for row in rows],
        heads=[int(row[3]) for row in rows],
        deps=[row[4] for row in rows],
    )
    doc._.claims = [{"start": 0, "end": len(doc.text), "entities": []}]
    return doc


def frame(spec: str) -> Frame:
    doc = READER(parsed(spec))
    found = doc._.claims[0]
    return Frame(**{name: found[name] for name in Frame.__dataclass_fields__})


LARGER_PERFORM_BETTER = """
Larger large ADJ 1 amod
models model NOUN 2 nsubj
perform perform VERB 2 ROOT
better well ADV 2 advmod
than than ADP 6 case
smaller small ADJ 6 amod
models model NOUN 3 obl
. . PUNCT 2 punct
"""

DEPTH_MORE_EFFICIENT = """
Depth depth NOUN 5 nsubj
is be AUX 5 cop
more more ADV 5 advmod
parameter parameter NOUN 5 compound
- - PUNCT 5 punct
efficient efficient ADJ 5 ROOT
than than ADP 7 case
width width NOUN 5 obl
. . PUNCT 5 punct
"""

WITHOUT_LOSS = """
Pruning pruning NOUN 1 nsubj
works work VERB 1 ROOT
without without ADP 4 case
any any DET 4 det
loss loss NOUN 1 obl
of of ADP 6 case
accuracy accuracy NOUN 4 nmod
. . PUNCT 1 punct
"""

MINIMAL_DEGRADATION = """
Quantization quantization NOUN 1 nsubj
causes cause VERB 1 ROOT
minimal minimal ADJ 3 amod
degradation degradation NOUN 1 obj
in in ADP 5 case
accuracy accuracy NOUN 3 nmod
. . PUNCT 1 punct
"""

DOES_NOT_IMPROVE = """
Increasing increase VERB 4 csubj
depth depth NOUN 0 obj
does do AUX 4 aux
not not PART 4 advmod
improve improve VERB 4 ROOT
accuracy accuracy NOUN 4 obj
. . PUNCT 4 punct
"""

MAY_AT_SMALL_SCALE = """
Wider wide ADJ 1 amod
networks network NOUN 3 nsubj
may may AUX 3 aux
generalize generalize VERB 3 ROOT
better well ADV 3 advmod
at at ADP 7 case
small small ADJ 7 amod
scale scale NOUN 3 obl
. . PUNCT 3 punct
"""

WE_FIND_THAT = """
We we PRON 1 nsubj
find find VERB 1 ROOT
that that SCONJ 4 mark
quantization quantization NOUN 4 nsubj
hurts hurt VERB 1 ccomp
reasoning reasoning NOUN 4 obj
. . PUNCT 1 punct
"""

OUTPERFORMS = """
Mamba Mamba PROPN 1 nsubj
outperforms outperform VERB 1 ROOT
Transformers transformer NOUN 1 obj
on on ADP 5 case
language language NOUN 5 compound
modeling modeling NOUN 1 obl
. . PUNCT 1 punct
"""

UNDERPERFORMS = """
Depth depth NOUN 1 nsubj
underperforms underperform VERB 1 ROOT
width width NOUN 1 obj
. . PUNCT 1 punct
"""


def test_comparative_of_one_factor_reads_as_its_direction() -> None:
    read = frame(LARGER_PERFORM_BETTER)
    assert (read.factor, read.direction, read.comparator) == ("model size", "more", None)
    assert (read.outcome_class, read.polarity, read.role) == ("performance", "improves", "finding")


def test_x_is_more_y_than_z() -> None:
    read = frame(DEPTH_MORE_EFFICIENT)
    assert (read.factor, read.comparator, read.direction) == ("model depth", "model width", "compare")
    assert (read.outcome_class, read.polarity) == ("efficiency", "improves")


@pytest.mark.parametrize("spec", [WITHOUT_LOSS, MINIMAL_DEGRADATION], ids=["without loss", "minimal degradation"])
def test_absent_or_small_harm_is_no_harm(spec: str) -> None:
    read = frame(spec)
    assert (read.polarity, read.outcome, read.outcome_class) == ("no_harm", "accuracy", "performance")
    assert read.factor in ("pruning", "quantization")


def test_does_not_improve_is_no_effect_of_more() -> None:
    read = frame(DOES_NOT_IMPROVE)
    assert (read.factor, read.direction, read.outcome) == ("model depth", "more", "accuracy")
    assert (read.polarity, read.negated) == ("no_effect", True)


def test_hedge_and_condition() -> None:
    read = frame(MAY_AT_SMALL_SCALE)
    assert read.hedged
    assert (read.factor, read.direction, read.outcome_class, read.polarity) == (
        "model width",
        "more",
        "generalization",
        "improves",
    )
    assert list(zip(read.condition_kinds, read.condition_values, strict=True)) == [("scale", "small scale")]


def test_reported_clause_is_the_finding() -> None:
    read = frame(WE_FIND_THAT)
    assert (read.role, read.factor, read.direction, read.polarity, read.outcome) == (
        "finding",
        "quantization",
        "present",
        "hurts",
        "reasoning",
    )


def test_compare_verbs_give_winner_and_loser() -> None:
    read = frame(OUTPERFORMS)
    assert (read.factor, read.comparator, read.outcome_class, read.polarity) == (
        "mamba",
        "transformer",
        "performance",
        "improves",
    )
    loser = frame(UNDERPERFORMS)
    assert (loser.factor, loser.comparator, loser.direction) == ("model width", "model depth", "compare")


@pytest.mark.parametrize(
    ("spec", "role"),
    [
        (
            """
We we PRON 1 nsubj
propose propose VERB 1 ROOT
a a DET 3 det
method method NOUN 1 obj
. . PUNCT 1 punct
""",
            "method",
        ),
        (
            """
Prior prior ADJ 1 amod
work work NOUN 3 nsubj
has have AUX 3 aux
shown show VERB 3 ROOT
that that SCONJ 6 mark
scale scale NOUN 6 nsubj
helps help VERB 3 ccomp
. . PUNCT 3 punct
""",
            "background",
        ),
        (
            """
We we PRON 2 nsubj
will will AUX 2 aux
release release VERB 2 ROOT
the the DET 4 det
code code NOUN 2 obj
. . PUNCT 2 punct
""",
            "future",
        ),
        (
            """
It it PRON 1 nsubj
remains remain VERB 1 ROOT
unclear unclear ADJ 1 xcomp
whether whether SCONJ 5 mark
scale scale NOUN 5 nsubj
helps help VERB 2 ccomp
. . PUNCT 1 punct
""",
            "motivation",
        ),
    ],
    ids=["method", "background", "future", "motivation"],
)
def test_role_from_main_verb_subject_and_modal(spec: str, role: str) -> None:
    assert frame(spec).role == role


def test_no_parse_gives_an_empty_frame() -> None:
    doc = NLP("Larger models perform better.")
    doc._.claims = [{"start": 0, "end": len(doc.text), "entities": []}]
    assert READER(doc)._.claims[0]["factor"] is None
