"""kg: a knowledge graph of machine-learning papers, in Neo4j, analysed with NetworkX."""

__version__ = "0.1.0"
