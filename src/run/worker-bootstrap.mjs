// Worker threads do not inherit tsx's --import hook: register tsx's ESM loader here, then load the
// TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
