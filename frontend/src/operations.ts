// Every GraphQL operation of the explorer. `npm run codegen` types them from api/schema.graphql; the
// schema drift test validates them against the served schema.
import { graphql } from "./gql";

export const SearchPapers = graphql(`
  query SearchPapers($query: String!, $first: Int!) {
    search(query: $query, first: $first) {
      score
      paper { id title date topics { id label } }
      matchedEntities { key label name }
    }
  }
`);

export const PaperPage = graphql(`
  query PaperPage($id: ID!) {
    paper(id: $id) {
      id title abstract date authors organization doi arxivId citationCount
      topics { id label }
      entities { count entity { key label name } }
      results { id metric value unit subject dataset }
      claims { ...ClaimFields }
      contradictions(first: 20) { ...ClaimLinkFields }
      supports(first: 20) {
        id confidence factor comparator outcome differs reason
        claim { ...ClaimFields }
        other { ...ClaimFields paper { id title } }
      }
    }
    citations(paperId: $id) {
      cites { inferred confidence paper { id title date } }
      citedBy { inferred confidence paper { id title date } }
    }
  }
`);

export const ClaimFields = graphql(`
  fragment ClaimFields on Claim {
    id text role factor comparator direction outcome outcomeClass polarity negated hedged paperId
    conditions { kind value }
  }
`);

export const ClaimLinkFields = graphql(`
  fragment ClaimLinkFields on Contradiction {
    id confidence strength factor comparator outcome differs reason
    claim { ...ClaimFields }
    other { ...ClaimFields }
    paper { id title date }
    otherPaper { id title date }
  }
`);

export const ContradictionsPage = graphql(`
  query ContradictionsPage($factor: String, $minConfidence: Float, $first: Int!, $after: String) {
    contradictions(factor: $factor, minConfidence: $minConfidence, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...ClaimLinkFields }
    }
  }
`);

export const EntityPage = graphql(`
  query EntityPage($label: EntityLabel!, $key: String!) {
    entity(label: $label, key: $key) {
      key label name canonical aliases family size longForm mentions paperCount
      papers(first: 20) { totalCount nodes { id title date } }
      coOccurring(first: 12) { papers entity { key label name } }
      mentionsOverTime { year month papers mentions }
    }
  }
`);

export const TopicsPage = graphql(`
  query TopicsPage {
    topics { id label size topTerms x y }
  }
`);

export const TopicDetail = graphql(`
  query TopicDetail($id: ID!) {
    topic(id: $id) {
      id label size topTerms
      papers(first: 20) { totalCount nodes { id title date } }
      topEntities(first: 10) { papers entity { key label name } }
    }
  }
`);
