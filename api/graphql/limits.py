"""Query limits (depth, aliases, tokens, from settings) and the parse/validation caches.

The limit rules are built once per schema, so the validation cache (keyed by document and rules)
hits across requests; strawberry builds a fresh extension per request from these factories. The
page-size cap lives in the context.
"""

from __future__ import annotations

from collections.abc import Callable

from graphql.validation import ASTValidationRule
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, ParserCache, SchemaExtension, ValidationCache
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

from kg.settings import Settings

CACHED_DOCUMENTS = 512


def limit_rules(settings: Settings) -> list[type[ASTValidationRule]]:
    """The validation rules of the limits (depth, aliases), added to GraphQL's own."""
    return [depth_rule(settings.max_query_depth, None), alias_rule(settings.max_aliases)]


def limit_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    rules = limit_rules(settings)
    return [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
        lambda: AddValidationRules(rules),
        lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
    ]
