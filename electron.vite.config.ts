import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main (Electron lifecycle + the headless CLI, same host), preloads, and the console/projector/gateway renderer.
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
  // Sandboxed preloads can require only 'electron' (and a few built-ins): each preload is one standalone
  // bundle (no shared chunks, no externalised dependencies), as CommonJS (package.json has no "type": "module"). test/electron-preload.test.ts checks the output.
  preload: {
    build: {
      isolatedEntries: true,
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-preload/index.ts'),
          gateway: resolve(__dirname, 'src-preload/gateway.ts'),
        },
      },
    },
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
          // The hidden window of the desktop app that runs the WebRTC gateway.
          gateway: resolve(__dirname, 'src-renderer/gateway/index.html'),
        },
      },
    },
  },
});
