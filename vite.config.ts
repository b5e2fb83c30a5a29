import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The page's Content-Security-Policy forbids inline scripts. The dev server's React refresh
 * preamble is an inline script, so only while serving in development the policy also allows
 * inline scripts; the production build keeps the strict policy from index.html.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'flashmap-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: wss:"),
  };
}

export default defineConfig({
  plugins: [react(), relaxCspForDevServer()],
  worker: { format: 'es' },
  // One bundle of about 600 kB (React, zod, the engine) is fine for a tool that works offline.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1024 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
});
