// One linter for the whole tree. The runtime-context import rules live here
// (see README "Import rules"): captioner/ and shared/ are pure, content/ never
// reaches into background/ or engine/, and so on.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const pure = ['webextension-polyfill', 'comlink', '**/content/**', '**/background/**', '**/engine/**', '**/ui/**'];

export default tseslint.config(
  { ignores: ['dist/', 'dist-firefox/', 'artifacts/', 'node_modules/', 'test-results/', 'playwright-report/', 'training/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, chrome: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/captioner/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: pure, message: 'captioner/ and shared/ are pure: no DOM, no extension API, no other runtime context.' }] }],
      'no-restricted-globals': ['error', 'document', 'window', 'chrome', 'browser', 'navigator'],
    },
  },
  {
    files: ['src/content/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**', '**/engine/**', '**/ui/**'], message: 'content/ talks to other contexts only through shared/messages.' }] }],
    },
  },
  {
    files: ['src/background/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/content/**', '**/engine/**', '**/ui/**', 'onnxruntime-web', 'onnxruntime-web/*', '**/captioner/**'], message: 'The service worker routes messages; it never runs the model or page code.' }] }],
    },
  },
  {
    // Firefox has no offscreen documents: its background page is the engine's host, through EngineHost only.
    files: ['src/background/engine-adapter-firefox.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/content/**', '**/ui/**', 'onnxruntime-web', 'onnxruntime-web/*', '**/captioner/**'], message: 'The Firefox engine adapter hosts the engine through EngineHost; it never runs the model or page code itself.' }] }],
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/content/**', '**/background/**', '**/ui/**'], message: 'engine/ talks to other contexts only through shared/messages.' }] }],
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/content/**', '**/background/**', '**/engine/**', '**/captioner/**'], message: 'ui/ talks to other contexts only through shared/messages.' }] }],
    },
  },
  {
    // Model storage (OPFS) and the download worker, shared by the options page and the engine.
    files: ['src/model-store/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['webextension-polyfill', '**/content/**', '**/background/**', '**/engine/**', '**/ui/**'], message: 'model-store/ is used by ui/ and engine/: it imports neither, and no extension API.' }] }],
      'no-restricted-globals': ['error', 'document', 'window', 'chrome', 'browser'],
    },
  },
);
