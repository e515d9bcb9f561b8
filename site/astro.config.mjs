import mdx from '@astrojs/mdx'
import { defineConfig } from 'astro/config'

import { siteUrlFrom } from './src/lib/siteUrl.ts'

// The reader site: static pages from the content snapshot (see src/content.config.ts).
export default defineConfig({
  // The public address (SITE_URL, see src/lib/siteUrl.ts): canonical links, the sitemap, the
  // feed's links and the address printed at the foot of each page. The builder sets it per build.
  site: siteUrlFrom(process.env).url,
  outDir: process.env.SITE_OUT_DIR || './dist',
  // Content data store and build cache: one per snapshot, so builds of different snapshots
  // (the live site, tests, benchmarks) never share one.
  cacheDir: process.env.ASTRO_CACHE_DIR || './node_modules/.astro',
  trailingSlash: 'always',
  // Four pages at a time: while one waits for its file to be written, the next renders.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Every script is a file of its own, never inlined into a page: the site's Content-Security-
  // Policy allows scripts from the site only (see cms/src/security/headers.ts).
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [mdx()],
})
