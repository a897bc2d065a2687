// Copies the GraphiQL bundles strawberry's GraphiQL page loads into api/static/graphiql/<package>@<version>/,
// the layout of the CDN URLs the page names, so the API serves them itself (GraphiQL works offline).
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "..", "api", "static", "graphiql");
const require = createRequire(import.meta.url);
const files = JSON.parse(readFileSync(join(here, "..", "graphiql-assets.json"), "utf8"));

rmSync(target, { recursive: true, force: true });
for (const [name, path] of files) {
  const root = dirname(require.resolve(`${name}/package.json`));
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const destination = join(target, `${name}@${version}`, path);
  mkdirSync(dirname(destination), { recursive: true });
  cpSync(join(root, path), destination);
}
console.log(`GraphiQL: ${files.length} files in api/static/graphiql`);
