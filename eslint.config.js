// Lint rules: typescript-eslint's type-aware recommended set; formatting is prettier's job.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', 'build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_`-prefixed names mark values destructured away on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // One way to the runner or terminal: src/log.ts and src/result/render.ts speak to the host, and
    // only the host adapters write to stdout. A new call site cannot bypass the neutralising in log.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/host/**', 'src/log.ts', 'src/result/render.ts', 'src/step-state.ts', 'src/secrets.ts', 'src/main.ts', 'src/cli/main.ts'],
    rules: {
      // Type imports stay allowed: a job is handed its host (src/job.ts) without writing to it.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/host/*', '@actions/core', '@actions/core/*'],
              message: "log through src/log.ts; outputs and the summary come from the run's result (src/result/render.ts)",
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'stdout', message: 'log through src/log.ts' },
        { object: 'process', property: 'stderr', message: 'log through src/log.ts' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Test doubles implement async interfaces without awaiting, and tests read JSON they parse.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  { files: ['eslint.config.js', 'stryker.config.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
