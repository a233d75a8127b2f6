import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress';

const __dirname = dirname(fileURLToPath(import.meta.url));

// The phone app: its own minified bundle, served by the host's LAN listener to every phone. Phones on a
// crowded venue Wi-Fi download it, so React is replaced by preact/compat here (same components, ~40 KiB
// less gzipped); the console and projector, served on the laptop itself, keep React.
export default defineConfig({
  root: resolve(__dirname, 'src-renderer/attendee'),
  base: '/',
  // Every text file of the output also gets a .br and a .gz twin (build/precompress.mts), served by
  // Accept-Encoding by the host (src-main/host/static-files.ts).
  plugins: [react(), precompress()],
  resolve: {
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
    ],
  },
  build: {
    outDir: resolve(__dirname, 'out/attendee'),
    emptyOutDir: true,
    minify: true,
    target: ['es2020', 'safari14'],
  },
});
