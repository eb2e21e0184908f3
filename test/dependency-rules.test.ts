// The import rule in eslint.config.js encodes the README's dependency direction: shown here to reject an
// upward import and to let a downward, a same-layer and a test's import through.
import { spawnSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint();
const importRule = async (filePath: string, code: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports');

describe('dependency direction (eslint no-restricted-imports per layer)', () => {
  test('rejects an upward import: the lifted operator reaching for the cell runner', async () => {
    const msgs = await importRule('src/lifted/upward.ts', "import { runCell } from '../run/cell.js';\nexport const f = runCell;\n");
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.message).toMatch(/src\/lifted is below .*run.* in the dependency direction/);
  });

  test('rejects src/ importing the CLI or tests', async () => {
    expect(await importRule('src/run/x.ts', "import '../../reproduce.js';\n")).toHaveLength(1);
    expect(await importRule('src/config/x.ts', "import { f } from '../tasks/planted.js';\nexport const g = f;\n")).toHaveLength(1);
  });

  test('run/ sees only tasks/ and config/: a lower layer reached past the tasks is rejected', async () => {
    const msgs = await importRule('src/run/x.ts', "import { LiftedOperator } from '../lifted/operator.js';\nexport const f = LiftedOperator;\n");
    expect(msgs.map((m) => m.message)).toEqual([expect.stringMatching(/src\/run imports only config and tasks/)]);
    expect(
      await importRule(
        'src/run/x.ts',
        "import { runTask } from '../tasks/registry.js';\nimport { CELL_FIELDS } from '../config/cell.js';\nexport const f = [runTask, CELL_FIELDS];\n",
      ),
    ).toEqual([]);
  });

  test("lets a downward, a same-layer and a test file's import through", async () => {
    expect(await importRule('src/run/x.ts', "import { runPlanted } from '../tasks/planted.js';\nexport const f = runPlanted;\n")).toEqual([]);
    expect(await importRule('src/iht/x.ts', "import { runImp } from '../imp/imp.js';\nexport const f = runImp;\n")).toEqual([]);
    expect(await importRule('src/lifted/x.test.ts', "import { runCell } from '../run/cell.js';\nexport const f = runCell;\n")).toEqual([]);
  });

  test('the repository passes it (and the rest of the lint) as committed', async () => {
    const results = await eslint.lintFiles(['src', 'test', 'properties', 'bench', 'reproduce.ts']);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  }, 120_000);

  test('no dead exports, files or dependencies (knip, knip.json)', () => {
    const r = spawnSync('npx', ['knip', '--no-progress'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  test('formatted as Prettier formats it (.prettierrc.json; data and generated files aside, .prettierignore)', () => {
    const r = spawnSync('npx', ['prettier', '--check', '.'], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 120_000);
});
