"""Reading papers from listing pages and JSON Lines, and the ingest pipeline that writes them to Neo4j."""

from kg.ingest.dedup import first_occurrences
from kg.ingest.readers import read_papers

__all__ = ["first_occurrences", "read_papers"]
