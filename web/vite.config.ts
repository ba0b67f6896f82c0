import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a .br and a .gz beside every script, stylesheet and SVG of the build, once, at build time;
 * the server hands them out by Accept-Encoding (serveStatic `precompressed`). The entry goes over
 * the wire at about a quarter of its size, and no CPU is spent compressing per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'innfri-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const assets = join(outDir, 'assets');
      const names = (await readdir(assets).catch(() => [] as string[])).filter((n) => /\.(js|css|svg)$/.test(n));
      await Promise.all(
        names.map(async (name) => {
          const body = await readFile(join(assets, name));
          const [br, gz] = await Promise.all([
            promisify(brotliCompress)(body, {
              params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
            }),
            promisify(gzip)(body, { level: 9 }),
          ]);
          await Promise.all([writeFile(join(assets, `${name}.br`), br), writeFile(join(assets, `${name}.gz`), gz)]);
        }),
      );
    },
  };
}

/**
 * The accountant's web UI. Built with `npm run build:web` (`vite build web`, so this folder is the
 * root) into web/dist, which the Hono server serves at `/`. `npm run dev:web` serves it with hot
 * reload and sends /api to a server started with `npm start` on port 3000.
 */
export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The app is small; a warning past this says it is time to split screens into lazy chunks.
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
    // Workspace packages (@innfri/money) are linked from packages/, one folder up.
    fs: { allow: ['..'] },
  },
});
