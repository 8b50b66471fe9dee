#!/usr/bin/env python3
"""Drives every op of a running `affinity serve` plus hostile frames, from several connections at once,
for the sanitizer runs (Benchmarks/sanitizer_server.sh). Seeded; prints counts as one JSON line.

Usage: sanitizer_driver.py PORT SHOP_DIR SECONDS [CONNECTIONS] [SEED]
A reply counts as "ok" or "error reply"; a malformed reply, no reply within TIMEOUT seconds (120; sanitizer
builds are 5-50x slower), or a connection closed after a valid request counts as "mishandled" (listed
by op under "problems") and makes the exit code 1. A close after a hostile frame is allowed.
"""
import csv, json, random, socket, sys, threading, time

port, shop, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
connections = int(sys.argv[4]) if len(sys.argv) > 4 else 6
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1

users = sorted({r["user"] for r in csv.DictReader(open(f"{shop}/interactions.csv"))})
items = [r["item"] for r in csv.DictReader(open(f"{shop}/items.csv"))]
categories = sorted({r["category"] for r in csv.DictReader(open(f"{shop}/items.csv"))})
customers = []
for r in csv.DictReader(open(f"{shop}/customers.csv")):
    r.pop("churned", None); r.pop("customer_id", None); customers.append(r)
    if len(customers) == 200: break

def valid(rng):
    u, i = rng.choice(users), rng.choice(items)
    op = rng.randrange(16)
    if op == 0: return {"op": "recommend", "user": u, "k": rng.choice([1, 10, 50, 1000])}
    if op == 1: return {"op": "recommend", "user": u, "k": 20, "exclude_seen": rng.random() < 0.5,
                        "exclude_items": rng.sample(items, 5), "max_per_category": rng.choice([1, 2])}
    if op == 2: return {"op": "recommend", "user": u, "k": 10, "categories": rng.sample(categories, 2)}
    if op == 3: return {"op": "recommend", "user": f"new-{rng.randrange(10**6)}", "k": 5,
                        "exclude_categories": rng.sample(categories, 1)}
    if op == 4: return {"op": "recommend_items", "items": rng.sample(items, rng.randrange(1, 8)), "k": 10}
    if op == 5: return {"op": "similar_items", "item": i, "k": rng.choice([1, 10, 100])}
    if op in (6, 7): return {"op": "feedback", "user": u, "item": i, "event": rng.choice(["view", "click", "cart_add", "purchase"])}
    if op == 8: return {"op": "feedback_batch", "events": [{"user": rng.choice(users), "item": rng.choice(items), "event": "click"}
                                                           for _ in range(rng.randrange(1, 50))]}
    if op == 9: return {"op": "churn_score", "customer": rng.choice(customers)}
    if op == 10: return {"op": "churn_batch", "customers": rng.sample(customers, 20)}
    if op == 11: return {"op": "export_user", "user": u}
    if op == 12: return {"op": "forget_user", "user": f"new-{rng.randrange(10**6)}"} if rng.random() < 0.7 else {"op": "forget_user", "user": u}
    if op == 13: return {"op": rng.choice(["health", "model_info", "stats"])}
    if op == 14: return {"op": "reload"} if rng.random() < 0.05 else {"op": "health"}
    return {"op": "feedback", "user": u, "item": "no-such-item", "event": "click"}

def hostile(rng):
    kind = rng.randrange(8)
    if kind == 0: return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))).replace(b"\n", b" ")
    if kind == 1: return b"[" * rng.randrange(100, 20000) + b"]" * rng.randrange(0, 100)
    if kind == 2: return b'{"op":"recommend","user":"\xff\xfe\xc3","k":1e400}'
    if kind == 3: return b'{"op":"recommend","user":"a\x00b","k":' + str(rng.choice([-1, 0, 2**63, 10**30])).encode() + b"}"
    if kind == 4: return json.dumps({"op": "feedback_batch", "events": [{"user": "x", "item": f"unknown{n}", "event": "click"} for n in range(3000)]}).encode()
    if kind == 5: return json.dumps({"op": rng.choice(["recommend", "feedback", "churn_score", "similar_items"]), "user": 5, "item": [], "k": "ten", "customer": [1]}).encode()
    if kind == 6: return b'{"op":"recommend_items","items":' + json.dumps(["z"] * rng.randrange(1, 5000)).encode() + b',"k":3}'
    line = bytearray(json.dumps(valid(rng)).encode()); line[rng.randrange(len(line))] = rng.randrange(256)
    return bytes(line).replace(b"\n", b" ")

TIMEOUT = 120
counts = {"sent": 0, "ok": 0, "error_replies": 0, "hostile": 0, "mishandled": 0, "reconnects": 0}
problems = []
slowest = []  # (seconds, op) of the slowest replies
lock = threading.Lock()
deadline = time.time() + seconds

def worker(n):
    rng = random.Random(seed * 1000 + n)
    local = dict.fromkeys(counts, 0)
    def connect():
        s = socket.create_connection(("127.0.0.1", port)); s.settimeout(TIMEOUT); return s, s.makefile("rb")
    sock, reader = connect()
    while time.time() < deadline:
        bad = rng.random() < 0.25
        request = None if bad else valid(rng)
        line = hostile(rng) if bad else json.dumps(request).encode()
        local["sent"] += 1; local["hostile"] += bad
        started, outcome = time.time(), "closed"
        try:
            sock.sendall(line + b"\n")
            reply = reader.readline()
        except socket.timeout:
            reply, outcome = b"", "timeout"
        except OSError:
            reply = b""
        if not reply:  # closed: allowed after a hostile frame (e.g. a frame over the limit); reconnect
            if not bad:
                local["mishandled"] += 1
                with lock: problems.append({"op": request["op"], "outcome": outcome, "seconds": round(time.time() - started, 1)})
            local["reconnects"] += 1
            sock.close(); sock, reader = connect(); continue
        if not bad:
            with lock: slowest.append((round(time.time() - started, 2), request["op"])); slowest.sort(reverse=True); del slowest[5:]
        try:
            r = json.loads(reply)
            if r.get("ok") is True: local["ok"] += 1
            elif r.get("ok") is False and r["error"]["code"] and r["error"]["message"]: local["error_replies"] += 1
            else: local["mishandled"] += 1
        except Exception:
            local["mishandled"] += 1
    sock.close()
    with lock:
        for k, v in local.items(): counts[k] += v

threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({**counts, "problems": problems[:20], "slowest": slowest}))
sys.exit(1 if counts["mishandled"] else 0)
