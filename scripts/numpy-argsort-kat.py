#!/usr/bin/python3
"""Known answers for src/sparse/numpy-argsort.ts: NumPy's default argsort of float64 arrays full of
exact ties (the case where its unstable order decides which of two equal magnitudes the reference keeps).
Run with Debian's python3-numpy 1.24.2 (the version the reference fixtures were made with):
    /usr/bin/python3 scripts/numpy-argsort-kat.py > test/fixtures/numpy-argsort-kat.json
"""
import json
import numpy as np

assert np.__version__ == '1.24.2', np.__version__
rng = np.random.RandomState(20261201)
cases = []
for n in [2, 3, 5, 16, 17, 18, 19, 24, 33, 40, 64, 100, 257, 1000]:
    for levels in [1, 2, 3, 7, n]:
        v = rng.randint(0, levels, size=n).astype(np.float64) * 0.25
        cases.append({'values': [float(x) for x in v], 'argsort': [int(i) for i in np.argsort(v)]})
print(json.dumps({'numpy': np.__version__, 'call': 'np.argsort(values) (float64, default kind)', 'cases': cases}))
