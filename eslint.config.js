// ESLint: typescript-eslint's recommended rules, and the dependency direction of the layers (README,
// Layout) as import rules: a folder of src/ may import its own files and the folders below it, never one
// above. test/dependency-rules.test.ts shows that an upward import is rejected.
import tseslint from 'typescript-eslint';

/** Each layer of src/, bottom first; a folder may import its own layer and the layers listed before it. */
export const LAYERS = [
  ['config', 'random', 'linalg', 'text', 'cost'],
  ['sparse', 'network'],
  ['lifted', 'metrics'],
  ['iht', 'imp', 'data', 'conditions'],
  ['tasks', 'contracts'],
  ['run'],
  ['golden', 'experiments', 'claims'],
  ['report', 'check'],
  ['cli'],
];

/** Folders that see less than everything below them: run/ sees tasks only (tasks own data, methods, kernels). */
const ONLY = { run: ['config', 'tasks'] };

function layerRules() {
  return LAYERS.flatMap((layer, rank) => {
    const forbidden = LAYERS.slice(rank + 1).flat();
    return layer.map((folder) => {
      return {
        files: [`src/${folder}/**/*.ts`],
        // tests sit beside their module and may reach anything
        ignores: ['src/**/*.test.ts'],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                {
                  regex: `^\\.\\./(\\.\\./)*(${forbidden.join('|')})(/|$)`,
                  message: `src/${folder} is below ${forbidden.join(', ')} in the dependency direction (README, Layout): move the shared piece down, or pass the value up.`,
                },
                ...(ONLY[folder]
                  ? [
                      {
                        regex: `^\\.\\./(?!(${ONLY[folder].join('|')})/)[a-z-]+/`,
                        message: `src/${folder} imports only ${ONLY[folder].join(' and ')} (and its own files): ask a task for what it needs.`,
                      },
                    ]
                  : []),
                {
                  regex: '^\\.\\./\\.\\./(reproduce|test|properties|bench)',
                  message: 'src/ never imports the CLI, tests, properties or benchmarks.',
                },
              ],
            },
          ],
        },
      };
    });
  });
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'out/**', 'dist/**', 'counterexamples/**', 'src/lifted/wasm/*.wat'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a deliberately unused binding (destructuring out a field)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // fixtures are JSON of many shapes, read as they come
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...layerRules(),
);
