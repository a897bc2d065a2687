from kg.model import Label, NameKind
from kg.store.readback import paper_and_extraction

ROW = {
    "id": "p1",
    "props": {
        "title": "RL for LSTMs",
        "abstract": "We train an LSTM with RL. The LSTM improves.",
        "year": 2025,
        "extractor_version": "v1",
        "names": ["LSTM", "RL"],
        "defined_names": ["RL", "LSTM", "RL"],
        "defined_long_forms": ["reinforcement learning", "", ""],
        "proposed_names": ["RL"],
        "pagerank": 0.5,  # an analysis value: not part of the paper
    },
    "listings": [["b.jsonl", 3, 1], ["a.jsonl", 7, 2]],
    "mentions": [
        {
            "key": "METHOD:lstm",
            "label": "METHOD",
            "family": None,
            "size": None,
            "long_form": None,
            "offsets": [26, 30, 44, 48],
            "surfaces": ["LSTM", "LSTM"],
        },
        {
            "key": "METHOD:reinforcement-learning",
            "label": "METHOD",
            "family": None,
            "size": None,
            "long_form": "reinforcement learning",
            "offsets": [0, 2, 36, 38],
            "surfaces": ["RL", "RL"],
        },
    ],
    "results": [{"id": "p1:1", "metric": "b", "value": "2"}, {"id": "p1:0", "metric": "a", "value": "1"}],
    "claims": [
        {
            "props": {
                "id": "p1:0",
                "text": "The LSTM improves.",
                "start": 40,
                "end": 58,
                "negated": False,
                "hedged": False,
                "role": "finding",
            },
            "about": ["METHOD:lstm"],
        }
    ],
}


def test_mentions_come_back_in_offset_order_with_the_entity_values() -> None:
    _, extraction = paper_and_extraction(ROW)
    assert [(m.start, m.text, m.label) for m in extraction.entities] == [
        (0, "RL", Label.METHOD),
        (26, "LSTM", Label.METHOD),
        (36, "RL", Label.METHOD),
        (44, "LSTM", Label.METHOD),
    ]
    assert extraction.entities[0].canonical == "reinforcement-learning"
    assert extraction.entities[0].long_form == "reinforcement learning"


def test_results_and_claims_in_index_order_and_definitions_marked_proposed_once() -> None:
    paper, extraction = paper_and_extraction(ROW)
    assert [r.metric for r in extraction.results] == ["a", "b"]
    assert extraction.claims[0].entities == ["METHOD:lstm"] and str(extraction.claims[0].role) == "finding"
    assert [(d.name, d.proposed, d.long_form) for d in extraction.definitions] == [
        ("RL", True, "reinforcement learning"),
        ("LSTM", False, None),
        ("RL", False, None),
    ]
    assert all(d.kind == NameKind.ACRONYM for d in extraction.definitions)
    assert [(o.source, o.line) for o in paper.occurrences] == [("a.jsonl", 7), ("b.jsonl", 3)]
    assert paper.year == 2025 and not hasattr(paper, "pagerank")
