// The module rules of docs/ARCHITECTURE.md ("Modules"), checked by `npm run lint` in CI.
// Known violations that the architecture pass has not removed yet are listed in
// .dependency-cruiser-known-violations.json: a new one fails, an old one may only go away
// (scripts/check-deps.mjs; `npm run lint:deps -- --update-known` after removing some).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment:
        'Modules (folders under src/) import each other one way only: a cycle between folders fails, ' +
        'type-only imports included (src/db/schema.ts, the row types of every module for Kysely, is left out of the graph).',
      from: { path: '^src/' },
      to: { circular: true },
      scope: 'folder',
    },
    {
      name: 'no-file-cycle',
      severity: 'error',
      comment: 'No import cycle between files either (a type-only import or a lazy import() is no cycle at run time).',
      from: { path: '^(src|web/src|agency/src|packages)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
    {
      name: 'low-modules-import-nothing-above',
      severity: 'error',
      comment: 'shared and formats are the bottom: they import no other module.',
      from: { path: '^src/(shared|formats)/' },
      to: { path: '^src/', pathNot: '^src/(shared|formats)/' },
    },
    {
      name: 'tables-are-private',
      severity: 'error',
      comment:
        "A module's *.table.ts (its row types) is for the module itself and the composition root " +
        '(src/db/schema.ts); others call its exported functions.',
      from: { path: '^src/([^/]+)/', pathNot: '^src/db/schema\\.ts$' },
      to: { path: '^src/[^/]+/[^/]+\\.table\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment: 'The web UI is built for the browser: it shares code through packages, never server source.',
      from: { path: '^web/' },
      to: { path: '^(src|agency)/' },
    },
    {
      name: 'packages-stand-alone',
      severity: 'error',
      comment: 'Packages (@innfri/money, @innfri/agency-client) serve server, web and agency: they import none.',
      from: { path: '^packages/' },
      to: { path: '^(src|web|agency)/' },
    },
    {
      name: 'agency-only-through-the-client',
      severity: 'error',
      comment: 'The reference agency talks to Innfri only through @innfri/agency-client.',
      from: { path: '^agency/' },
      to: { path: '^(src|web)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests (colocated *.test.ts included) may reach into any module and into test/support.
    // src/db/schema.ts is the composition root of the row types: it imports every module's
    // *.table.ts (type-only) so that Kysely knows every table, and every module imports db. It is
    // the one file whose imports make no module cycle; every other type-only import counts.
    exclude: { path: '(^|/)(node_modules|dist)/|\\.gen\\.ts$|\\.test\\.ts$|^src/db/schema\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default'] },
  },
};
