"""Reference values for the inference tests of package stats (inference_test.go,
resample_test.go), computed with SciPy and NumPy, an implementation independent of
this project. Run from this directory with Debian's python3-scipy and python3-numpy:

    /usr/bin/python3 reference.py > reference.json

It is never run by `make test`; the tests read the JSON it wrote.

- t-intervals: scipy.stats.t.interval(level, n-1, loc=mean, scale=sem); the paired
  ones also against scipy.stats.ttest_rel(...).confidence_interval (asserted equal).
- mean and sd: numpy mean and std(ddof=1).
- normal intervals: estimate -/+ scipy.stats.norm.ppf((1+level)/2) * se.
- Cochran's Q: Q = sum w (e - m)^2 with w = 1/se^2 and m the weighted mean (numpy),
  p = scipy.stats.chi2.sf(Q, k-1).
- mean difference of independent estimates: mean(a-b), sqrt(sum(seA^2+seB^2))/k.
- rank order: numpy.argsort(kind="stable").
- permutation test by exact enumeration: every one of the 5! arrangements of the pooled
  values among groups of sizes 2, 2, 1; the statistic is the spread (max - min) of the
  group means; p = (1 + #{null >= observed}) / (1 + 120); null95 =
  numpy.quantile(null, 0.95) (linear interpolation).
- paired bootstrap by exact enumeration: every one of the 5^5 = 3125 resamples of 5
  paired units, in itertools.product order; the statistics are scipy.stats.spearmanr
  of the resampled pairs (NaN for a constant resample, dropped) and the mean of the
  differences; the bounds are numpy.quantile of the defined replicates at (1-level)/2
  and (1+level)/2.
"""
import itertools
import json
import warnings

import numpy as np
from scipy import stats

warnings.simplefilter("ignore")  # spearmanr warns on constant input; those are dropped


def t_interval(x, level):
    x = np.asarray(x, dtype=float)
    lo, hi = stats.t.interval(level, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    return {"estimate": x.mean(), "lo": lo, "hi": hi, "level": level}


out = {}

# One sample: e.g. the hypervolume of six seeds' searches.
x = [12.1, 9.8, 11.4, 10.9, 13.2, 10.1]
out["t_interval"] = [{"x": x, **t_interval(x, lv)} for lv in (0.95, 0.9)]
out["t_interval"].append({"x": [3.0, 5.5], **t_interval([3.0, 5.5], 0.95)})

out["mean_sd"] = [{"x": x, "mean": float(np.mean(x)), "sd": float(np.std(x, ddof=1))},
                  {"x": [2.0, 4.0, 4.0, 5.0], "mean": 3.75, "sd": float(np.std([2.0, 4.0, 4.0, 5.0], ddof=1))}]

# Paired: two methods over the same five seeds.
a = [0.812, 0.774, 0.801, 0.835, 0.790]
b = [0.798, 0.770, 0.788, 0.819, 0.793]
pt = []
for lv in (0.95, 0.8):
    d = np.subtract(a, b)
    ref = t_interval(d, lv)
    ci = stats.ttest_rel(a, b).confidence_interval(lv)
    assert abs(ci.low - ref["lo"]) < 1e-14 and abs(ci.high - ref["hi"]) < 1e-14
    pt.append({"x": a, "y": b, **ref})
out["paired_t_interval"] = pt

# Paired change in percent of the baseline's mean: a reduced space against the full one.
full = [0.4102, 0.3987, 0.4210, 0.4055, 0.4133]
red = [0.4221, 0.4010, 0.4302, 0.4187, 0.4150]
d = 100 * (np.asarray(red) - np.asarray(full)) / np.mean(full)
out["paired_diff_percent"] = [{"x": red, "base": full, **t_interval(d, 0.95)}]

out["normal_interval"] = [
    {"estimate": e, "se": se, "level": lv,
     "lo": e - stats.norm.ppf((1 + lv) / 2) * se, "hi": e + stats.norm.ppf((1 + lv) / 2) * se}
    for e, se, lv in ((1.3, 0.4, 0.95), (-0.25, 0.1, 0.99), (0.0, 2.0, 0.5))]

cq = []
for est, se in (([10.2, 11.0, 9.7, 10.5], [0.3, 0.4, 0.25, 0.5]),
                ([5.0, 5.1, 4.95], [0.2, 0.3, 0.25])):
    e, s = np.asarray(est), np.asarray(se)
    w = 1 / s**2
    m = np.sum(w * e) / np.sum(w)
    q = float(np.sum(w * (e - m) ** 2))
    cq.append({"estimates": est, "ses": se, "q": q, "df": len(est) - 1, "p": float(stats.chi2.sf(q, len(est) - 1))})
out["cochran_q"] = cq

ma, msa, mb, msb = [5.2, 6.1, 7.4], [0.2, 0.3, 0.25], [4.9, 5.0, 6.8], [0.1, 0.35, 0.2]
out["mean_difference"] = {"a": ma, "seA": msa, "b": mb, "seB": msb,
                          "d": float(np.mean(np.subtract(ma, mb))),
                          "se": float(np.sqrt(np.sum(np.square(msa) + np.square(msb))) / 3)}

ro = [3.0, 1.0, 2.0, 1.0, 5.0, 2.0]
out["rank_order"] = {"x": ro, "order": [int(i) for i in np.argsort(ro, kind="stable")]}

# Permutation test, exact.
groups = [[3.0, 7.0], [1.0, 4.0], [9.0]]
sizes = [len(g) for g in groups]
pool = [v for g in groups for v in g]


def spread(vals):
    means, at = [], 0
    for s in sizes:
        means.append(sum(vals[at:at + s]) / s)
        at += s
    return max(means) - min(means)


observed = spread(pool)
null = [spread([pool[i] for i in perm]) for perm in itertools.permutations(range(len(pool)))]
out["permutation"] = {"groups": groups, "observed": observed, "shuffles": len(null),
                      "p": (1 + sum(v >= observed for v in null)) / (1 + len(null)),
                      "null95": float(np.quantile(null, 0.95))}

# Paired bootstrap, exact: two statistics of the same resamples of 5 paired units.
bx = [1.0, 2.0, 3.5, 4.0, 6.0]
by = [2.0, 1.0, 4.0, 3.0, 7.5]
n = len(bx)


def rho(idx):
    return stats.spearmanr([bx[i] for i in idx], [by[i] for i in idx]).statistic


def meandiff(idx):
    return float(np.mean([bx[i] - by[i] for i in idx]))


pb = {"x": bx, "y": by, "resamples": n**n, "stats": []}
for name, f in (("spearman", rho), ("mean_difference", meandiff)):
    reps = np.asarray([f(idx) for idx in itertools.product(range(n), repeat=n)], dtype=float)
    defined = reps[~np.isnan(reps)]
    st = {"stat": name, "estimate": float(f(range(n))), "defined": int(len(defined)), "levels": []}
    for lv in (0.95, 0.8, 0.5):
        lo, hi = np.quantile(defined, [(1 - lv) / 2, (1 + lv) / 2])
        st["levels"].append({"level": lv, "lo": float(lo), "hi": float(hi)})
    pb["stats"].append(st)
out["paired_bootstrap"] = pb


def plain(o):
    if isinstance(o, dict):
        return {k: plain(v) for k, v in o.items()}
    if isinstance(o, list):
        return [plain(v) for v in o]
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, (np.integer,)):
        return int(o)
    return o


print(json.dumps(plain(out), indent=1))
