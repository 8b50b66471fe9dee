"""Peer for Benchmarks/csv_vs_pandas.sh: pandas on the same Online Retail file, in one process.

Prints one JSON line: wall and CPU seconds of (a) pandas.read_csv alone and (b) read_csv plus the
online-retail preset's filtering and aggregation (the same work `affinity data stats --preset
online-retail` does), peak RSS, and the counts that the Swift loader must match exactly.
"""
import json
import resource
import sys
import time

import pandas as pd

path = sys.argv[1]
dtypes = {"InvoiceNo": str, "StockCode": str, "Description": str, "CustomerID": str, "Country": str}


def read():
    # Only empty fields are missing: keep strings such as "NA" as they are, like the Swift reader.
    return pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])


t0, c0 = time.perf_counter(), time.process_time()
df = read()
t1, c1 = time.perf_counter(), time.process_time()

# (b) read + preset: drop empty CustomerID, then cancellations (InvoiceNo starting with C), then
# Quantity <= 0; customer "17850.0" -> "17850"; parse InvoiceDate; weight = distinct invoices.
t2, c2 = time.perf_counter(), time.process_time()
df = read()
rows = len(df)
has_customer = df["CustomerID"].notna()
missing_user = int((~has_customer).sum())
d = df[has_customer]
cancelled = d["InvoiceNo"].str.startswith("C")
cancellations = int(cancelled.sum())
d = d[~cancelled]
non_positive = d["Quantity"] <= 0
non_positive_quantity = int(non_positive.sum())
d = d[~non_positive]
customer = d["CustomerID"].str.replace(r"\.0+$", "", regex=True)
when = pd.to_datetime(d["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
pairs = d.assign(customer=customer).groupby(["customer", "StockCode"])["InvoiceNo"].nunique()
t3, c3 = time.perf_counter(), time.process_time()

skipped = {"missing_user": missing_user, "cancellation": cancellations, "non_positive_quantity": non_positive_quantity}
print(json.dumps({
    "read_csv_wall": t1 - t0, "read_csv_cpu": c1 - c0,
    "preset_wall": t3 - t2, "preset_cpu": c3 - c2,
    "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "pandas": pd.__version__,
    "rows": rows,
    "skipped": {k: v for k, v in skipped.items() if v > 0},
    "rows_kept": int(len(d)),
    "users": int(pairs.index.get_level_values(0).nunique()),
    "items": int(pairs.index.get_level_values(1).nunique()),
    "nnz": int(len(pairs)),
    "distinct_invoice_lines": int(pairs.sum()),
    "time_min": when.min().strftime("%Y-%m-%dT%H:%M:%SZ"),
    "time_max": when.max().strftime("%Y-%m-%dT%H:%M:%SZ"),
}))
