"""LightGBM peer for `affinity churn train --features auto` (Benchmarks/churn/auto.sh): fit
LGBMClassifier with default parameters on the SAME train/test CSV files Affinity trains on and
print one JSON line (test AUC, fit seconds).

Encoding: the label column is Yes/No (or 1/0, churned/active); ID-like columns (as in
sklearn_peer.py) are dropped; a column whose non-blank values all parse as numbers is float with
blanks as NaN (LightGBM's missing value); every other column is a pandas category over the
training levels (unseen test levels become missing). Only LGBMClassifier.fit is timed.
"""
import json, sys, time
import numpy as np, pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score
from sklearn_peer import blank, labels, ID_NAMES


def encode(tr, te, label):
    X_tr, X_te = pd.DataFrame(index=tr.index), pd.DataFrame(index=te.index)
    for c in tr.columns:
        if c == label or c.lower().replace("_", "").replace("-", "") in ID_NAMES:
            continue
        def num(s):
            return np.array([np.nan if blank(t) else float(t) for t in s])
        try:
            X_tr[c], X_te[c] = num(tr[c]), num(te[c])
        except ValueError:
            levels = sorted({t.strip() for t in tr[c]})
            X_tr[c] = pd.Categorical([t.strip() for t in tr[c]], categories=levels)
            X_te[c] = pd.Categorical([t.strip() for t in te[c]], categories=levels)
    return X_tr, X_te


def main():
    train_path, test_path, label, repeats, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    tr = pd.read_csv(train_path, dtype=str, keep_default_na=False)
    te = pd.read_csv(test_path, dtype=str, keep_default_na=False)
    X_tr, X_te = encode(tr, te, label)
    y_tr, y_te = labels(tr[label]), labels(te[label])
    times = []
    for _ in range(repeats):
        model = LGBMClassifier(n_jobs=threads, verbose=-1)
        t0 = time.perf_counter()
        model.fit(X_tr, y_tr)
        times.append(time.perf_counter() - t0)
    p = model.predict_proba(X_te)[:, 1]
    print(json.dumps({"peer": "lightgbm", "fit_seconds_median": float(np.median(times)), "fit_seconds": times,
                      "auc": roc_auc_score(y_te, p), "rows": len(y_te)}))


if __name__ == "__main__":
    main()
