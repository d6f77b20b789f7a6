// Lint kizuna's Cypher with Neo4j's own Cypher language support (the linter of Neo4j's
// VS Code extension, Workspace and Browser): every statement in cypher/*.cypher and every
// ```cypher block of docs/cypher-cookbook.md, or the .cypher / .md files given as arguments.
//
// Each statement is linted as Cypher 5 (Neo4j 5's default) and as Cypher 25, against
// the package's registry of Neo4j's built-in functions and procedures (so an unknown
// function, e.g. one only ArcadeDB has, is an error).  "Parameter $x is not defined"
// is not a problem (parameters are given at run time).  Exit code 1 when any statement
// has an error or a deprecation warning; other warnings are printed only.
//
// Run it through scripts/cypher-lint, which installs the package here when missing.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  isNotParamError,
  lintCypherQuery,
  testData,
} from '@neo4j-cypher/language-support';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LANGUAGES = ['CYPHER 5', 'CYPHER 25'];
const ERROR = 1;
const DEPRECATED_TAG = 2;
const schema = {
  functions: testData.mockSchema.functions,
  procedures: testData.mockSchema.procedures,
};

/** Statements of a file: [{file, line (0-based offset), text}]. */
function statements(path) {
  const text = readFileSync(path, 'utf8');
  const inside = relative(ROOT, path);
  const file = inside && !inside.startsWith('..') ? inside : path;
  if (!path.endsWith('.md')) return [{ file, line: 0, text }];
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```cypher') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== '```') end++;
    out.push({ file, line: start, text: lines.slice(start, end).join('\n') });
    i = end;
  }
  return out;
}

function defaultFiles() {
  const dir = join(ROOT, 'cypher');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => join(dir, f));
  return [...files, join(ROOT, 'docs', 'cypher-cookbook.md')];
}

const isDeprecation = (d) =>
  (d.tags ?? []).includes(DEPRECATED_TAG) || /deprecat/i.test(d.message);

const files =
  process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : defaultFiles();
let count = 0;
let errors = 0;
let deprecations = 0;
let warnings = 0;
for (const path of files) {
  for (const statement of statements(path)) {
    count++;
    for (const language of LANGUAGES) {
      const { diagnostics } = lintCypherQuery(statement.text, {
        ...schema,
        defaultLanguage: language,
      });
      for (const d of diagnostics.filter(isNotParamError)) {
        let kind = 'warning';
        if (d.severity === ERROR) {
          kind = 'error';
          errors++;
        } else if (isDeprecation(d)) {
          kind = 'deprecated';
          deprecations++;
        } else {
          warnings++;
        }
        const where = `${statement.file}:${statement.line + d.range.start.line + 1}:${d.range.start.character + 1}`;
        console.log(`${where}: ${kind} [${language}]: ${d.message}`);
      }
    }
  }
}
const version = JSON.parse(
  readFileSync(
    join(
      dirname(fileURLToPath(import.meta.url)),
      'node_modules/@neo4j-cypher/language-support/package.json',
    ),
    'utf8',
  ),
).version;
console.log(
  `cypher-lint: ${count} statements in ${files.length} files, ${errors} errors, ` +
    `${deprecations} deprecations, ${warnings} other warnings ` +
    `(@neo4j-cypher/language-support ${version}; ${LANGUAGES.join(' and ')})`,
);
process.exit(errors || deprecations ? 1 : 0);
