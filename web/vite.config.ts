import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The accountant's web UI. Built with `npm run build:web` (`vite build web`, so this folder is the
 * root) into web/dist, which the Hono server serves at `/`. `npm run dev:web` serves it with hot
 * reload and sends /api to a server started with `npm start` on port 3000.
 */
export default defineConfig({
  plugins: [react()],
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
    // src/shared/money.ts is imported from the server's sources, one folder up.
    fs: { allow: ['..'] },
  },
});
