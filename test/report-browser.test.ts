// report.html in a real browser: Debian's chromium, headless, driven by playwright-core through its executable
// path (no browser is downloaded). The page of a smoke run must render every figure's panels and the claims
// table with no console error, and a click on a cell must show its runs and the command that recomputes them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { claimsOf } from '../src/claims/profile-claims.js';
import { FIGURES } from '../src/experiments/figures.js';
import { reportHtml } from '../src/report/report-html.js';
import { expand } from '../src/run/sweep.js';
import { syntheticRecords } from './support/synthetic-records.js';
import { CHROMIUM, describeWithService } from './support/services.js';

describeWithService(CHROMIUM, 'test/report-browser.test.ts', 'report.html in headless Chromium', () => {
  test('every figure and the claims table render without a console error; a click on a cell shows its runs; a screenshot is written', async () => {
    const byFigure = new Map(FIGURES.map((f) => [f.id, syntheticRecords(expand(f.sweep('smoke')))]));
    const claims = claimsOf('smoke', byFigure);
    const html = reportHtml({
      profile: 'smoke',
      figures: FIGURES.map((fig) => ({ fig, records: byFigure.get(fig.id)!, extraField: fig.sweep('smoke').extra?.field })),
      verdicts: claims.verdicts,
      parity: [{ id: 'planted-m5-s5-seed0', reference: 165.334, ours: null }],
    });
    const dir = mkdtempSync(join(tmpdir(), 'srl-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      const requests: string[] = [];
      page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
      await page.goto(pathToFileURL(file).href);
      for (const fig of FIGURES) expect(await page.locator(`section#${fig.id} table.heat`).count(), fig.id).toBeGreaterThan(0);
      expect(await page.locator('#claims tr').count()).toBe(claims.verdicts.length + 1);
      // Table 1 as PSNR-against-step curves, one per k
      const ks = expand(FIGURES.find((f) => f.id === 'table1-scp-ablation')!.sweep('smoke')).map((c) => c.scpEvery);
      expect(await page.locator('section#table1-scp-ablation polyline.curve').count()).toBe(new Set(ks).size);
      const cell = page.locator('section#fig1-planted-1layer table[data-panel="iht"] td.drill').first();
      await cell.click();
      const box = page.locator('#drilldown');
      expect(await box.isVisible()).toBe(true);
      expect(await box.locator('tr').count()).toBeGreaterThan(1);
      expect(await box.textContent()).toContain('npx sparse-recovery-lab cell --task planted --method iht');
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]); // self-contained: nothing fetched
    } finally {
      await browser.close();
    }
  }, 60_000);
});
