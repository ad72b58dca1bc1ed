// The linter CI runs (npm run lint): JavaScript's and typescript-eslint's recommended rules on the code.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['build/', '.docusaurus/', 'node_modules/', 'test-results/', 'test/compose-corpus/', 'test/fail2ban/', '**/__fixtures__/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {...globals.node, ...globals.browser}},
    rules: {
      // Unused names are errors, except those written to be ignored (`_context`).
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
    },
  },
  {
    // The browser boundary, file by file (test/unit/browser-boundary.test.ts follows every import the browser code reaches).
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {patterns: [{regex: '^(node:|(fs|path|child_process|os|crypto|url|module|worker_threads)(/|$))', message: 'Browser code: no Node modules.'}]},
      ],
    },
  },
  {
    // The matcher ports fail2ban's own regular expressions, whose separators are control characters (\x00, \x1c, \x1e).
    files: ['plugins/fail2ban-matcher/**'],
    rules: {'no-control-regex': 'off'},
  },
);
