// A paper: entities by type, results as a table, claims with their frames, topic, citations both ways,
// and the contradictions and supports its claims take part in.
import { useQuery } from "@urql/preact";
import { ClaimPair } from "./ClaimPair";
import { EntityChip, Frame, Page, PaperLink, Status, score } from "../components";
import { PaperPage } from "../operations";
import { Link, topicHref } from "../router";

const LABELS = ["MODEL", "METHOD", "DATASET", "METRIC", "HARDWARE"] as const;

export function Paper(props: { id: string }) {
  const [result] = useQuery({ query: PaperPage, variables: { id: props.id } });
  const paper = result.data?.paper;
  const citations = result.data?.citations;
  if (!paper) {
    return (
      <Page title="Paper" ready={!!result.error}>
        <Status fetching={result.fetching} error={result.error} />
      </Page>
    );
  }
  return (
    <Page title={paper.title} ready={!result.fetching}>
      <p class="muted">
        {[paper.date, paper.organization, paper.authors.join(", "), paper.arxivId && `arXiv ${paper.arxivId}`]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <p>
        Topic:{" "}
        {paper.topics.length
          ? paper.topics.map((topic) => (
              <Link key={topic.id} to={topicHref(topic.id)} class="topic">
                {topic.label ?? topic.id}
              </Link>
            ))
          : "none"}
      </p>
      <details>
        <summary>Abstract</summary>
        <p>{paper.abstract}</p>
      </details>

      <section aria-labelledby="entities">
        <h2 id="entities">Entities</h2>
        {LABELS.map((label) => {
          const mentions = paper.entities.filter((mention) => mention.entity.label === label);
          return mentions.length ? (
            <div key={label} class="entity-group">
              <h3>{label.toLowerCase()}</h3>
              {mentions.map((mention) => (
                <EntityChip key={mention.entity.key} entity={mention.entity} extra={<span class="count"> ×{mention.count}</span>} />
              ))}
            </div>
          ) : null;
        })}
      </section>

      <section aria-labelledby="results">
        <h2 id="results">Results</h2>
        {paper.results.length ? (
          <table>
            <thead>
              <tr><th scope="col">Metric</th><th scope="col">Value</th><th scope="col">Subject</th><th scope="col">Dataset</th></tr>
            </thead>
            <tbody>
              {paper.results.map((row) => (
                <tr key={row.id}>
                  <td>{row.metric ?? "—"}</td>
                  <td>{row.value}{row.unit ? ` ${row.unit}` : ""}</td>
                  <td>{row.subject ?? "—"}</td>
                  <td>{row.dataset ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p class="muted">No numeric results read.</p>}
      </section>

      <section aria-labelledby="claims">
        <h2 id="claims">Claims</h2>
        {paper.claims.length ? (
          <ol class="claims">
            {paper.claims.map((claim) => (
              <li key={claim.id}>
                <q>{claim.text}</q>
                <Frame claim={claim} />
              </li>
            ))}
          </ol>
        ) : <p class="muted">No claims read.</p>}
      </section>

      <section aria-labelledby="contradictions">
        <h2 id="contradictions">Contradictions ({paper.contradictions.length})</h2>
        {paper.contradictions.map((link) => (
          <ClaimPair key={link.id} link={link} />
        ))}
      </section>

      <section aria-labelledby="supports">
        <h2 id="supports">Supported by ({paper.supports.length})</h2>
        <ul class="plain">
          {paper.supports.map((link) => (
            <li key={link.id}>
              <q>{link.other.text}</q> — <PaperLink paper={link.other.paper} />
              <span class="muted">
                {" "}· {link.factor ?? "same factor"}
                {link.outcome ? ` on ${link.outcome}` : ""} · confidence {score(link.confidence)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="citations">
        <h2 id="citations">Citations</h2>
        <div class="columns">
          <CitationList title="Cites" links={citations?.cites} />
          <CitationList title="Cited by" links={citations?.citedBy} />
        </div>
      </section>
    </Page>
  );
}

type Citation = { inferred: boolean; confidence?: number | null; paper: { id: string; title: string; date?: string | null } };

// One direction of a paper's citations: the papers, each with its confidence when the link was inferred.
function CitationList(props: { title: string; links: readonly Citation[] | undefined }) {
  const links = props.links ?? [];
  return (
    <div>
      <h3>{props.title} ({links.length})</h3>
      <ul class="plain">
        {links.map((link) => (
          <li key={link.paper.id}>
            <PaperLink paper={link.paper} />
            {link.inferred ? <span class="muted"> · inferred {score(link.confidence)}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
