"""Rows the ingest writes are built from domain objects without a server: keys, grouping, resolution, stale sets."""

from __future__ import annotations

from kg.model import Claim, Direction, EntityMention, Extraction, Label, Occurrence, Paper, Result, entity_key, paper_id
from kg.store.extraction import extraction_rows
from kg.store.papers import listing_rows, organization_rows, paper_props

TEXT = "LLaVA-7B beats GPT-4 on VQAv2.\nLLaVA reaches 80.1% accuracy on VQAv2 with LLaVA-7B."


def mention(text: str, label: Label, canonical: str, start: int | None = None) -> EntityMention:
    begin = TEXT.index(text) if start is None else start
    return EntityMention(text, label, begin, begin + len(text), canonical, family="LLaVA" if "LLaVA" in text else None)


def sample() -> Extraction:
    second = TEXT.index("LLaVA-7B", 10)
    entities = [
        mention("LLaVA-7B", Label.MODEL, "llava-7b"),
        mention("LLaVA-7B", Label.MODEL, "llava-7b", start=second),
        mention("GPT-4", Label.MODEL, "gpt-4"),
        mention("accuracy", Label.METRIC, "accuracy"),
        mention("VQAv2", Label.DATASET, "vqav2"),
    ]
    results = [Result(metric="Accuracy", value="80.1%", unit="%", subject="LLaVA-7B", dataset="vqav2", number=80.1)]
    claims = [Claim(text=TEXT[:30], start=0, end=30, direction=Direction.COMPARE, entities=["gpt-4"])]
    return Extraction("p1", entities, results, claims, extractor_version="v1")


def test_mentions_of_one_entity_are_grouped_with_offsets_and_surfaces() -> None:
    rows = extraction_rows([sample()])
    (llava,) = [row for row in rows.mentions if row["key"] == "MODEL:llava-7b"]
    assert llava["count"] == 2 and len(llava["offsets"]) == 4 and llava["surfaces"] == ["LLaVA-7B", "LLaVA-7B"]
    assert rows.entities[Label.MODEL]["MODEL:llava-7b"]["family"] == "LLaVA"
    assert rows.entity_keys == {"MODEL:llava-7b", "MODEL:gpt-4", "METRIC:accuracy", "DATASET:vqav2"}


def test_result_parts_resolve_to_the_papers_entities_case_insensitively() -> None:
    rows = extraction_rows([sample()])
    links = {rel.value: [row["key"] for row in found] for rel, found in rows.result_links.items()}
    assert links == {"MEASURES": ["METRIC:accuracy"], "RESULT_FOR": ["MODEL:llava-7b"], "ON_DATASET": ["DATASET:vqav2"]}
    (result,) = rows.results
    assert result["id"] == "p1:0" and result["props"]["number"] == 80.1 and "change" not in result["props"]


def test_claims_link_named_entities_and_those_inside_the_sentence() -> None:
    rows = extraction_rows([sample()])
    assert sorted(row["key"] for row in rows.claim_links) == ["DATASET:vqav2", "MODEL:gpt-4", "MODEL:llava-7b"]
    assert rows.claims[0]["props"]["direction"] == "compare"


def test_stale_sets_list_what_the_new_extraction_keeps() -> None:
    rows = extraction_rows([sample()])
    assert rows.stale_results == [{"id": "p1", "keys": ["p1:0"]}]
    assert rows.stale_claims == [{"id": "p1", "keys": ["p1:0"]}]
    assert rows.stale_mentions[0]["keys"] == sorted(rows.entity_keys)


def test_an_empty_extraction_still_clears_the_paper() -> None:
    rows = extraction_rows([Extraction("p2", extractor_version="v2")])
    assert (
        rows.stale_mentions == [{"id": "p2", "keys": []}] and rows.results == [] and rows.papers[0]["version"] == "v2"
    )


def test_entity_keys_use_the_label_name() -> None:
    assert entity_key(Label.HARDWARE, "a100") == "HARDWARE:a100"


def test_paper_rows_leave_out_missing_fields() -> None:
    paper = Paper(paper_id("T"), "T", "A", organization="NAVER AI Lab", occurrences=[Occurrence("s.txt", 3, 1)])
    assert paper_props(paper) == {"title": "T", "abstract": "A", "organization": "NAVER AI Lab"}
    assert listing_rows([paper]) == [{"paper_id": paper.id, "source": "s.txt", "line": 3, "position": 1}]
    assert organization_rows([paper]) == [{"paper_id": paper.id, "organization": "NAVER AI Lab"}]
