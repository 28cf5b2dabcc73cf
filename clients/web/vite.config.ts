import { defineConfig } from 'vite';

// The web client is static files: index.html, and hashed JS and CSS under assets/ (the CDN
// caches those for a year; index.html and config.json are never cached). React's JSX is
// compiled by Vite's own transformer (automatic runtime); no plugin is needed for a build.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    target: 'es2022',
  },
});
