// ESLint for the whole tree (`npm run lint`): JavaScript and typescript-eslint's recommended rules,
// React's hook rules for the renderer, and the layer boundaries as allow-lists of what each layer may
// import. test/unit/layering.test.ts proves each boundary catches a bad import.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { LAYERS } from './scripts/layers.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', 'renderer/public/**', 'native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A `let` assigned once later but read earlier in a closure (e.g. set once the server listens) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', '.ci/**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  { files: ['electron/**/*.ts', 'test/**/*.ts'], languageOptions: { globals: globals.node } },
  // Tests read JSON payloads (CLI output, HTTP bodies, config edits) loosely.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...LAYERS.map((layer) => ({
    files: layer.files,
    ignores: layer.except ?? [],
    rules: {
      'no-restricted-imports': ['error', { paths: layer.paths ?? [], patterns: layer.patterns }],
      ...(layer.globals ? { 'no-restricted-globals': ['error', ...layer.globals] } : {}),
      ...(layer.properties ? { 'no-restricted-properties': ['error', ...layer.properties] } : {}),
    },
  })),
);
