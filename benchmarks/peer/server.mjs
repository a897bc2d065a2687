// The peer of the API benchmark: @neo4j/graphql on Apollo Server over the same Neo4j graph.
//
//   KG_NEO4J_URI=bolt://127.0.0.1:7687 KG_NEO4J_PASSWORD=... PORT=4000 node server.mjs
//
// The type definitions below describe the graph of docs/GRAPH.md (papers, entities, topics,
// claims, results and their relationships); @neo4j/graphql generates the queries, filters and
// sorting and compiles each GraphQL request into one Cypher query.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  type Paper @node {
    id: ID!
    title: String!
    abstract: String
    date: String
    year: Int
    authors: [String!]
    organization: String
    upvotes: Int
    doi: String
    arxiv_id: String
    pagerank: Float
    citation_count: Int
    mentions: [Entity!]! @relationship(type: "MENTIONS", direction: OUT, properties: "Mentions")
    topics: [Topic!]! @relationship(type: "IN_TOPIC", direction: OUT, properties: "InTopic")
    claims: [Claim!]! @relationship(type: "MAKES_CLAIM", direction: OUT)
    results: [Result!]! @relationship(type: "REPORTS", direction: OUT)
    cites: [Paper!]! @relationship(type: "CITES", direction: OUT)
  }

  type Mentions @relationshipProperties {
    count: Int
  }

  type InTopic @relationshipProperties {
    weight: Float
    run: String
  }

  type Entity @node {
    key: ID!
    label: String!
    name: String
    canonical: String
    aliases: [String!]
    family: String
    size: String
    long_form: String
    mentions: Int
    paper_count: Int
    pagerank: Float
    papers: [Paper!]! @relationship(type: "MENTIONS", direction: IN, properties: "Mentions")
  }

  type Topic @node {
    id: ID!
    label: String
    size: Int
    top_terms: [String!]
    run: String
    papers: [Paper!]! @relationship(type: "IN_TOPIC", direction: IN, properties: "InTopic")
  }

  type Claim @node {
    id: ID!
    text: String
    factor: String
    direction: String
    outcome: String
    polarity: String
    paper_id: String
    about: [Entity!]! @relationship(type: "CLAIM_ABOUT", direction: OUT)
  }

  type Result @node {
    id: ID!
    metric: String
    value: String
    unit: String
    paper_id: String
  }
`;

const uri = process.env.KG_NEO4J_URI ?? "bolt://127.0.0.1:7687";
const driver = neo4j.driver(uri, neo4j.auth.basic(process.env.KG_NEO4J_USER ?? "neo4j", process.env.KG_NEO4J_PASSWORD));
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const server = new ApolloServer({ schema: await neoSchema.getSchema() });
const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port: Number(process.env.PORT ?? 4000) } });
console.log(`peer ready at ${url}`);
