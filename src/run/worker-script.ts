// The module a worker thread starts: compiled JavaScript where this code runs compiled (the installed package),
// else the TypeScript worker through tsx's loader (a clone run with tsx; worker threads do not inherit it).
export const WORKER_SCRIPT = import.meta.url.endsWith('.ts') ? new URL('./worker-bootstrap.mjs', import.meta.url) : new URL('./worker.js', import.meta.url);
