"""Query limits: depth, aliases and tokens, from settings (the page-size cap lives in the context).

Strawberry builds a fresh extension per request from these factories.
"""

from __future__ import annotations

from collections.abc import Callable

from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter, SchemaExtension

from kg.settings import Settings


def limit_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    return [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
    ]
