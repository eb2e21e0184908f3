// Which random numbers a cell draws. 'reference': NumPy's legacy RandomState and PyTorch's CPU
// generator, seeded and called in the authors' order, so every quantity the reference draws (planted
// weights and data, generators h_j, Gaussian sensing columns, Fourier matrices, vector re-init, count
// sketch signs, DataLoader row orders, IMP's initial weights) equals theirs. 'named': independent
// seedrandom streams stream(seed, role), where adding a role never shifts another.
export const STREAM_FAMILIES = ['reference', 'named'] as const;
export type StreamFamily = (typeof STREAM_FAMILIES)[number];

/** NumPy seeds are 32-bit, and the reference seeds with seed + 1, + 2 and + 3. */
export const MAX_REFERENCE_SEED = 0xffffffff - 3;
