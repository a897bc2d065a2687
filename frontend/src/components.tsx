// Pieces shared by the pages: loading and error states, claim frames, entity chips, the data-ready mark.
import type { ComponentChildren } from "preact";
import type { CombinedError } from "@urql/core";
import { Link, entityHref, paperHref } from "./router";

export function Page(props: { title: string; ready: boolean; children: ComponentChildren }) {
  if (typeof document !== "undefined") document.title = `${props.title} · kg explorer`;
  return (
    <main id="main" data-ready={props.ready ? "true" : "false"} aria-busy={!props.ready}>
      <h1>{props.title}</h1>
      {props.children}
    </main>
  );
}

export function Status(props: { fetching: boolean; error?: CombinedError }) {
  if (props.error) {
    return (
      <p role="alert" class="error">
        {props.error.graphQLErrors[0]?.message ?? props.error.message}
      </p>
    );
  }
  return props.fetching ? <p class="muted" role="status">Loading…</p> : null;
}

export interface EntityRef {
  key: string;
  label: string;
  name: string;
}

export function EntityChip(props: { entity: EntityRef; extra?: ComponentChildren }) {
  const { entity } = props;
  return (
    <Link to={entityHref(entity.key)} class={`chip chip-${entity.label.toLowerCase()}`}>
      <span class="chip-label">{entity.label}</span> {entity.name}
      {props.extra}
    </Link>
  );
}

export interface ClaimFrameFields {
  text: string;
  role?: string | null;
  factor?: string | null;
  comparator?: string | null;
  direction?: string | null;
  outcome?: string | null;
  outcomeClass?: string | null;
  polarity?: string | null;
  negated?: boolean;
  hedged?: boolean;
  conditions?: { kind: string; value: string }[];
}

const POLARITY: Record<string, string> = {
  improves: "improves",
  hurts: "hurts",
  no_effect: "has no effect on",
  no_harm: "does not hurt",
  depends: "depends on the setting for",
};

/** A claim's frame as one readable line: factor (over its comparator), direction, effect on the outcome. */
export function frameText(claim: ClaimFrameFields): string {
  if (!claim.factor) return "no frame read";
  const factor = claim.comparator
    ? `${claim.factor} over ${claim.comparator}`
    : `${claim.direction && claim.direction !== "present" ? `${claim.direction} ` : ""}${claim.factor}`;
  const effect = claim.polarity ? (POLARITY[claim.polarity] ?? claim.polarity) : "affects";
  const marks = [claim.negated ? "negated" : "", claim.hedged ? "hedged" : ""].filter(Boolean).join(", ");
  return `${factor} → ${effect} ${claim.outcome ?? "the outcome"}${marks ? ` (${marks})` : ""}`;
}

export function conditionsText(claim: ClaimFrameFields): string {
  return (claim.conditions ?? []).map((c) => `${c.kind}: ${c.value}`).join("; ");
}

export function Frame(props: { claim: ClaimFrameFields }) {
  const { claim } = props;
  const parts: [string, string | null | undefined][] = [
    ["role", claim.role],
    ["factor", claim.factor],
    ["over", claim.comparator],
    ["direction", claim.direction],
    ["outcome", claim.outcome && claim.outcomeClass ? `${claim.outcome} (${claim.outcomeClass})` : claim.outcome],
    ["effect", claim.polarity],
    ["settings", conditionsText(claim)],
    ["marks", [claim.negated && "negated", claim.hedged && "hedged"].filter(Boolean).join(", ")],
  ];
  return (
    <dl class="frame">
      {parts
        .filter(([, value]) => value)
        .map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

export function PaperLink(props: { paper: { id: string; title: string; date?: string | null } }) {
  const { paper } = props;
  return (
    <>
      <Link to={paperHref(paper.id)}>{paper.title}</Link>
      {paper.date ? <span class="muted"> · {paper.date}</span> : null}
    </>
  );
}

export function score(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : value.toFixed(2);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
