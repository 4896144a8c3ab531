// Lint rules for the project: typescript-eslint's recommended set, plus the determinism rule
// that the model and the explorer never read wall-clock time or unseeded randomness.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nondeterminism = [
  { object: 'Math', property: 'random', message: 'Draw from the decision stream instead.' },
  { object: 'Date', property: 'now', message: 'The model runs on virtual time (jiffies).' },
  { object: 'performance', property: 'now', message: 'The model runs on virtual time (jiffies).' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'require-yield': 'off',
    },
  },
  {
    files: ['kernel-model/**/*.ts', 'harness/explore/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...nondeterminism],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'The model runs on virtual time.' }],
      // Kernel names keep the kernel's snake_case; the model's public surface has no `any`.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Code translated from C (the worlds, ported patch modules) keeps the C's shape: parameters
    // the C does not use, locals initialised before their first assignment, do { } while (0),
    // fallthrough. Style rules that would fight the C are off there; determinism rules stay.
    files: ['kernel-model/v3.*/**/*.ts', 'patches/*/patched.ts'],
    ignores: ['kernel-model/v3.*/model/**'],
    rules: {
      'no-useless-assignment': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
      'no-constant-condition': 'off',
      'prefer-const': 'off',
      'no-empty': 'off',
      'no-constant-binary-expression': 'off',
      'no-fallthrough': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/ban-ts-comment': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
    },
  },
);
