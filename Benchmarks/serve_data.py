"""Seeded interactions for the server benchmarks: USERS users (c0, c1, …) × 10 events over 10,000 items.

    python3 Benchmarks/serve_data.py USERS PATH

Shared by serve_bench.sh and memory/memory_bench.sh so both measure the same data (seed 7).
"""
import random
import sys

users, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
with open(path, "w") as f:
    f.write("user,item,weight\n")
    for u in range(users):
        base = rng.randrange(100)
        for _ in range(10):
            f.write(f"c{u},p{(rng.randrange(100) * 100 + base) % 10000},{rng.randint(1, 4)}\n")
