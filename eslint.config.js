// Lint rules for every package: typescript-eslint's recommended, type-aware where it pays.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.generated.*', 'mutation/.stryker-tmp*/**', 'mutation/reports/**', '**/.vitepress/.temp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The CPU backend compiles IR-printed code; no other place may.
      'no-new-func': 'error',
      'no-eval': 'error',
    },
  },
  {
    files: ['packages/backend-cpu/src/kernel-cache.ts'],
    rules: { 'no-new-func': 'off' },
  },
);
