from kg.analytics.cooccurrence import CoOccurring, top_cooccurring
from kg.model import Mention


def mentions(papers: dict[str, list[str]]) -> list[Mention]:
    return [
        Mention(paper, key, key.partition(":")[0], key.partition(":")[2])
        for paper, keys in papers.items()
        for key in keys
    ]


PAPERS = {
    "p1": ["MODEL:a", "METRIC:acc", "DATASET:x"],
    "p2": ["MODEL:a", "METRIC:acc", "METRIC:acc"],  # a repeated mention counts the paper once
    "p3": ["MODEL:a", "DATASET:x", "MODEL:b"],
    "p4": ["MODEL:b"],
}


def test_counts_papers_mentioning_both_most_first_ties_by_key() -> None:
    top = top_cooccurring(mentions(PAPERS))
    assert top["MODEL:a"] == CoOccurring(["DATASET:x", "METRIC:acc", "MODEL:b"], [2, 2, 1], 3)
    assert top["MODEL:b"] == CoOccurring(["DATASET:x", "MODEL:a"], [1, 1], 2)


def test_an_entity_alone_in_its_papers_has_none() -> None:
    only = top_cooccurring(mentions({"p1": ["MODEL:solo"], "p2": ["MODEL:solo"]}))
    assert only == {"MODEL:solo": CoOccurring([], [], 0)}


def test_top_cuts_the_list_but_keeps_the_total() -> None:
    top = top_cooccurring(mentions(PAPERS), top=1)
    assert top["MODEL:a"] == CoOccurring(["DATASET:x"], [2], 3)
