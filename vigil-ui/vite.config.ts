import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// The server serves classpath:/static/ at "/", so the build lands where Maven packs the jar from.
export default defineConfig({
  plugins: [vue()],
  // Relative asset URLs keep the bundle working if the server is ever mounted under a context path.
  base: './',
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      // Same-origin in development too, so the session cookie and XSRF header behave as in production.
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
