"""The GraphQL schema of the knowledge graph: types, thin resolvers, per-request DataLoaders."""
