// Per-cell aggregation over seeds: the golden files' and the heatmaps' common input.
import type { MetricName } from '../config/names.js';
import { cellIdentity, type CellRecord } from '../run/record.js';

export interface AggregatedCell {
  key: string;
  method: CellRecord['config']['method'];
  /** IMP: the protocol its runs followed ('reference': the authors'; 'fair': a budget under which IMP learns, final mask retrained); null for IHT */
  protocol: 'reference' | 'fair' | null;
  m: number;
  s: number;
  extra: number | string | boolean | null;
  seeds: number;
  /** runs with a finite metric (the rest were skipped, diverged, or fit exactly with no PSNR) */
  finite: number;
  /** runs that diverged (failures of the method; they have no metric) */
  diverged: number;
  mean: number | null;
  /** sample standard deviation over the finite runs; null unless at least two */
  std: number | null;
  /** regression figures: mean PSNR of predicting 0, and of the best constant, on the same data (null otherwise) */
  zeroPsnr: number | null;
  constantPsnr: number | null;
  nnz: number | null;
  convergenceStep: number | null;
  /** IHT: runs whose support and gates settled within the budget (the others report no convergence step); null for IMP */
  converged: number | null;
  /** per run: hash of its config and data (not the code version), sorted */
  configHashes: string[];
  backend: string | null;
  skipReasons: string[];
  dataSource: string | null;
}

export type { MetricName } from '../config/names.js';

const meanOf = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);

/** Sample standard deviation (n − 1); null below two values (one value has no spread to report). */
export function sampleStd(v: number[]): number | null {
  if (v.length < 2) return null;
  const mu = meanOf(v)!;
  return Math.sqrt(v.reduce((a, x) => a + (x - mu) ** 2, 0) / (v.length - 1));
}

/** A method as cells are told apart: IMP under the fair protocol is a method of its own ('imp-fair'). */
export const methodLabel = (c: Pick<CellRecord['config'], 'method' | 'impProtocol'>): string =>
  c.method === 'imp' && c.impProtocol === 'fair' ? 'imp-fair' : c.method;

function cellKey(method: string, m: number, s: number, extra: unknown): string {
  return `${method}|m=${m}|s=${s}${extra === null || extra === undefined ? '' : `|${String(extra)}`}`;
}

export function aggregate(records: readonly CellRecord[], metric: MetricName, extraField?: string): AggregatedCell[] {
  const groups = new Map<string, CellRecord[]>();
  for (const r of records) {
    const extra = extraField ? (r.config as unknown as Record<string, unknown>)[extraField] : null;
    const key = cellKey(methodLabel(r.config), r.config.m, r.config.s, extra);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.entries()].map(([key, rs]) => {
    const ok = rs.filter((r) => !r.skipped && !r.diverged);
    const values = ok.map((r) => r[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const conv = ok.map((r) => r.convergenceStep).filter((v): v is number => v !== null);
    const first = rs[0]!;
    return {
      key,
      method: first.config.method,
      protocol: first.config.method === 'imp' ? first.config.impProtocol : null,
      m: first.config.m,
      s: first.config.s,
      extra: extraField ? ((first.config as unknown as Record<string, number | string | boolean>)[extraField] ?? null) : null,
      seeds: rs.length,
      finite: values.length,
      diverged: rs.filter((r) => r.diverged).length,
      mean: meanOf(values),
      std: sampleStd(values),
      zeroPsnr: metric === 'psnr' ? meanOf(ok.map((r) => r.psnrZero).filter((v): v is number => v !== null)) : null,
      constantPsnr: metric === 'psnr' ? meanOf(ok.map((r) => r.psnrConstant).filter((v): v is number => v !== null)) : null,
      nnz: meanOf(ok.map((r) => r.nnz)),
      convergenceStep: meanOf(conv),
      converged: first.config.method === 'imp' ? null : conv.length,
      configHashes: rs.map(cellIdentity).sort(),
      backend: first.backend,
      skipReasons: [...new Set(rs.filter((r) => r.skipped).map((r) => r.skipReason ?? ''))].sort(),
      dataSource: first.dataSource,
    };
  });
}

/** The random-number family of a sweep's runs, for a golden header ('mixed' when they differ). */
export function streamsFamily(records: readonly CellRecord[]): 'reference' | 'named' | 'mixed' {
  const families = new Set(records.map((r) => r.config.streams));
  return families.size === 1 ? [...families][0]! : 'mixed';
}
