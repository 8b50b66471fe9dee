"""scikit-learn peer for the churn benchmarks: fit LogisticRegression on the SAME
train/test CSV files Affinity trains on, with the same encoding, and print one JSON line.

Encoding mirrors `affinity churn train` (docs/CHURN.md): ID and label columns dropped;
a column whose non-blank values are all yes/no/true/false/1/0 (two distinct) is 0/1;
all-numeric columns get median imputation, standardization (population std) and a 0/1
missing indicator when the training column has blanks; everything else is one-hot over the
training levels (plus a "(missing)" level when training has blanks), unseen levels all-zero.
C = 1/l2, so --l2 1.0 is C=1. Only LogisticRegression.fit is timed.
"""
import json, sys, time
import numpy as np, pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, log_loss, brier_score_loss, accuracy_score
from threadpoolctl import threadpool_limits

BLANK = {"", "na", "n/a", "nan", "null", "none"}
TRUE, FALSE = {"yes", "true", "1", "1.0", "y", "t"}, {"no", "false", "0", "0.0", "n", "f"}
ID_NAMES = {"id", "customerid", "customer", "clientid", "userid", "accountid", "customerno"}


def blank(s): return s.strip().lower() in BLANK


def fit_encoder(df, label):
    cols = []
    for c in df.columns:
        if c == label or c.lower().replace("_", "").replace("-", "") in ID_NAMES:
            continue
        v = [s for s in df[c] if not blank(s)]
        nblank = len(df) - len(v)
        low = {s.strip().lower() for s in v}
        if low <= TRUE | FALSE and low & TRUE and low & FALSE:
            x = np.array([1.0 if s.strip().lower() in TRUE else 0.0 for s in v])
            cols.append(("bool", c, 1.0 if x.mean() >= 0.5 else 0.0, nblank > 0))
            continue
        try:
            x = np.array([float(s) for s in v])
            med = float(np.median(x))
            allx = np.concatenate([x, np.full(nblank, med)])
            sd = allx.std() or 1.0
            cols.append(("num", c, (med, allx.mean(), sd), nblank > 0))
        except ValueError:
            levels = sorted({s.strip() for s in v}) + (["(missing)"] if nblank else [])
            if len(levels) == len(df) and len(df) > 50:
                continue
            cols.append(("cat", c, levels, False))
    return cols


def transform(df, cols):
    out = []
    for kind, c, stats, ind in cols:
        s = df[c].tolist()
        b = np.array([blank(t) for t in s])
        if kind == "bool":
            x = np.array([stats if bl else (1.0 if t.strip().lower() in TRUE else 0.0) for t, bl in zip(s, b)])
            out.append(x[:, None])
        elif kind == "num":
            med, mu, sd = stats
            x = np.array([med if bl else float(t) for t, bl in zip(s, b)])
            out.append(((x - mu) / sd)[:, None])
        else:
            keys = ["(missing)" if bl else t.strip() for t, bl in zip(s, b)]
            idx = {l: i for i, l in enumerate(stats)}
            m = np.zeros((len(s), len(stats)))
            for r, k in enumerate(keys):
                if k in idx: m[r, idx[k]] = 1
            out.append(m)
        if ind and kind != "cat":
            out.append(b.astype(float)[:, None])
    return np.hstack(out)


def labels(series):
    m = {"yes": 1, "true": 1, "1": 1, "churned": 1, "no": 0, "false": 0, "0": 0, "active": 0}
    return np.array([m[s.strip().lower()] for s in series])


def main():
    train_path, test_path, label, repeats, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    tr = pd.read_csv(train_path, dtype=str, keep_default_na=False)
    te = pd.read_csv(test_path, dtype=str, keep_default_na=False)
    cols = fit_encoder(tr, label)
    Xtr, Xte = transform(tr, cols), transform(te, cols)
    ytr, yte = labels(tr[label]), labels(te[label])
    times = []
    with threadpool_limits(limits=threads):
        for _ in range(repeats):
            model = LogisticRegression(C=1.0, max_iter=1000)
            t0 = time.perf_counter()
            model.fit(Xtr, ytr)
            times.append(time.perf_counter() - t0)
    p = model.predict_proba(Xte)[:, 1]
    print(json.dumps({"peer": "scikit-learn", "fit_seconds_median": float(np.median(times)), "fit_seconds": times,
                      "iterations": int(model.n_iter_[0]), "design_columns": Xtr.shape[1],
                      "auc": roc_auc_score(yte, p), "log_loss": log_loss(yte, p), "brier": brier_score_loss(yte, p),
                      "accuracy": accuracy_score(yte, p >= 0.5), "rows": len(yte)}))


if __name__ == "__main__":
    main()
