"""Root fields, one query class per domain; each resolver is a few lines over the reader."""
