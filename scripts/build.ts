// `npm run build` (and `prepack`, so `npm pack` and `npm publish` always ship fresh code): compiles src/ to
// dist/ with tsc (JavaScript, .d.ts and source maps), writes the code version of the sources it compiled, and
// makes the bin executable. Users of the package need neither TypeScript nor tsx.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { BUILT_VERSION_FILE, sourceVersion } from '../src/run/version.js';

rmSync('dist', { recursive: true, force: true });
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const codeVersion = sourceVersion('src');
writeFileSync(`dist/${BUILT_VERSION_FILE}`, JSON.stringify({ codeVersion }) + '\n');
chmodSync('dist/cli/bin.js', 0o755);
console.error(`dist/ built from the sources of code version ${codeVersion}`);
