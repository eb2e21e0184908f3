// Claims and the error crossing between threads, in process: a cell another live run holds is waited for
// and taken from the store when it lands; a dead run's claim is taken over; an error keeps its kind.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { deserializeError, InputError, serializeError } from '../src/config/input-error.js';
import { admitCell } from '../src/tasks/admit.js';
import { runCell } from '../src/run/run-cell.js';
import { processStart, thisHolder } from '../src/run/liveness.js';
import { HOST_TAG, ResultStore } from '../src/run/store.js';
import { expand, runSweep, type SweepSpec } from '../src/run/sweep.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'srl-claims-'));
const spec: SweepSpec = { name: 'claims', base: { task: 'planted', d: 5, n: 100, epochs: 2 }, methods: ['iht'], m: [1, 2], s: [2], seeds: [0] };
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('claims', () => {
  test('a claim is exclusive while its owner lives, and released by put', () => {
    const dir = tmp();
    const [a, b] = [new ResultStore(dir), new ResultStore(dir)];
    const cfg = expand(spec)[0]!;
    expect(a.claim(cfg)).toBe(true);
    // the same process: its claim is not stale for another store object of it
    expect(b.claim(cfg)).toBe(false);
    expect(b.claimOwner(cfg)).toMatch(new RegExp(`^pid ${process.pid} \\(since \\d{4}-`));
    a.put(runCell(cfg));
    expect(b.claimOwner(cfg)).toBeNull();
    expect(b.get(cfg)).not.toBeNull();
  });

  test("a dead run's claim is taken over; another host's is respected until a day old", () => {
    const dir = tmp();
    const store = new ResultStore(dir);
    const [c0, c1] = expand(spec);
    writeFileSync(join(dir, `${ResultStore.key(c0!)}.claim`), JSON.stringify({ host: HOST_TAG, pid: deadPid() }));
    expect(store.claim(c0!)).toBe(true);
    writeFileSync(join(dir, `${ResultStore.key(c1!)}.claim`), JSON.stringify({ host: 'elsewhere', pid: 1 }));
    expect(store.claim(c1!)).toBe(false);
    expect(store.claimOwner(c1!)).toBe('pid 1 on host elsewhere');
    store.releaseAll();
  });

  test('a claim is judged by more than its pid: our own pid under another run id, a reused pid (another start time), a rebooted host, and an unverifiable one older than a day are taken over', () => {
    const dir = tmp();
    const store = new ResultStore(dir);
    const cells = expand({ ...spec, m: [1, 2, 3, 4, 5], s: [2] });
    const write = (i: number, holder: object, ageMs = 0) => {
      const file = join(dir, `${ResultStore.key(cells[i]!)}.claim`);
      writeFileSync(file, JSON.stringify({ host: HOST_TAG, since: 'x', ...holder }));
      const t = (Date.now() - ageMs) / 1000;
      utimesSync(file, t, t);
    };
    const me = thisHolder();
    // a container's rerun: the dead run's pid is ours now
    write(0, { pid: process.pid, start: me.start, boot: me.boot, run: 'an-earlier-run' });
    // pid reuse: the pid is alive, but it is another process than the one that claimed
    write(1, { pid: process.ppid, start: '1', boot: me.boot, run: 'x' });
    // another boot of this host
    write(2, { pid: process.ppid, start: processStart(process.ppid), boot: 'another-boot', run: 'x' });
    // no start time to verify: ages out after a day
    write(3, { pid: process.ppid }, 2 * 24 * 3600 * 1000);
    // alive and verified, however old
    write(4, { pid: process.ppid, start: processStart(process.ppid), boot: me.boot, run: 'x' }, 3 * 24 * 3600 * 1000);
    expect(cells.map((c) => store.claim(c))).toEqual([true, true, true, true, false]);
    expect(store.claimOwner(cells[4]!)).toBe(`pid ${process.ppid} (since x)`);
    store.releaseAll();
  });

  test("a starting store removes what dead runs left — a claim beside a written record — and keeps a live run's", () => {
    const dir = tmp();
    const [c0, c1] = expand(spec);
    new ResultStore(dir).put(runCell(c0!));
    const dead = join(dir, `${ResultStore.key(c0!)}.claim`);
    const live = join(dir, `${ResultStore.key(c1!)}.claim`);
    writeFileSync(dead, JSON.stringify({ host: HOST_TAG, pid: deadPid() }));
    writeFileSync(live, JSON.stringify({ host: HOST_TAG, pid: process.ppid }));
    new ResultStore(dir);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  test('a sweep waits for a cell another run holds, names the holder, and takes its record when it lands', async () => {
    const dir = tmp();
    const other = new ResultStore(dir);
    const held = expand(spec)[1]!;
    expect(other.claim(held)).toBe(true);
    const waits: number[] = [];
    const holders: string[] = [];
    const events: unknown[] = [];
    const mine = runSweep(spec, new ResultStore(dir), {
      workers: 1,
      pollMs: 20,
      progress: (p) => {
        events.push(p);
        if (p.waitingFor) {
          waits.push(p.waitingFor);
          holders.push(...(p.holders ?? []));
        }
      },
    });
    await new Promise((r) => setTimeout(r, 300));
    other.put(runCell(held));
    const res = await mine;
    expect(waits.length).toBeGreaterThan(0);
    // the wait names who holds the cell
    expect(holders[0]).toMatch(new RegExp(`^pid ${process.pid} \\(since `));
    expect(res.computed).toBe(1);
    expect(res.records).toHaveLength(2);
    // the last event says how many cells this run computed, though the other run finished the last one
    // (it used to end on a waiting event, so a progress line could miss this run's count)
    expect(events.at(-1)).toEqual({ done: 2, total: 2, computed: 1, final: true });
  });
});

describe('errors across threads', () => {
  test("an input error stays one (same message); a bug keeps the other side's stack", () => {
    const back = deserializeError(serializeError(new InputError('--m', '--m must be ≥ 1, got 0')), 'worker');
    expect(back).toBeInstanceOf(InputError);
    expect(back.message).toBe('--m must be ≥ 1, got 0');
    const bug = deserializeError(serializeError(new TypeError('boom')), 'worker thread');
    expect(bug).not.toBeInstanceOf(InputError);
    expect(bug.stack).toMatch(/worker thread: TypeError: boom\n--- stack in the worker thread ---\nTypeError: boom\n\s+at /);
    expect(deserializeError(serializeError('plain'), 'w').message).toBe('w: Error: plain');
  });
});

describe('undefined combinations are refused before a cell starts', () => {
  const cell = (over: Partial<CellConfig>): CellConfig => ({ ...defaults(CELL_FIELDS), ...over });
  test.each([
    [{ task: 'gaussian', method: 'imp' }, /--method imp is not defined for --task gaussian/],
    [{ task: 'mnist', method: 'iht-theory' }, /needs a planted ground truth/],
    [{ task: 'planted', method: 'iht-theory', layers: 2 }, /one hidden layer with scalar output/],
    [{ task: 'planted', weights: 'binary', outDim: 2 }, /--weights binary \(Assumption 1\)/],
    [{ task: 'planted', weights: 'sign', sPrime: 200, d: 100 }, /--s-prime 200 exceeds --d 100/],
    [{ task: 'planted', weights: 'binary', m: 20, d: 4, sPrime: 4 }, /--m 20 distinct units with s′ = 4 nonzeros in --d 4 do not exist \(1 patterns\)/],
    [{ task: 'planted', kernel: 'dense', n: 50000, d: 100, m: 10 }, /--kernel dense refuses n·m·d = 50000·10·100/],
    [{ task: 'binary-mnist', kernel: 'dense', m: 10 }, /--kernel dense refuses/],
  ] as Array<[Partial<CellConfig>, RegExp]>)('%j', (over, message) => {
    expect(() => admitCell(cell(over))).toThrow(message);
  });
  test('their valid neighbours pass', () => {
    for (const over of [
      { task: 'gaussian', method: 'iht-theory' },
      { task: 'planted', weights: 'sign', m: 4, d: 10 },
      { task: 'planted', kernel: 'dense', n: 200, d: 5, m: 2 },
      { task: 'mnist', method: 'imp', m: 10 },
    ] as Array<Partial<CellConfig>>)
      expect(() => admitCell(cell(over))).not.toThrow();
  });
});
