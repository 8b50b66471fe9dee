"""Recommend load over the whole user ID range, so a memory figure covers every page a real
mix of shoppers would touch (factors, history, ID table). Sends N `recommend` requests for users
drawn uniformly (seeded) from c0..c{USERS-1}, PIPELINE at a time, on one connection; prints one
JSON line {"requests", "errors", "distinct_users", "seconds", "throughput"}.

usage: python3 touch_users.py PORT USERS N [PIPELINE]
"""
import json, random, socket, sys, time

port, users, total = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
pipeline = int(sys.argv[4]) if len(sys.argv) > 4 else 256
rng = random.Random(11)
sock = socket.create_connection(("127.0.0.1", port))
reader = sock.makefile("rb")
seen, errors, sent = set(), 0, 0
start = time.time()
while sent < total:
    batch = min(pipeline, total - sent)
    lines = []
    for j in range(batch):
        u = rng.randrange(users)
        seen.add(u)
        lines.append(json.dumps({"id": sent + j, "op": "recommend", "user": f"c{u}", "k": 10}))
    sock.sendall(("\n".join(lines) + "\n").encode())
    for _ in range(batch):
        reply = json.loads(reader.readline())
        if not reply.get("ok") or reply["result"].get("source") != "model":
            errors += 1
    sent += batch
elapsed = time.time() - start
print(json.dumps({"requests": sent, "errors": errors, "distinct_users": len(seen),
                  "seconds": round(elapsed, 2), "throughput": round(sent / elapsed)}))
