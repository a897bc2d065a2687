// The explorer: one page per route, all data from the GraphQL API (GET, persisted queries).
import { render } from "preact";
import { Provider } from "@urql/preact";
import { client } from "./client";
import { Link, useLocation } from "./router";
import { Contradictions } from "./pages/Contradictions";
import { Entity } from "./pages/Entity";
import { Paper } from "./pages/Paper";
import { Search } from "./pages/Search";
import { Topics } from "./pages/Topics";
import "./styles.css";

function Route() {
  const { path, params } = useLocation();
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case undefined:
    case "search":
      return <Search query={params.get("q") ?? ""} />;
    case "paper":
      return <Paper key={parts[1]} id={parts[1] ?? ""} />;
    case "contradictions":
      return <Contradictions factor={params.get("factor") ?? ""} minConfidence={params.get("min") ?? ""} after={params.get("after") ?? ""} size={params.get("size") ?? ""} />;
    case "entity":
      return <Entity key={path} label={parts[1] ?? ""} name={parts.slice(2).join("/")} />;
    case "topics":
      return <Topics selected={params.get("topic") ?? ""} />;
    default:
      return (
        <main id="main" data-ready="true">
          <h1>Not found</h1>
          <p>No page here. <Link to="/">Search papers</Link>.</p>
        </main>
      );
  }
}

function App() {
  const { path } = useLocation();
  const section = path.split("/")[1] || "search";
  const tab = (to: string, name: string, label: string) => (
    <Link to={to} aria-current={section === name ? "page" : undefined}>{label}</Link>
  );
  return (
    <Provider value={client}>
      <a class="skip" href="#main">Skip to content</a>
      <header class="bar">
        <span class="brand">kg explorer</span>
        <nav aria-label="Sections">
          {tab("/search", "search", "Search")}
          {tab("/contradictions", "contradictions", "Contradictions")}
          {tab("/topics", "topics", "Topics")}
          <a href="/graphql">GraphiQL</a>
        </nav>
      </header>
      <Route />
    </Provider>
  );
}

render(<App />, document.getElementById("app") as HTMLElement);
