#!/usr/bin/env node
// The `innfri` command. In a checkout (tsx installed, as `npm install` does) it runs the TypeScript
// sources through tsx, so no build step is needed and nothing stale is ever run. In a production
// install (`npm ci --omit=dev`: no tsx) it runs the build, dist/server/innfri.js (`npm run build`).
let tsx;
try {
  tsx = await import('tsx/esm/api');
} catch {
  tsx = null;
}
if (tsx) {
  tsx.register();
  await import('../src/cli/main.ts');
} else {
  await import('../dist/server/innfri.js');
}
