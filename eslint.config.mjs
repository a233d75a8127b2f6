// Where code may run is enforced here, not remembered (docs/DESIGN.md "Layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (paths, patterns = [], message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ],
});
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location'];
const NODE_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global'];

export default tseslint.config(
  { ignores: ['.dependency-cruiser.cjs', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bin/**', 'scripts/**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Product code reads in small named pieces (issue 18); tests may hold a whole scenario in one function.
    files: ['src-*/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      ...restrict([...nodeBuiltins, 'electron', 'react', 'react-dom', 'ws', 'better-sqlite3'], ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**', '**/src-gateway/**'],
        'src-shared runs anywhere: no Node built-ins, no DOM, no electron.'),
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS],
    },
  },
  {
    files: ['src-gateway/**/*.ts'],
    rules: {
      ...restrict([...nodeBuiltins, 'electron'], ['**/src-main/**', '**/src-renderer/**'],
        'The gateway runs in Node and in a renderer: transports are injected, no Node built-ins, no electron.'),
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS],
    },
  },
  {
    files: ['src-main/host/**/*.ts', 'src-main/cli.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(['electron'], ['**/src-renderer/**', '**/src-preload/**'],
      'The host is Node only and never imports electron (it must run headless and in tests).'),
  },
  {
    // Node pieces the host and the relay both use (serving the phone app's files): Node and nothing of the app.
    files: ['src-node/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(['electron', 'better-sqlite3'], ['**/src-main/**', '**/src-relay/**', '**/src-renderer/**', '**/src-preload/**', '**/src-gateway/**'],
      'src-node is shared by the host and the relay: Node only, none of either.'),
  },
  {
    // The relay runs on a server: Node, but none of the app (it holds no log and decides nothing).
    files: ['src-relay/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(['electron', 'better-sqlite3'], ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**', '**/src-gateway/**'],
      'The relay is Node only and imports none of the host or the screens: only src-shared and its own modules.'),
  },
  {
    // The desktop shell's decisions: plain functions tested without Electron (test/electron-*.test.ts).
    files: ['src-main/shell-logic/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(['electron'], ['**/src-renderer/**', '**/src-preload/**'],
      'shell-logic is tested in plain Node, where importing electron throws: keep electron in src-main/*.ts and src-main/windows.'),
  },
  {
    // Sandboxed preloads can require only electron; everything else is bundled, so keep them tiny.
    files: ['src-preload/**/*.ts'],
    rules: restrict(nodeBuiltins, ['**/src-main/**', '**/src-renderer/**', '**/src-gateway/**'],
      'A sandboxed preload can load only electron: no Node built-ins, only the shared contract.'),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      ...restrict([...nodeBuiltins, 'electron', 'better-sqlite3', 'ws'], ['**/src-main/**', '**/src-preload/**'],
        'Renderer code is DOM only: it talks to the host through the shared contract.'),
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'test/**/*.ts', 'e2e/**/*.ts', 'e2e-engines/**/*.ts', '*.config.ts', '*.config.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The engine tests' query engine runs in the page (bundled and injected by the drivers).
    files: ['e2e-engines/in-page/query.ts'],
    languageOptions: { globals: globals.browser },
    rules: restrict(nodeBuiltins, [], 'This file runs inside the browser page: no Node built-ins.'),
  },
  {
    // Tests run in plain Node, where require('electron') tries to download the binary and throws.
    files: ['test/**/*.ts', 'e2e/**/*.ts', 'e2e-engines/**/*.ts'],
    rules: restrict(['electron'], [], 'Tests never import electron: test src-main/shell-logic, or launch the app with Playwright.'),
  },
);
