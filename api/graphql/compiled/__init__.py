"""Compiled answers: fully planned query documents answered from the projection read's rows.

When every field of an operation is one the look-ahead planner covers (`api/graphql/lookahead.py`:
stored scalars, a paper's `entities` and `topics`, an entity's or a topic's `papers` connection),
the answer is the one projection read's rows turned into the response `data` directly, without
strawberry's or graphql-core's execution; anything else runs the normal execution unchanged.
`operation.py` decides, once per document, whether it can be compiled; `writers.py` builds the
answer; `values.py` gives each field's value as the types' `from_row` and GraphQL's serialisation
would.
"""
