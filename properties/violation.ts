/** An error that carries measured constants into a property's counterexample record. */
export class PropertyViolation extends Error {
  constructor(
    message: string,
    readonly measured: Record<string, unknown>,
  ) {
    super(message);
  }
}
