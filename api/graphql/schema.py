"""The root schema, assembled from the per-domain query classes, with the limits of the settings.

`schema` (default limits) is what `make schema` exports to `api/schema.graphql`; the limits do not
change the SDL, so the app's `build_schema(settings)` prints the same.
"""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from api.graphql.errors import as_api_error
from api.graphql.limits import limit_extensions
from api.graphql.resolvers.claims import ClaimQueries
from api.graphql.resolvers.entities import EntityQueries
from api.graphql.resolvers.graph import GraphQueries
from api.graphql.resolvers.mutations import Mutation
from api.graphql.resolvers.papers import PaperQueries
from api.graphql.resolvers.topics import TopicQueries
from kg.settings import Settings

Query = merge_types("Query", (PaperQueries, EntityQueries, TopicQueries, ClaimQueries, GraphQueries))


class KgSchema(strawberry.Schema):
    """Logs only unexpected errors (with their traceback); expected ones are the client's business."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        unexpected = [e for e in errors if e.original_error is not None and as_api_error(e.original_error) is None]
        if unexpected:
            super().process_errors(unexpected, execution_context)


def build_schema(settings: Settings) -> strawberry.Schema:
    return KgSchema(query=Query, mutation=Mutation, extensions=limit_extensions(settings))


schema = build_schema(Settings(_env_file=None))


def sdl() -> str:
    """The schema as SDL, exactly as committed in `api/schema.graphql`."""
    return schema.as_str() + "\n"


if __name__ == "__main__":  # `make schema`: python -m api.graphql.schema > api/schema.graphql
    print(sdl(), end="")
