// Heatmaps like the paper's: rows m (first listed on top), columns s (or the extra axis), one panel per
// method side by side, the paper's colour limits; vega-lite → SVG (vega, offline) → PNG (resvg).
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import type { AggregatedCell } from '../golden/aggregate.js';
import type { FigureDef } from '../experiments/figures.js';
import { EXACT_DB } from '../claims/evidence.js';

const fmt = (v: number, metric: string) => (metric === 'accuracy' ? v.toFixed(3) : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));

/** A PSNR within this many dB of predicting 0 learned nothing worth the name: such cells are marked †. */
export const NEAR_ZERO_DB = 0.5;

/** The marks of a cell's label: † near the zero predictor (mean), * partial (some runs without a finite value). */
export function cellMarks(c: AggregatedCell): string {
  const nearZero = c.mean !== null && c.zeroPsnr !== null && Math.abs(c.mean - c.zeroPsnr) <= NEAR_ZERO_DB;
  const partial = c.finite > 0 && c.finite < c.seeds;
  return `${nearZero ? '†' : ''}${partial ? '*' : ''}${c.diverged > 0 && c.finite > 0 ? '‡' : ''}`;
}

/** exact recovery (PSNR ≥ EXACT_DB) is drawn in this colour */
export const EXACT_COLOUR = '#b2182b';

export function heatmapSpec(cells: readonly AggregatedCell[], fig: FigureDef, field: 'mean' | 'std'): TopLevelSpec {
  const values = cells.map((c) => {
    const v = c[field];
    const empty = c.diverged > 0 ? 'div.' : c.skipReasons.length ? 'skip' : field === 'std' && c.finite === 1 ? '—' : '∞';
    return {
      method: c.protocol === 'fair' ? 'IMP (FAIR)' : c.method.toUpperCase(),
      exact: fig.metric === 'psnr' && v !== null && field === 'mean' && v >= EXACT_DB,
      m: c.m,
      col: fig.columns === 's' ? c.s : c.extra,
      value: v,
      label: v === null ? (c.finite === 1 && field === 'std' ? '—' : empty) : `${fmt(v, fig.metric)}${field === 'mean' ? cellMarks(c) : ''}`,
    };
  });
  const marks = field === 'mean' ? cells.map(cellMarks).join('') : '';
  const legend = [
    marks.includes('†') ? `† within ${NEAR_ZERO_DB} dB of predicting 0` : '',
    marks.includes('*') ? '* partial: some seeds gave no finite value (mean over the rest)' : '',
    values.some((v) => v.exact) ? `red: exact recovery (≥ ${EXACT_DB} dB; the colour scale stops at ${fig.limits[1]})` : '',
    cells.some((c) => c.diverged > 0) ? 'div. / ‡: runs diverged (failures, not in the mean)' : '',
    field === 'std' && cells.some((c) => c.finite === 1) ? '— one finite run: no spread' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const stdMax = Math.max(1e-12, ...cells.map((c) => c.std ?? 0));
  const domain = field === 'mean' ? fig.limits : [0, stdMax];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${fig.title}${field === 'std' ? ' — std over seeds' : ''}`, fontSize: 13, ...(legend ? { subtitle: legend, subtitleFontSize: 10 } : {}) },
    data: { values },
    facet: { column: { field: 'method', type: 'nominal', title: null, header: { labelFontSize: 13 } } },
    spec: {
      width: { step: 44 },
      height: { step: 30 },
      encoding: {
        x: { field: 'col', type: 'ordinal', sort: 'ascending', title: fig.columns === 's' ? 's (nonzeros)' : 'k (generator-update period)' },
        y: { field: 'm', type: 'ordinal', sort: 'ascending', title: 'm (hidden units)' },
      },
      layer: [
        // cells without a value (skipped, diverged, infinite PSNR) are grey and keep their label
        { transform: [{ filter: 'datum.value === null' }], mark: { type: 'rect', color: '#c8c8c8' } },
        // exact recovery (≥ 150 dB) has a colour of its own: the clamped scale would draw it like 50 dB
        { transform: [{ filter: 'datum.exact' }], mark: { type: 'rect', color: EXACT_COLOUR } },
        {
          transform: [{ filter: '!datum.exact' }],
          mark: 'rect',
          encoding: {
            color: {
              field: 'value',
              type: 'quantitative',
              scale: { domain, scheme: 'viridis', clamp: true },
              title: field === 'mean' ? fig.metric : `std ${fig.metric}`,
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 9 },
          encoding: {
            text: { field: 'label' },
            color: {
              condition: { test: `!datum.exact && (datum.value === null || datum.value > ${domain[0]! + 0.6 * (domain[1]! - domain[0]!)})`, value: 'black' },
              value: 'white',
            },
          },
        },
      ],
    },
    resolve: { scale: { color: 'shared' } },
    config: { background: 'white', view: { stroke: null } },
  } as TopLevelSpec;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

export function svgToPng(svg: string, width = 1000): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: width }, background: 'white', font: { loadSystemFonts: true } }).render().asPng();
}
