// GraphiQL for developers, served by the API itself (no CDN): a second build
// into dist/graphiql/. The API reads .vite/manifest.json to find the hashed
// script and stylesheet for the page it returns at /graphql.
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/console/graphiql/',
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/graphiql',
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      input: 'graphiql/main.ts',
      // GraphiQL's React parts mark themselves "use client" (a server-components
      // hint): meaningless in a browser-only bundle, so not worth a warning each.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
    },
  },
})
