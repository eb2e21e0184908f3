// The theorem's fixed sensing matrix for a planted one-hidden-layer instance (SPEC §2.4): its
// dictionary holds the m planted patterns (h_j = planted unit j, so y = A w* with w* in blocks
// 0..m−1) followed by `extraGenerators` random ones (streams generator:m, generator:m+1, …).
import { RandomGenerators, StackedGenerators, VectorGenerators } from './generators.js';
import { LiftedOperator, type KernelName } from './operator.js';
import { fillNormal } from '../random/sampling.js';
import { Role, stream } from '../random/streams.js';
import { liftedPlantedWeights, type PlantedInstance } from '../network/plant.js';
import { SparseVector } from '../sparse/sparse-vector.js';

export interface DictionaryOptions {
  m: number;
  d: number;
  extraGenerators: number;
  seed: number;
  kernel: KernelName;
}

export interface PlantedDictionary {
  A: LiftedOperator;
  /** planted weights in lifted coordinates of A (length (m + extra)·d) */
  wStar: SparseVector;
  blocks: number;
  /** dense generator of every block (for closed-form predictions) */
  generators: Float64Array[];
}

export function plantedDictionary(inst: PlantedInstance, o: DictionaryOptions): PlantedDictionary {
  if (inst.net.layers.length !== 1 || inst.net.output !== 'sum')
    throw new RangeError('the fixed dictionary is defined for one hidden layer with scalar output');
  const lifted = liftedPlantedWeights(inst.net);
  const blocks = o.m + o.extraGenerators;
  const md = o.m * o.d;
  const planted = SparseVector.fromEntries(md, Math.max(1, lifted.indices.length), lifted.indices, lifted.values);
  const A = new LiftedOperator(inst.x, blocks, o.seed, { kernel: o.kernel });
  const plantedGens = new VectorGenerators(planted, o.d, o.m);
  A.setGenerators(o.extraGenerators > 0 ? new StackedGenerators(plantedGens, new RandomGenerators(o.seed, o.d, o.extraGenerators, o.m)) : plantedGens);
  const wStar = SparseVector.fromEntries(blocks * o.d, Math.max(1, lifted.indices.length), lifted.indices, lifted.values);
  const generators = Array.from({ length: blocks }, (_, j) => {
    if (j < o.m) return planted.denseBlock(j * o.d, new Float64Array(o.d));
    const h = new Float64Array(o.d);
    fillNormal(stream(o.seed, Role.generator(j)), h);
    return h;
  });
  return { A, wStar, blocks, generators };
}
