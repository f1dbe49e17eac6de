import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web UI lives in src/web and is served by the Switchboard server from dist/web (see src/server/web.ts).
// `npm run dev` serves the API; for UI work run `npx vite` too: it proxies /api to the server on API_PORT.
const apiPort = process.env.API_PORT ?? '3000';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, ws: true },
    },
  },
});
