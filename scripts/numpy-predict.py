"""The numpy reference of make bench: OFA's accuracy predictor evaluated by numpy on the
weights and encodings that nasanalysis exported (ofa.Predictor.WriteNPZ), one batched
float32 pass per repeat, as a numpy user would run it.

    python3 scripts/numpy-predict.py FILE.npz REPEATS OUT.npy

Prints the median seconds of one pass over all encodings (in this process, after one
untimed pass) and writes the predictions to OUT.npy, so the caller can check that numpy
computed the same network. With REPEATS 0 it makes the one pass and prints nothing: the
caller times the whole process. Set OPENBLAS_NUM_THREADS=1 for one core."""
import sys
import time

import numpy as np

z = np.load(sys.argv[1])
repeats = int(sys.argv[2])
layers = int(z["layers"][0])
W = [z["W%d" % k].reshape(z["W%d_shape" % k]).T.copy() for k in range(layers)]  # in x out
b = [z["b%d" % k] for k in range(layers)]
base = np.float32(z["base"][0])
X = z["X"].reshape(z["X_shape"])


def forward(x):
    h = x
    for k in range(layers):
        h = h @ W[k] + b[k]
        if k < layers - 1:
            np.maximum(h, 0, out=h)
    return h.reshape(-1) + base


pred = forward(X)  # untimed: first-touch of the weights
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    pred = forward(X)
    times.append(time.perf_counter() - t0)
np.save(sys.argv[3], pred.astype(np.float64))
if times:
    print("%.6f" % float(np.median(times)))
