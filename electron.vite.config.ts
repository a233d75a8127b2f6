import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main (Electron lifecycle + the headless CLI, same host), preload, and the console/projector renderer.
// The phone app is a separate minified build: vite.attendee.config.mts.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin({ exclude: ['nanoid', '@noble/hashes'] })],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-main/cli.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src-preload/index.ts') } } },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    base: './',
    build: {
      minify: true,
      rollupOptions: {
        input: {
          console: resolve(__dirname, 'src-renderer/console/index.html'),
          projector: resolve(__dirname, 'src-renderer/projector/index.html'),
        },
      },
    },
  },
});
