// Search: results as you type (debounced), each with title, date, topic and the entities that matched.
import { useQuery } from "@urql/preact";
import { useEffect, useState } from "preact/hooks";
import { EntityChip, Page, PaperLink, Status } from "../components";
import { SearchPapers } from "../operations";
import { Link, href, navigate, topicHref } from "../router";

const DEBOUNCE_MS = 250;

export function Search(props: { query: string }) {
  const [text, setText] = useState(props.query);
  const [query, setQuery] = useState(props.query);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const trimmed = text.trim();
      setQuery(trimmed);
      if (trimmed !== props.query) navigate(href("/search", { q: trimmed }), true);
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const [result] = useQuery({ query: SearchPapers, variables: { query, first: 20 }, pause: !query });
  const hits = result.data?.search ?? [];
  return (
    <Page title="Search papers" ready={!query || (!!result.data && !result.fetching)}>
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <label for="q">Search titles and abstracts</label>
        <input
          id="q"
          type="search"
          value={text}
          autoFocus
          placeholder="e.g. quantization, LLaVA, scaling laws"
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </form>
      <Status fetching={result.fetching} error={result.error} />
      {query && result.data ? (
        <p class="muted count" role="status">
          {hits.length} {hits.length === 1 ? "paper" : "papers"} for “{query}”
        </p>
      ) : null}
      <ol class="hits">
        {hits.map((hit) => (
          <li key={hit.paper.id} class="hit">
            <PaperLink paper={hit.paper} />
            <div class="meta">
              {hit.paper.topics.map((topic) => (
                <Link key={topic.id} to={topicHref(topic.id)} class="topic">
                  {topic.label ?? topic.id}
                </Link>
              ))}
              {hit.matchedEntities.map((entity) => (
                <EntityChip key={entity.key} entity={entity} />
              ))}
            </div>
          </li>
        ))}
      </ol>
    </Page>
  );
}
