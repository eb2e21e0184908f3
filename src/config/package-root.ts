// Where this package's own files are (golden files, schemas, the parity table, the stand-in image), whether it
// runs from the repository (src/ under tsx) or installed (dist/ compiled): both sit one folder below the root.
// Defaults never depend on the folder a command is started from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A path inside the package. */
export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);

/** The package's name and version, from its package.json. */
export const PACKAGE = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { name: string; version: string };
