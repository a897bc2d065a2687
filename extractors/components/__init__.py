"""Custom spaCy components, one per module, each a registered factory configured from data files."""
