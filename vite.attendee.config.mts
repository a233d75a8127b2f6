import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The phone app: its own minified bundle, served by the host's LAN listener to every phone.
export default defineConfig({
  root: resolve(__dirname, 'src-renderer/attendee'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'out/attendee'),
    emptyOutDir: true,
    minify: true,
    target: ['es2020', 'safari14'],
  },
});
