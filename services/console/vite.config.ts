/// <reference types="vitest/config" />
// The console: built into dist/ and served by qile-api under /console/.
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under assets/: the API serves them as immutable.
    assetsDir: 'assets',
    // Element Plus is imported whole (one stylesheet, every component).
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite` for development, against `make run`'s API.
    proxy: { '/graphql': 'http://127.0.0.1:8000' },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
})
