"""The reads the explorer page needs beyond the API's core ones, mixed into `GraphReader`.

Each method is one round trip through `run` (auto-commit, read access, a timeout, no retries).
"""

from __future__ import annotations

import re
from typing import Any

from kg.store.cypher import explorer as cypher

Row = dict[str, Any]
_WORD = re.compile(r"[^\W_]{2,}")
_LUCENE_WORDS = frozenset({"and", "or", "not", "to"})


def search_terms(query: str) -> list[str]:
    """The lower-cased words of a search (Lucene operators and one-letter words left out), in order."""
    words = (word.lower() for word in _WORD.findall(query))
    return list(dict.fromkeys(word for word in words if word not in _LUCENE_WORDS))


class ExplorerReads:
    """Reads behind the explorer's search, entity, paper and topic pages."""

    def run(self, statement: str, **params: Any) -> list[Row]:  # provided by GraphReader
        raise NotImplementedError

    def matched_entities(self, ids: list[str], query: str) -> dict[str, list[Row]]:
        """Paper id -> the entities it mentions whose names contain a word of `query`."""
        terms = search_terms(query)
        if not terms or not ids:
            return {paper_id: [] for paper_id in ids}
        rows = self.run(cypher.MATCHED_ENTITIES_OF_PAPERS, ids=ids, terms=terms)
        return {row["id"]: row["entities"] for row in rows}

    def entity_mentions_over_time(self, key: str) -> list[Row]:
        return self.run(cypher.ENTITY_MENTIONS_OVER_TIME, key=key)

    def contradictions_of_paper(self, paper_id: str, min_confidence: float, limit: int) -> list[Row]:
        rows = self.run(cypher.CONTRADICTIONS_OF_PAPER, id=paper_id, min_confidence=min_confidence, limit=limit)
        return [row["link"] for row in rows]

    def supports_of_paper(self, paper_id: str, min_confidence: float, limit: int) -> list[Row]:
        rows = self.run(cypher.SUPPORTS_OF_PAPER, id=paper_id, min_confidence=min_confidence, limit=limit)
        return [row["link"] for row in rows]
