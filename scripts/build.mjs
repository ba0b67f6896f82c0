#!/usr/bin/env node
// `npm run build`: the server as JavaScript, for `node dist/server/innfri.js serve` (the production
// start; no tsx, no TypeScript at run time). esbuild bundles src/cli/main.ts and our own workspace
// packages (@innfri/money is TypeScript source) into one ES module; every other package stays an
// import of node_modules (native ones such as @node-rs/argon2 and PGlite's wasm must). The bundle
// sits two folders below the root, where the sources sit too, so the paths the code resolves from its
// own location (the web UI in web/dist, which `npm run build:web` writes) are the same in both.
// Type checking is `npm run typecheck`'s job; this only translates.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist/server`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/server/innfri.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'node-modules-external',
      setup(b) {
        // A bare import (not relative, not our workspace) is a package: leave it to Node.
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@innfri/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
console.log('built dist/server/innfri.js');
