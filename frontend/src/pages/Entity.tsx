// An entity: aliases, papers, co-occurring entities, mentions over time.
import { useQuery } from "@urql/preact";
import type { EntityLabel } from "../gql/graphql";
import { EntityChip, Page, PaperLink, Status, plural } from "../components";
import { EntityPage } from "../operations";

interface YearCount {
  year: number;
  papers: number;
}

function byYear(periods: { year: number; papers: number }[]): YearCount[] {
  const years = new Map<number, number>();
  for (const period of periods) years.set(period.year, (years.get(period.year) ?? 0) + period.papers);
  return [...years.entries()].sort((a, b) => a[0] - b[0]).map(([year, papers]) => ({ year, papers }));
}

function Timeline(props: { years: YearCount[] }) {
  const { years } = props;
  if (!years.length) return <p class="muted">No dated papers.</p>;
  const top = Math.max(...years.map((y) => y.papers));
  const width = 36;
  return (
    <figure>
      <svg
        role="img"
        aria-label={`Papers per year: ${years.map((y) => `${y.year}: ${y.papers}`).join(", ")}`}
        viewBox={`0 0 ${years.length * width} 130`}
        width={Math.min(720, years.length * width)}
        height="130"
      >
        {years.map((y, i) => {
          const height = (100 * y.papers) / top;
          return (
            <g key={y.year}>
              <rect x={i * width + 4} y={105 - height} width={width - 8} height={height} class="bar" />
              <text x={i * width + width / 2} y="122" text-anchor="middle" class="axis">{String(y.year).slice(2)}</text>
              <text x={i * width + width / 2} y={100 - height} text-anchor="middle" class="axis">{y.papers}</text>
            </g>
          );
        })}
      </svg>
      <figcaption class="muted small">Papers mentioning it, per year (’yy).</figcaption>
    </figure>
  );
}

export function Entity(props: { label: string; name: string }) {
  const [result] = useQuery({
    query: EntityPage,
    variables: { label: props.label.toUpperCase() as EntityLabel, key: props.name },
  });
  const entity = result.data?.entity;
  if (!entity) {
    return (
      <Page title="Entity" ready={!!result.error}>
        <Status fetching={result.fetching} error={result.error} />
      </Page>
    );
  }
  return (
    <Page title={entity.name} ready={!result.fetching}>
      <p class="muted">
        {entity.label} · {plural(entity.mentions, "mention")} in {plural(entity.paperCount, "paper")}
        {entity.longForm ? ` · ${entity.longForm}` : ""}
        {entity.family ? ` · family ${entity.family}` : ""}
        {entity.size ? ` · size ${entity.size}` : ""}
      </p>
      <section aria-labelledby="aliases">
        <h2 id="aliases">Aliases</h2>
        <p>{entity.aliases.length ? entity.aliases.join(" · ") : "none"}</p>
      </section>
      <section aria-labelledby="time">
        <h2 id="time">Mentions over time</h2>
        <Timeline years={byYear(entity.mentionsOverTime)} />
      </section>
      <section aria-labelledby="co">
        <h2 id="co">Co-occurring entities</h2>
        <div class="chips">
          {entity.coOccurring.map((row) => (
            <EntityChip key={row.entity.key} entity={row.entity} extra={<span class="count"> ·{row.papers}</span>} />
          ))}
        </div>
      </section>
      <section aria-labelledby="papers">
        <h2 id="papers">Papers ({entity.papers.totalCount})</h2>
        <ul class="plain">
          {entity.papers.nodes.map((paper) => (
            <li key={paper.id}><PaperLink paper={paper} /></li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
