// WebAssembly text → module, with wabt (offline, SIMD enabled): the one place kernels are compiled.
import initWabt from 'wabt';

/** Compiles `text` (named `name` in wabt's messages); throws when it does not parse or validate. */
export async function compileWat(name: string, text: string): Promise<WebAssembly.Module> {
  const wabt = await initWabt();
  const parsed = wabt.parseWat(name, text, { simd: true });
  try {
    parsed.resolveNames();
    parsed.validate();
    return new WebAssembly.Module(Uint8Array.from(parsed.toBinary({}).buffer));
  } finally {
    parsed.destroy();
  }
}
