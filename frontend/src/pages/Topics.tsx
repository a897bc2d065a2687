// Topics: the topic map (positions computed by the analysis run), each topic's papers and leading entities.
import { useQuery } from "@urql/preact";
import { EntityChip, Page, PaperLink, Status } from "../components";
import { TopicDetail, TopicsPage } from "../operations";
import { Link, navigate, topicHref } from "../router";

interface MapTopic {
  id: string;
  label?: string | null;
  size: number;
  x?: number | null;
  y?: number | null;
}

const W = 900;

/** The first terms of a "term / term / term" label that fit in `limit` characters. */
function shortLabel(label: string, limit = 26): string {
  const terms = label.split(" / ");
  let shown = terms[0];
  for (const term of terms.slice(1)) {
    if (shown.length + 3 + term.length > limit) break;
    shown = `${shown} / ${term}`;
  }
  return shown.length <= limit ? shown : `${shown.slice(0, limit - 1)}…`;
}
const H = 520;

function TopicMap(props: { topics: MapTopic[]; selected: string }) {
  const placed = props.topics.filter((t) => t.x !== null && t.x !== undefined && t.y !== null && t.y !== undefined);
  if (!placed.length) return <p class="muted">The current analysis run has no topic map.</p>;
  const largest = Math.max(...placed.map((t) => t.size));
  return (
    <svg class="topic-map" viewBox={`0 0 ${W} ${H}`} role="group" aria-label="Topic map: each circle is a topic, sized by papers">
      {placed.map((topic, i) => {
        const r = 8 + 30 * Math.sqrt(topic.size / largest);
        const cx = 100 + (W - 200) * (topic.x as number);
        const cy = 30 + (H - 70) * (topic.y as number);
        const label = topic.label ?? topic.id;
        const shown = shortLabel(label);
        return (
          <a
            key={topic.id}
            href={topicHref(topic.id)}
            aria-label={`${shown}: ${label}, ${topic.size} papers`}
            onClick={(event) => {
              event.preventDefault();
              navigate(topicHref(topic.id));
            }}
          >
            <circle cx={cx} cy={cy} r={r} class={topic.id === props.selected ? "dot selected" : "dot"} style={{ fill: `hsl(${(i * 137.5) % 360} 55% 62%)` }} />
            <text x={cx} y={cy + r + 12} text-anchor="middle" class="map-label">
              {shown}
            </text>
          </a>
        );
      })}
    </svg>
  );
}

function Detail(props: { id: string }) {
  const [result] = useQuery({ query: TopicDetail, variables: { id: props.id } });
  const topic = result.data?.topic;
  if (!topic) return <Status fetching={result.fetching} error={result.error} />;
  return (
    <section aria-labelledby="topic" class="topic-detail">
      <h2 id="topic">{topic.label ?? topic.id}</h2>
      <p class="muted">{topic.size} papers · {topic.topTerms.join(", ")}</p>
      <h3>Leading entities</h3>
      <div class="chips">
        {topic.topEntities.map((row) => (
          <EntityChip key={row.entity.key} entity={row.entity} extra={<span class="count"> ·{row.papers}</span>} />
        ))}
      </div>
      <h3>Papers</h3>
      <ul class="plain">
        {topic.papers.nodes.map((paper) => (
          <li key={paper.id}><PaperLink paper={paper} /></li>
        ))}
      </ul>
    </section>
  );
}

export function Topics(props: { selected: string }) {
  const [result] = useQuery({ query: TopicsPage });
  const topics = result.data?.topics;
  return (
    <Page title="Topics" ready={(!!topics || !!result.error) && !result.fetching}>
      <Status fetching={result.fetching} error={result.error} />
      {topics ? (
        <div class="columns wide-left">
          <div>
            <TopicMap topics={topics} selected={props.selected} />
            {props.selected ? <Detail id={props.selected} /> : <p class="muted">Pick a topic for its papers and leading entities.</p>}
          </div>
          <nav aria-label="Topics">
            <ol class="plain">
              {topics.map((topic) => (
                <li key={topic.id}>
                  <Link to={topicHref(topic.id)} aria-current={topic.id === props.selected ? "page" : undefined}>
                    {topic.label ?? topic.id}
                  </Link>
                  <span class="muted"> · {topic.size}</span>
                </li>
              ))}
            </ol>
          </nav>
        </div>
      ) : null}
    </Page>
  );
}
