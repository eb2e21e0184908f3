// The terms of the cost model: amounts of work a cell does, in units a method can count before it runs
// (rows × columns touched, steps), one list for every method. The model (./model.ts) prices each term with
// a coefficient fitted to timed runs (bench/cost-fit.ts writes ./coefficients.ts).
export const COST_TERMS = {
  'iht.sweep': 'IHT: steps × rows per step × d × m (× 2 with vector output): the full gradient sweep and the gates',
  'iht.support': 'IHT: steps × rows per step × min(s, d·m): products on the support (refinement)',
  'iht.support-blocks': 'IHT: steps × rows per step × min(s, m): each block the support touches walks its active rows in every product',
  'iht.cell': 'IHT: one per cell (data, set-up)',
  'imp.dense': 'IMP: Σ over dense training runs of epochs × n × weights',
  'imp.sparse': 'IMP: Σ over sparse training runs of epochs × n × surviving weights',
  'imp.sparse-units': 'IMP: Σ over sparse training runs of epochs × n × units (activations, loss, ReLU masks)',
  'imp.steps': 'IMP: Adam steps over all training runs (per-step overhead)',
  'imp.eval': 'IMP: evaluations × n × weights (every round scores the pruned network)',
  'imp.cell': 'IMP: one per cell (data, set-up)',
} as const;

export type CostTerm = keyof typeof COST_TERMS;
export type CostTerms = Partial<Record<CostTerm, number>>;
