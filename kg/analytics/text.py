"""Word-level text features: tokens and key terms (TF-IDF vectors are in `kg.analytics.vectors`)."""

from __future__ import annotations

import itertools
import re
import sys

WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-']*[A-Za-z0-9]|[A-Za-z]")

STOPWORDS = frozenset(
    """
    a about above across after again against all almost also although always am among an and another any are
    around as at be became because become been before being below between both but by can cannot could did do
    does doing done down due during each either enough especially even ever every few first for from further
    furthermore had has have having here hence how however i if in into is it its itself just last less let
    like made make makes many may might more moreover most much must my namely near nearly neither new no nor
    not now of off often on once one only onto or other others otherwise our ours out over own per perhaps
    quite rather really same second several shall she should show shows shown significantly since so some
    still such than that the their them themselves then there thereby therefore these they this those though
    three through thus to together too toward towards two under unlike until up upon us use used uses using
    various very via was we well were what whatever when where whereas whether which while who whom whose why
    will with within without would yet you your paper propose proposed proposes present presents approach
    approaches method methods work works results result based novel existing demonstrate demonstrates achieve
    achieves study studies furthermore addition additionally however across experiments experimental extensive
    state art performance model models new also effective efficient able across including include includes
    provide provides significant significantly respectively overall key large larger small smaller high higher
    low lower better best outperforms outperform improve improves improved improvement framework tasks task
    data learning training neural network networks deep find finds found github https http www com org code
    available publicly release released link directly comparison research review recent recently widely
    however first across task-specific
    """.split()  # noqa: SIM905
)


def words(text: str) -> list[str]:
    """Lowercased word tokens of `text`, hyphenated compounds kept whole."""
    return list(map(str.lower, WORD.findall(text)))  # WORD has no groups: findall gives the whole matches


def terms(text: str) -> list[str]:
    """Content terms: unigrams and adjacent-pair bigrams of non-stopwords, for topic features."""
    tokens = [
        sys.intern(token) for token in words(text) if len(token) > 2 and token not in STOPWORDS and not token.isdigit()
    ]
    bigrams = [f"{first} {second}" for first, second in itertools.pairwise(tokens)]
    return tokens + [sys.intern(bigram) for bigram in bigrams]
