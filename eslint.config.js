// ESLint: the recommended rules of ESLint and typescript-eslint (syntax only, no type information,
// so `npm run lint` stays quick on two cores). Formatting is Prettier's job, not the lint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'reports/', 'fixtures/', '.cache/', 'docs/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      // The sanitizers (error lines, corpus parameter excerpts) match control characters on purpose.
      'no-control-regex': 'off',
      // Claim<any, any> is deliberate: a registry holds claims of every parameter and measurement
      // shape, and the runner only passes them through. Typing each of the ~110 sites would need a
      // variance-safe existential type the language does not have.
      '@typescript-eslint/no-explicit-any': 'off',
      // `_name` marks a parameter or binding kept for its position (a callback's signature, a tuple).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
