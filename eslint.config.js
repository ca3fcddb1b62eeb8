// ESLint flat config: typescript-eslint recommended rules, plus the layering rule from DESIGN.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const actionsOnly = {
  patterns: [{ group: ['@actions/*'], message: 'Only main, inputs, logger, report emitters and github/ import @actions/* (DESIGN.md).' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'src/parser/node-types.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**', 'src/analysis/**', 'src/rules/**', 'src/parser/**', 'src/scan.ts'],
    rules: { 'no-restricted-imports': ['error', actionsOnly] },
  },
  {
    files: ['src/rules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...actionsOnly.patterns,
            { group: ['**/parser/python.js', 'web-tree-sitter', '**/wts.cjs'], allowImportNames: ['SyntaxNode'], message: 'Rules ask the context; they never use the parser directly.' },
          ],
        },
      ],
    },
  },
  { files: ['**/*.cjs', '**/*.d.cts'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
