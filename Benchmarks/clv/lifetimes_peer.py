"""Fits lifetimes' BetaGeoFitter and GammaGammaFitter to Affinity's exported summary table and prints
both libraries' results side by side (see run.sh). Holdout purchases are counted here from the raw CSV
with the same conventions (distinct purchase days with Quantity > 0, rows with a customer, no 'A' invoices)."""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy.special import gammaln
import lifetimes
import lifetimes.fitters as lf

summary_csv, raw_csv, fit_json, eval_json, cal_end, holdout_end = sys.argv[1:7]
ours = json.load(open(fit_json))
our_eval = json.load(open(eval_json))
s = pd.read_csv(summary_csv, dtype={"customer_id": str})

# lifetimes raises ConvergenceError when scipy reports failure (it does on the NBD boundary); keep its last
# iterate instead and record scipy's message, so the comparison shows where its optimiser stopped.
status = {}
_minimize = lf.minimize
def minimize_keep_last(*args, **kwargs):
    out = _minimize(*args, **kwargs)
    status.setdefault("messages", []).append(f"success={out.success} nit={out.get('nit')} {out.message}")
    out.success = True
    return out
lf.minimize = minimize_keep_last

def bgnbd_ll(r, alpha, a, b, x, tx, T):
    """Summed BG/NBD log-likelihood (eq. 6 of Fader, Hardie & Lee 2005), a = 0 giving the NBD limit."""
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a3 = -(r + x) * np.log(alpha + T)
    if a == 0:
        return float(np.sum(a1 + a3))
    # ln[B(a, b+x)/B(a, b)] = Σ_{j<x} ln((b+j)/(a+b+j)) for integer x, summed with log1p: the gammaln form
    # cancels badly when b is ~1e4 (as on the NBD ridge), with errors ~1e-7 over the whole table.
    xmax = int(x.max())
    steps = np.concatenate([[0.0], np.cumsum(np.log1p(-a / (a + b + np.arange(xmax))))])
    a2 = steps[x.astype(int)]
    a4 = np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + tx)
    m = np.maximum(a3, a4)
    return float(np.sum(a1 + a2 + m + np.log(np.exp(a3 - m) + (x > 0) * np.exp(a4 - m))))

x, tx, T = (s[c].values.astype(float) for c in ["frequency", "recency", "T"])
bg = lifetimes.BetaGeoFitter(penalizer_coef=0.0)
t0 = time.perf_counter()
bg.fit(s.frequency, s.recency, s["T"])
bg_seconds = time.perf_counter() - t0
bg_status = status.pop("messages", [""])[-1]
lp = bg.params_
spenders = s[(s.frequency > 0) & (s.monetary > 0)]
gg = lifetimes.GammaGammaFitter(penalizer_coef=0.0)
t0 = time.perf_counter()
gg.fit(spenders.frequency, spenders.monetary)
gg_seconds = time.perf_counter() - t0
gg_status = status.pop("messages", [""])[-1]

# Holdout: distinct purchase days after the calibration end, up to the holdout end (included).
raw = pd.read_csv(raw_csv, dtype={"CustomerID": str, "InvoiceNo": str}, encoding="utf-8")
raw = raw[raw.CustomerID.notna() & ~raw.InvoiceNo.str.startswith("A") & (raw.Quantity > 0)]
raw["customer_id"] = raw.CustomerID.str.replace(r"\.0$", "", regex=True)
raw["day"] = pd.to_datetime(raw.InvoiceDate).dt.normalize()
hold = raw[(raw.day > pd.Timestamp(cal_end)) & (raw.day <= pd.Timestamp(holdout_end))]
actual = hold.groupby("customer_id").day.nunique().reindex(s.customer_id).fillna(0).values
# The same rows through lifetimes' own summary function: checks that the exported table follows its conventions.
cal = raw[raw.day <= pd.Timestamp(cal_end)].assign(revenue=lambda d: d.Quantity * d.UnitPrice)
try:
    ref = lifetimes.utils.summary_data_from_transaction_data(cal, "customer_id", "day", monetary_value_col="revenue",
                                                             observation_period_end=cal_end, freq="D")
    ref = ref.reindex(s.customer_id)
    columns = {"frequency": "frequency", "recency": "recency", "T": "T", "monetary": "monetary_value"}
    diff = {ours_c: int(np.sum(~np.isclose(ref[theirs].values, s[ours_c].values, rtol=1e-9, atol=1e-9)))
            for ours_c, theirs in columns.items()}
except Exception as e:  # lifetimes is old; report rather than fail
    diff = f"lifetimes' summary function failed: {e!r}"
days = (pd.Timestamp(holdout_end) - pd.Timestamp(cal_end)).days
pred = bg.conditional_expected_number_of_purchases_up_to_time(days, x, tx, T)
err = pred - actual
their_eval = {"mae": float(np.mean(np.abs(err))), "rmse": float(np.sqrt(np.mean(err ** 2))),
              "correlation": float(np.corrcoef(pred, actual)[0, 1])}

o = ours["bgnbd"]
their_ll = bgnbd_ll(lp["r"], lp["alpha"], lp["a"], lp["b"], x, tx, T)
our_ll_py = bgnbd_ll(o["r"], o["alpha"], o["a"], o["b"], x, tx, T)
print(f"lifetimes {lifetimes.__version__}, numpy {np.__version__}, pandas {pd.__version__}")
print(f"customers: {len(s)} (Gamma-Gamma: {len(spenders)}), holdout {days} days, actual holdout purchases {int(actual.sum())}")
print(f"{'':28}{'affinity':>16}{'lifetimes':>16}")
print(f"{'BG/NBD log-likelihood':28}{ours['log_likelihood']:>16.6f}{their_ll:>16.6f}   (affinity's params in Python: {our_ll_py:.6f})")
print(f"{'  affinity − lifetimes':28}{ours['log_likelihood'] - their_ll:>16.3g}   (Python, both parameter sets: {our_ll_py - their_ll:.3g})")
for k in ["r", "alpha", "a", "b"]:
    print(f"{'  ' + k:28}{o[k]:>16.6g}{lp[k]:>16.6g}")
print(f"{'  a/(a+b)':28}{o['a'] / (o['a'] + o['b']):>16.3g}{lp['a'] / (lp['a'] + lp['b']):>16.3g}")
g = ours["gamma_gamma"]
for k in ["p", "q", "v"]:
    print(f"{'  gamma-gamma ' + k:28}{g[k]:>16.6g}{gg.params_[k]:>16.6g}   (relative difference {g[k] / gg.params_[k] - 1:+.2e})")
print(f"{'fit seconds (both models)':28}{ours['fit_seconds']:>16.4f}{bg_seconds + gg_seconds:>16.4f}   "
      f"(lifetimes BG/NBD {bg_seconds:.3f}, Gamma-Gamma {gg_seconds:.3f}; ratio {(bg_seconds + gg_seconds) / ours['fit_seconds']:.1f}x)")
for k in ["mae", "rmse", "correlation"]:
    print(f"{'holdout ' + k:28}{our_eval[k]:>16.4f}{their_eval[k]:>16.4f}")
print(f"{'holdout predicted total':28}{our_eval['predicted_total']:>16.1f}{float(pred.sum()):>16.1f}   (actual {int(actual.sum())}; affinity counted {int(our_eval['actual_total'])})")
print(f"nbd_limit (affinity): {ours['nbd_limit']}")
print(f"rows of the exported summary that differ from lifetimes.utils.summary_data_from_transaction_data (per column): {diff}")
print(f"lifetimes optimiser: BG/NBD {bg_status}; Gamma-Gamma {gg_status}")
