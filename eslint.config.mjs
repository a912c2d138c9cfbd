// Type-checked lint: the rules the style guide leans on (STYLE.md §12) and the layer rule (§10).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureLayers = ['events/**/*.ts', 'libs/domain/**/*.ts', 'projections/view.ts', 'projections/views/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // End-to-end tests read HTTP responses: untyped JSON that the assertions themselves check.
    files: ['**/*.e2e.spec.ts', 'apps/api/test/**/*.ts'],
    rules: Object.fromEntries(['no-explicit-any', 'no-unsafe-member-access', 'no-unsafe-assignment', 'no-unsafe-argument', 'no-unsafe-call', 'no-unsafe-return'].map((r) => [`@typescript-eslint/${r}`, 'off'])),
  },
  {
    // The domain and the event catalogue stay pure: no framework, no ORM, no IO.
    files: pureLayers,
    ignores: ['**/*.spec.ts'], // tests may read files (the README check) and use the clock
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@nestjs/*', 'typeorm', 'typeorm/*'], message: 'events/ and libs/domain stay free of Nest and TypeORM (STYLE.md §10).' },
          { group: ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'net', 'node:net', 'http', 'node:http', 'child_process', 'node:child_process', 'better-sqlite3', '@eventstore/*', 'pg'], message: 'events/ and libs/domain do no IO.' },
        ],
        paths: ['crypto', 'node:crypto'].map((name) => ({
          name, importNames: ['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues'],
          message: 'The domain is deterministic: new ids and randomness come in as arguments.',
        })),
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The domain reads no environment: configuration comes in as arguments.' }],
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'The domain has no clock: take `now` as an argument.',
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'The domain has no clock: take `now` as an argument.' },
        { object: 'Math', property: 'random', message: 'The domain is deterministic: take randomness as an argument.' }],
    },
  },
);
