"""Reference correlation matrices for the stats and command-line tests.

Computed with SciPy (an implementation independent of this project) from the shared
datasets. Run with Debian's python3-scipy and python3-pandas:

    /usr/bin/python3 make_reference.py ../../../../shared/datasets

Spearman: scipy.stats.spearmanr on the pairs where both devices have a value
(pairwise deletion). Kendall: scipy.stats.kendalltau (tau-b) likewise.
"""
import sys
import pandas as pd
from scipy import stats

data = sys.argv[1]
jobs = [
    ("nb201", f"{data}/nb201/latency.csv", ["spearman", "kendall"]),
    ("ofa-mbv3-gpu", f"{data}/ofa/gpu_latency.csv", ["spearman"]),
]
for name, path, methods in jobs:
    df = pd.read_csv(path)
    devices = list(df.columns[2:])
    for m in methods:
        rows = []
        for a in devices:
            row = [a]
            for b in devices:
                if a == b:
                    row.append(repr(1.0))
                    continue
                sub = df[[a, b]].dropna()
                if m == "spearman":
                    r = stats.spearmanr(sub[a], sub[b]).correlation
                else:
                    r = stats.kendalltau(sub[a], sub[b]).correlation
                row.append(repr(float(r)))
            rows.append(row)
        with open(f"{name}_{m}_scipy.csv", "w") as f:
            f.write(",".join(["device"] + devices) + "\n")
            for row in rows:
                f.write(",".join(row) + "\n")
