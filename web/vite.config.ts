import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import tokens from '@digital-go-jp/design-tokens';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://localhost:3001';

// The manifest's theme colour is the DA key colour (Blue 900), read from the tokens, not copied.
const themeColor: string = tokens.Color.Primitive.Blue['900'].$value;

/**
 * @fontsource ships every subset as woff2 with a woff fallback. Every browser that runs this app
 * reads woff2, so the fallbacks are dropped: the build then copies half as many font files.
 */
function woff2Only(): Plugin {
  return {
    name: 'furusato:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@fontsource/') || !id.endsWith('.css')) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, ''), map: null };
    },
  };
}

/**
 * Noto Sans JP is used only once it is at hand (cached, or arriving within ~100 ms): a first visit reads in the
 * system font throughout instead of reflowing when each subset arrives (no layout shift); later visits use it.
 */
function fontDisplayOptional(): Plugin {
  return {
    name: 'furusato:font-display-optional',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@fontsource/') || !id.endsWith('.css')) return null;
      return { code: code.replaceAll('font-display: swap', 'font-display: optional'), map: null };
    },
  };
}

/** The browser UI colour (address bar, task switcher) follows the same token as the manifest. */
function themeColorMeta(): Plugin {
  return {
    name: 'furusato:theme-color',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { name: 'theme-color', content: themeColor }, injectTo: 'head' }],
  };
}

/**
 * Writes file.br and file.gz beside every compressible file of the build (after the service worker is
 * generated), so that the server can send them as they are (@fastify/static `preCompressed`).
 */
function precompress(): Plugin {
  const compressible = /\.(js|css|html|svg|json|webmanifest)$/;
  let outDir = '';
  return {
    name: 'furusato:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        for (const entry of fs.readdirSync(outDir, { recursive: true, withFileTypes: true })) {
          if (!entry.isFile() || !compressible.test(entry.name)) continue;
          const file = path.join(entry.parentPath, entry.name);
          const content = fs.readFileSync(file);
          if (content.length < 1024) continue;
          fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
          fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
        }
      },
    },
  };
}

export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  // The API and the web app share one origin; the build must not depend on where it is served from.
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Japanese font subsets are many small files; their size says nothing about the app's.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 3000,
    strictPort: true,
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
  preview: { port: 3000 },
  plugins: [
    woff2Only(),
    fontDisplayOptional(),
    themeColorMeta(),
    react(),
    tailwindcss(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // Registered from src/pwa.ts (bundled), because the CSP allows no inline script.
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'ふるさと住民',
        short_name: 'ふるさと住民',
        description: 'ふるさと住民登録制度の全国共通プラットフォーム',
        lang: 'ja',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: themeColor,
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Fonts are left out of the precache (hundreds of unicode-range subsets); they are cached on first use.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz$/, /^\/readyz$/],
        cleanupOutdatedCaches: true,
        // Web Push: showing a newsletter's notification and opening it (public/push-sw.js).
        importScripts: ['/push-sw.js'],
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.endsWith('.woff2'),
            handler: 'CacheFirst',
            options: { cacheName: 'fonts', expiration: { maxEntries: 400, maxAgeSeconds: 60 * 60 * 24 * 365 } },
          },
        ],
      },
    }),
    precompress(),
  ],
});
