import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// The server serves classpath:/static/ at "/", so the build lands where Maven packs the jar from.
export default defineConfig({
  plugins: [vue()],
  // vue-i18n: Composition API only, messages compiled without eval (the CSP forbids it).
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
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
