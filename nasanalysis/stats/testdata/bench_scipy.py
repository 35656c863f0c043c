"""Time SciPy and pandas on what BenchmarkCorrelationMatrix* time in Go.

Input: the NB201 latency matrix, 1,999 cells x 18 devices (rice_edgetpu misses 259).
Run with Debian's python3-scipy and python3-pandas (the system interpreter):

    /usr/bin/python3 bench_scipy.py [DATASETS_DIR]

DATASETS_DIR defaults to $NASANALYSIS_DATA, else ../../../../shared/datasets from here.

Timed, each as the Go benchmark of the same name:
  spearmanr_complete   scipy.stats.spearmanr(matrix) on the 1,740 complete cells
                       (BenchmarkCorrelationMatrixSpearmanNB201Complete; SciPy has no
                       pairwise deletion)
  pandas_spearman      DataFrame.corr(method="spearman"), pairwise deletion on all 1,999
                       cells (BenchmarkCorrelationMatrixSpearmanNB201)
  pandas_kendall       DataFrame.corr(method="kendall"), likewise
                       (BenchmarkCorrelationMatrixKendallNB201)

The machine may be shared and noisy: each computation runs in several rounds, and the
script prints the median and the minimum over rounds of the per-call wall time, plus the
median per-call CPU time of this process (less sensitive to other processes' load;
higher than wall time if NumPy's BLAS uses several threads).
"""
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd
import scipy
from scipy import stats


def rounds(f, n_rounds, calls):
    """Per-call wall and CPU seconds of f, one value per round."""
    f()  # warm up
    wall, cpu = [], []
    for _ in range(n_rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(calls):
            f()
        wall.append((time.perf_counter() - w0) / calls)
        cpu.append((time.process_time() - c0) / calls)
    return wall, cpu


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data = (sys.argv[1] if len(sys.argv) > 1 else
            os.environ.get("NASANALYSIS_DATA") or
            os.path.join(here, "..", "..", "..", "..", "shared", "datasets"))
    df = pd.read_csv(os.path.join(data, "nb201", "latency.csv"))
    lat = df.iloc[:, 2:]
    full = lat.to_numpy()
    complete = full[~np.isnan(full).any(axis=1)]
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, scipy {scipy.__version__}, "
          f"pandas {pd.__version__}; matrix {full.shape[0]}x{full.shape[1]}, "
          f"{complete.shape[0]} complete rows")

    # Sanity: the figures the Go tests check (README of the shared nb201 data).
    rho = lat.corr(method="spearman")
    print(f"check: SRCC(true_vpu, eagle_gtx) = {rho.loc['true_vpu', 'eagle_gtx']:.4f} (published 0.6905)")

    jobs = [
        ("spearmanr_complete", lambda: stats.spearmanr(complete), 15, 10),
        ("pandas_spearman", lambda: lat.corr(method="spearman"), 15, 10),
        ("pandas_kendall", lambda: lat.corr(method="kendall"), 7, 1),
    ]
    for name, f, n_rounds, calls in jobs:
        wall, cpu = rounds(f, n_rounds, calls)
        print(f"{name:20s} wall median {1e3 * statistics.median(wall):9.3f} ms  "
              f"min {1e3 * min(wall):9.3f} ms  cpu median {1e3 * statistics.median(cpu):9.3f} ms  "
              f"({n_rounds} rounds x {calls})")


if __name__ == "__main__":
    main()
