// Contradictions: pairs side by side, filters by factor and minimum confidence, paging with the API's cursors.
import { useQuery } from "@urql/preact";
import { useState } from "preact/hooks";
import { ClaimPair } from "./ClaimPair";
import { Page, Status } from "../components";
import { ContradictionsPage } from "../operations";
import { Link, href, navigate } from "../router";

const PAGE_SIZE = 10; // pairs per page; a link may ask for another size (`size=`, 1 to 50)

function pageSize(size: string): number {
  const asked = Number(size);
  return Number.isInteger(asked) && asked >= 1 && asked <= 50 ? asked : PAGE_SIZE;
}

export function Contradictions(props: { factor: string; minConfidence: string; after: string; size: string }) {
  const first = pageSize(props.size);
  const size = props.size || undefined;
  const minConfidence = props.minConfidence === "" ? null : Number(props.minConfidence);
  const [result] = useQuery({
    query: ContradictionsPage,
    variables: {
      factor: props.factor || null,
      minConfidence: minConfidence !== null && Number.isFinite(minConfidence) ? minConfidence : null,
      first,
      after: props.after || null,
    },
  });
  const [factor, setFactor] = useState(props.factor);
  const [minimum, setMinimum] = useState(props.minConfidence);
  const page = result.data?.contradictions;
  const apply = (event: Event) => {
    event.preventDefault();
    navigate(href("/contradictions", { factor: factor.trim(), min: minimum }));
  };
  return (
    <Page title="Contradictions" ready={(!!page || !!result.error) && !result.fetching}>
      <form class="filters" onSubmit={apply}>
        <label for="factor">Factor</label>
        <input id="factor" value={factor} placeholder="e.g. depth" onInput={(e) => setFactor(e.currentTarget.value)} />
        <label for="min">Minimum confidence</label>
        <input
          id="min"
          type="number"
          min="0"
          step="0.05"
          value={minimum}
          onInput={(e) => setMinimum(e.currentTarget.value)}
        />
        <button type="submit">Filter</button>
      </form>
      <Status fetching={result.fetching} error={result.error} />
      {page ? (
        <>
          <p class="muted count" role="status">
            {page.totalCount} {page.totalCount === 1 ? "pair" : "pairs"}
            {props.factor ? ` about “${props.factor}”` : ""}
            {props.minConfidence ? ` with confidence ≥ ${props.minConfidence}` : " at the calibrated confidence threshold"}
          </p>
          {page.nodes.map((link) => (
            <ClaimPair key={link.id} link={link} />
          ))}
          <nav class="pager" aria-label="Pages">
            {props.after ? <Link to={href("/contradictions", { factor: props.factor, min: props.minConfidence, size })}>First page</Link> : null}
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
              <Link
                to={href("/contradictions", { factor: props.factor, min: props.minConfidence, size, after: page.pageInfo.endCursor })}
              >
                Next page
              </Link>
            ) : null}
          </nav>
        </>
      ) : null}
    </Page>
  );
}
