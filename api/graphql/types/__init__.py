"""GraphQL object types, one module per domain; cross-module references are lazy."""
