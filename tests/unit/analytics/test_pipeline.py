"""The whole pure pipeline on a tiny corpus: every stage runs, is timed, and its results line up."""

from __future__ import annotations

from dataclasses import replace

from kg.analytics.pipeline import AnalysisParams, analyze
from kg.analytics.records import ClaimRecord, Corpus, Mention
from kg.model import Paper, paper_id

SSM = "state space models for long sequence modeling with selective scans and linear time recurrence"


FILLER_TOPICS = [
    "galaxy",
    "protein",
    "wireless",
    "brain",
    "robot",
    "speech",
    "market",
    "climate",
    "soil",
    "music",
    "radar",
    "cell",
    "traffic",
    "ocean",
    "crystal",
    "weather",
    "finance",
    "genome",
    "poetry",
    "chemistry",
    "sports",
]


def tiny_corpus() -> Corpus:
    titles = ["Mamba: Linear-Time Sequence Modeling", "Faster Scans", "Recurrent Recall", "Hybrid Layers"]
    abstracts = [
        f"We present Mamba, {SSM}.",
        f"We speed up Mamba kernels for {SSM}.",
        f"We show that recurrent {SSM} struggle at recall, unlike Mamba variants.",
        f"We mix attention with Mamba layers in {SSM}.",
    ]
    papers = [
        Paper(paper_id(t), t, a, year=2024, month=i + 1) for i, (t, a) in enumerate(zip(titles, abstracts, strict=True))
    ]
    papers += [
        Paper(f"other{i:02d}", f"Unrelated {word}", f"{word} {word}s in {word} studies")
        for i, word in enumerate(FILLER_TOPICS)
    ]
    mentions = [Mention(p.id, "MODEL:mamba", "MODEL", "Mamba", 2) for p in papers[:4]]
    claims = [
        ClaimRecord(f"{papers[0].id}:0", papers[0].id, "mamba", "transformer", "compare", "recall", "performance",
                    "improves", role="finding"),
        ClaimRecord(f"{papers[2].id}:0", papers[2].id, "mamba", "transformer", "compare", "recall", "performance",
                    "hurts", role="finding"),
    ]  # fmt: skip
    return Corpus(papers, mentions, claims)


def test_every_stage_runs_and_results_line_up() -> None:
    corpus = tiny_corpus()
    result = analyze(corpus, AnalysisParams(resolution=1.0, seed=1, neighbours=2))
    assert list(result.seconds) == ["similarity", "topics", "citations", "claims", "entities"]
    mamba = corpus.papers[0].id
    assert {c.cited for c in result.inferred} == {mamba}
    assert result.citation_counts[mamba] == 3
    assert max(result.paper_pagerank, key=result.paper_pagerank.__getitem__) == mamba
    assert sorted(result.topics.assignment()) == sorted(p.id for p in corpus.papers)
    assert len({result.topics.assignment()[p.id] for p in corpus.papers[:4]}) == 1
    assert [link.relation for link in result.claim_links] == ["CONTRADICTS"]
    assert (result.claim_links[0].factor, result.claim_links[0].strength) == ("mamba", "direct")
    assert result.trends["MODEL:mamba"]["2024"] == 8
    assert result.summary()["inferred_citations"] == 3


def test_the_corpus_fingerprint_ignores_load_order_and_sees_every_change() -> None:
    corpus = tiny_corpus()
    shuffled = Corpus(corpus.papers[::-1], corpus.mentions[::-1], corpus.claims[::-1])
    assert corpus.fingerprint() == shuffled.fingerprint()
    edited_claim = replace(corpus.claims[0], polarity="hurts" if corpus.claims[0].polarity != "hurts" else "improves")
    edited = Corpus(corpus.papers, corpus.mentions, [edited_claim, *corpus.claims[1:]])
    assert edited.fingerprint() != corpus.fingerprint()
    fewer_mentions = Corpus(corpus.papers, corpus.mentions[1:], corpus.claims)
    assert fewer_mentions.fingerprint() != corpus.fingerprint()
