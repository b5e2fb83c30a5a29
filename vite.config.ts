import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The page's Content-Security-Policy forbids inline scripts and styles (React sets style
 * properties through the CSSOM, which the policy allows). The dev server's React refresh preamble
 * is an inline script and its CSS arrives as <style> tags, so only while serving in development
 * the policy allows both; the production build keeps the strict policy from index.html.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'flashmap-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: wss:"),
  };
}

/**
 * What a deployment should send with every response (README "Deploying"): the policy again as a
 * header, because a <meta> tag neither reaches the Web Worker's script nor can say
 * frame-ancestors; `vite preview` sends exactly these.
 */
export const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [react(), relaxCspForDevServer()],
  worker: { format: 'es' },
  // One bundle of about 600 kB (React, zod, the engine) is fine for a tool that works offline; no
  // source maps ship in dist/ (they doubled its size and expose nothing a user needs).
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1024 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  server: { host: '127.0.0.1', port: 5173 },
});
