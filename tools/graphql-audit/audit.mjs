// Runs the graphql-http server audits (GraphQL-over-HTTP conformance) against a running server.
// Usage: node audit.mjs http://127.0.0.1:8000/graphql
// Prints one line per audit, then a JSON summary line; exits 1 when any MUST audit fails.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const results = await auditServer({ url });
const failed = (level) =>
  results.filter((r) => r.status !== 'ok' && r.name.startsWith(level)).map((r) => `${r.id} ${r.name}: ${r.reason}`);
for (const r of results) {
  console.log(`${r.status.padEnd(7)} ${r.id} ${r.name}${r.status === 'ok' ? '' : ` -- ${r.reason}`}`);
}
const summary = {
  total: results.length,
  ok: results.filter((r) => r.status === 'ok').length,
  mustFailures: failed('MUST'),
  shouldFailures: failed('SHOULD'),
};
console.log(JSON.stringify(summary));
process.exit(summary.mustFailures.length > 0 ? 1 : 0);
