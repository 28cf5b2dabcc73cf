// ESLint for the TypeScript under services/, standins/, tests/ and clients/ (`npm run lint`, and a
// stage of `npm test`). Type-aware: the rules about promises need the types, so every file
// is checked against the tsconfig of its package (typescript-eslint's project service).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-test/**', '**/node_modules/**', '.tools/**', '.data/**', 'charts/**', 'infra-terraform/**', 'deploy/**'] },
  {
    files: ['services/**/*.ts', 'standins/**/*.ts', 'tests/**/*.ts', 'clients/**/*.ts', 'clients/**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection ends the process) and
      // its ordering; hand it to `void` only where fire-and-forget is meant and said.
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      // An async function where a void callback is expected (an event handler, forEach) runs
      // unawaited, with the same consequences.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `.only` would silently skip every other test in a file (node:test honours it with --test-only).
      'no-restricted-properties': [
        'error',
        { object: 'test', property: 'only', message: 'Remove .only: it hides the other tests.' },
        { object: 'it', property: 'only', message: 'Remove .only: it hides the other tests.' },
        { object: 'describe', property: 'only', message: 'Remove .only: it hides the other tests.' },
        { object: 'suite', property: 'only', message: 'Remove .only: it hides the other tests.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='only'][value.value=true]", message: 'Remove { only: true }: it hides the other tests.' },
      ],
    },
  },
  {
    // The web client (React): hooks called in the same order every render, and effects that
    // name what they read.
    files: ['clients/web/**/*.tsx', 'clients/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
