// Two claims side by side, their frames aligned row by row (factor, direction, outcome, effect), the
// conditions that differ, and the link's confidence.
import type { ClaimLinkFieldsFragment } from "../gql/graphql";
import { PaperLink, conditionsText, frameText, score } from "../components";

const ROWS = [
  ["factor", "factor"],
  ["over", "comparator"],
  ["direction", "direction"],
  ["outcome", "outcome"],
  ["outcome class", "outcomeClass"],
  ["effect", "polarity"],
] as const;

export function ClaimPair(props: { link: ClaimLinkFieldsFragment }) {
  const { link } = props;
  const sides = [
    { claim: link.claim, paper: link.paper },
    { claim: link.other, paper: link.otherPaper },
  ];
  return (
    <article class="pair" aria-label={`Contradiction about ${link.factor ?? "a factor"}`}>
      <header>
        <strong>
          {link.factor ?? "—"}
          {link.comparator ? ` over ${link.comparator}` : ""}
          {link.outcome ? ` · ${link.outcome}` : ""}
        </strong>
        <span class="confidence">
          {link.strength ? `${link.strength} · ` : ""}confidence {score(link.confidence)}
        </span>
      </header>
      <div class="sides">
        {sides.map((side) => (
          <div class="side" key={side.claim.id}>
            <q>{side.claim.text}</q>
            <p class="muted small">{frameText(side.claim)}</p>
            <p class="small"><PaperLink paper={side.paper} /></p>
          </div>
        ))}
      </div>
      <table class="aligned">
        <caption class="visually-hidden">Frames of the two claims</caption>
        <thead>
          <tr><th scope="col">frame</th><th scope="col">left</th><th scope="col">right</th></tr>
        </thead>
        <tbody>
          <tr class={conditionsText(link.claim) !== conditionsText(link.other) ? "differs" : undefined}>
            <th scope="row">settings</th>
            <td>{conditionsText(link.claim) || "—"}</td>
            <td>{conditionsText(link.other) || "—"}</td>
          </tr>
          {ROWS.map(([name, field]) => {
            const left = link.claim[field] ?? "—";
            const right = link.other[field] ?? "—";
            return (
              <tr key={name} class={left !== right ? "differs" : undefined}>
                <th scope="row">{name}</th>
                <td>{left}</td>
                <td>{right}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {link.differs.length || link.reason ? (
        <p class="small">
          {link.differs.length ? <>Differs: {link.differs.join("; ")}. </> : null}
          {link.reason ? <span class="muted">{link.reason}</span> : null}
        </p>
      ) : null}
    </article>
  );
}
