// Tests that need a service (Debian's redis-server) run against the real thing wherever it is installed.
// Where it is not, they are skipped with a reason that `npm test` prints in its summary (counted as skipped,
// never as passed) — or, under REQUIRE_SERVICES=1, which .ci/run sets after installing the services, they fail.
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { describe, test } from 'vitest';

export interface Service {
  name: string;
  available: boolean;
  /** why it is missing, and how to get it */
  why: string;
  /** a capability of the machine (root, namespaces) that .ci/run cannot install: skipped without it even under REQUIRE_SERVICES=1 */
  capability?: boolean;
}

/** A service is available when `command --version` runs. */
function commandService(command: string, install: string): Service {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  const available = r.status === 0;
  return { name: command, available, why: available ? '' : `${command} not found on PATH (${install})` };
}

export const REDIS = commandService('redis-server', "install Debian's redis-server, or run .ci/run, which does");

/** Debian's chromium (driven headless by playwright-core with its executable path; nothing downloads a browser). */
export const CHROMIUM = commandService('chromium', "install Debian's chromium, or run .ci/run, which does");

/** Fresh PID namespaces as a container has them (unshare -pf --mount-proc): root only. */
export const PID_NAMESPACES: Service = (() => {
  const ok = spawnSync('unshare', ['-pf', '--mount-proc', 'true']).status === 0;
  return { name: 'unshare -pf --mount-proc', available: ok, why: ok ? '' : 'cannot make a PID namespace here (needs root and unshare)', capability: true };
})();

/** `describe` when the service is there; otherwise skipped with its reason logged for the summary, or failing under REQUIRE_SERVICES=1. */
export function describeWithService(service: Service, file: string, title: string, body: () => void): void {
  if (service.available) {
    describe(title, body);
    return;
  }
  if (process.env.REQUIRE_SERVICES === '1' && !service.capability) {
    describe(title, () => {
      test(`needs ${service.name}`, () => {
        throw new Error(`REQUIRE_SERVICES=1 and ${service.why}`);
      });
    });
    return;
  }
  // scripts/run-tests.mjs reads this log for the summary's skip lines
  if (process.env.SRL_SKIP_LOG) appendFileSync(process.env.SRL_SKIP_LOG, JSON.stringify({ file, title, why: service.why }) + '\n');
  // deliberate: the service is missing on this machine; the reason is in the title and in the summary
  describe.skip(`${title} [skipped: ${service.why}]`, body);
}
