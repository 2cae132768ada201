#!/usr/bin/env python3
"""Summarize chassis.sh rows: medians over runs, and the proxy's added latency (proxied - direct)."""
import collections
import statistics
import sys

rows = collections.defaultdict(list)
with open(sys.argv[1]) as f:
    for line in f:
        name, run, metric, value = line.rstrip("\n").split("\t")
        rows[(name, metric)].append(float(value))
rate = sys.argv[2]


def med(name, metric):
    return statistics.median(rows[(name, metric)])


print(f"health, 1 server thread: {med('health_1thread', 'req_per_s'):.0f} req/s (median of {len(rows[('health_1thread', 'req_per_s')])} runs)")
for mode, label in (("closed", "closed loop, 100 conns"), (f"open{rate}", f"open loop {rate} req/s, 100 conns")):
    d50, p50 = med(f"direct_{mode}", "p50_us"), med(f"proxied_{mode}", "p50_us")
    d99, p99 = med(f"direct_{mode}", "p99_us"), med(f"proxied_{mode}", "p99_us")
    dt, pt = med(f"direct_{mode}", "req_per_s"), med(f"proxied_{mode}", "req_per_s")
    print(f"{label}: direct p50 {d50:.0f} us p99 {d99:.0f} us ({dt:.0f} req/s); proxied p50 {p50:.0f} us p99 {p99:.0f} us ({pt:.0f} req/s); "
          f"added p50 {p50 - d50:.0f} us, p99 {p99 - d99:.0f} us; throughput ratio {pt / dt:.2f}")
