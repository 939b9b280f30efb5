"""Parallel Fibonacci: does protojit run CPU-bound threads on several cores?

Runs a plain Python program (GUEST_PROGRAM below: no decorators,
no protojit API) under protojit and under the host CPython, and prints a
table: the time of one fib(n) in the main thread, the wall time of N threads
each computing fib(n) at once (N = 1, 2, 4), and the speedup
N * single / wall(N) (1.0x: no parallelism; ideal on 2 cores: 2.0x).

CPython runs a smaller n (its GIL serialises the threads: expect ~1.0x).
Under protojit, fib is compiled by the native tier, and compiled code runs
without the GIL, so the threads run in parallel. Each thread needs at least
~50 ms of work: with less, Linux may keep two freshly woken threads on one
core for a few milliseconds and hide the parallelism. On a machine busy with
other sessions the kernel (autogroup scheduling) shares the CPUs between
sessions, not threads, and no engine can show a speedup: check the load.

    python perf/parallel_fib.py                  # protojit n=36 (auto tier), CPython n=30
    python perf/parallel_fib.py --n 34 --cpython-n 28 --repeat 5

Every result is checked against an exact fib(n). The configurations are timed
interleaved, --repeat times, after a warm-up that lets the native tier compile
fib; the table shows the medians and the best (minimum) times.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The program as a user writes it (kept verbatim), then a plain-Python driver that times it.
GUEST_PROGRAM = '''\
import threading

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def work(results, i, n):
    results[i] = fib(n)

def run(threads, n):
    results = [None] * threads
    ts = [threading.Thread(target=work, args=(results, i, n)) for i in range(threads)]
    for t in ts: t.start()
    for t in ts: t.join()
    return results
'''

GUEST_DRIVER = '''
import sys
import time


def timed(f):
    """Wall and CPU (all threads) seconds of one call of f, and f's value."""
    c0, t0 = time.process_time(), time.perf_counter()
    value = f()
    return time.perf_counter() - t0, time.process_time() - c0, value


def main():
    n, repeat = int(sys.argv[1]), int(sys.argv[2])
    warm = min(n, 22)
    fib(warm)                   # warm-up: the native tier compiles fib here
    run(2, warm)
    # Interleaved, so that a burst of load elsewhere hits every configuration alike.
    for _ in range(repeat):
        wall, cpu, value = timed(lambda: fib(n))
        print("single", 1, value, wall, cpu)
        for threads in (1, 2, 4):
            wall, cpu, results = timed(lambda: run(threads, n))
            print("threads", threads, ",".join(map(str, results)), wall, cpu)


main()
'''

THREADS = (1, 2, 4)


def exact_fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def measure(argv: list[str], n: int, repeat: int) -> dict:
    """Run the guest program with argv (an interpreter command) and parse its timings."""
    with tempfile.TemporaryDirectory(prefix="pj-parallel-fib-") as tmp:
        program = os.path.join(tmp, "parallel_fib_program.py")
        with open(program, "w") as fh:
            fh.write(GUEST_PROGRAM + GUEST_DRIVER)
        trace = os.path.join(tmp, "trace.jsonl")
        argv = [a.replace("{trace}", trace) for a in argv]
        env = dict(os.environ, PYTHONPATH=REPO)
        proc = subprocess.run([*argv, program, str(n), str(repeat)], capture_output=True,
                              text=True, timeout=1800, env=env, cwd=tmp)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr}")
        compiled = None
        if os.path.exists(trace):
            with open(trace) as fh:
                events = [json.loads(line) for line in fh if line.strip()]
            compiled = any(e.get("event") == "compile" and e.get("function") == "fib" for e in events)
    expected = exact_fib(n)
    samples: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for line in proc.stdout.splitlines():
        kind, threads, results, wall, cpu = line.split()
        threads = int(threads)
        if [int(r) for r in results.split(",")] != [expected] * threads:
            raise SystemExit(f"wrong results ({kind}, {threads} threads): {results}; "
                             f"fib({n}) = {expected}")
        samples.setdefault((kind, threads), []).append((float(wall), float(cpu)))
    walls = {t: [w for w, _ in samples[("threads", t)]] for t in THREADS}
    cpus = {t: [c for _, c in samples[("threads", t)]] for t in THREADS}
    singles = [w for w, _ in samples[("single", 1)]]
    return {"n": n, "compiled": compiled,
            "single": statistics.median(singles), "best_single": min(singles),
            "walls": {t: statistics.median(v) for t, v in walls.items()},
            "best_walls": {t: min(v) for t, v in walls.items()},
            "cpus": {t: statistics.median(v) for t, v in cpus.items()}}


def format_table(rows: list[tuple[str, dict]]) -> str:
    head = (f"{'engine':<30}{'n':>4}{'single':>9}" + "".join(f"{f'{t} thr wall':>12}" for t in THREADS)
            + "".join(f"{f'x{t}':>7}" for t in THREADS) + f"{'2thr/seq':>10}{'cores 1thr':>12}"
            f"{'cores 2thr':>12}")
    lines = [head, "-" * len(head)]
    for name, r in rows:
        for label, single, walls in (("median", r["single"], r["walls"]),
                                     ("best", r["best_single"], r["best_walls"])):
            speedups = [t * single / walls[t] for t in THREADS]
            ratio = walls[2] / (2 * single)
            cores = ""
            if label == "median":
                cores = "".join(f"{r['cpus'][t] / r['walls'][t]:>12.2f}" for t in (1, 2))
            lines.append(f"{f'{name} ({label})':<30}{r['n']:>4}{single:>8.3f}s"
                         + "".join(f"{walls[t]:>11.3f}s" for t in THREADS)
                         + "".join(f"{s:>6.2f}x" for s in speedups) + f"{ratio:>10.2f}{cores}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=36, help="fib(n) per thread under protojit (36)")
    parser.add_argument("--cpython-n", type=int, default=30, help="fib(n) per thread under CPython (30)")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved timed runs (5)")
    parser.add_argument("--tier", default="auto", choices=["auto", "jit", "interp"])
    parser.add_argument("--no-cpython", action="store_true", help="skip the CPython row")
    args = parser.parse_args(argv)

    rows = []
    pj = measure([sys.executable, "-m", "protojit", "--tier", args.tier, "--trace={trace}"],
                 args.n, args.repeat)
    rows.append((f"protojit --tier {args.tier}", pj))
    if not args.no_cpython:
        rows.append((f"CPython {platform.python_version()}", measure([sys.executable], args.cpython_n,
                                                                      args.repeat)))
    print(f"parallel fib: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
          f"{args.repeat} interleaved runs (median, and best = minimum); xN = N * single / wall(N); "
          f"2thr/seq = wall(2) / (2 * single); cores Nthr = CPU s / wall s with N threads "
          f"(about N when the N threads run in parallel on an idle machine)")
    print(format_table(rows))
    load = os.getloadavg()[0]
    if load > 1.0:
        print(f"warning: load average {load:.2f} on {os.cpu_count()} CPUs: other processes compete "
              f"for the cores, so the thread rows understate what runs in parallel")
    if pj["compiled"] is False:
        print("note: fib was not compiled by protojit's native tier (it ran in tier 0 under the "
              "GIL), so no parallel speedup is expected")
    ratio = pj["walls"][2] / (2 * pj["single"])
    best = pj["best_walls"][2] / (2 * pj["best_single"])
    print(f"protojit: 2 threads took {ratio:.2f}x (median; best {best:.2f}x) the time of running "
          f"them one after the other (target <= 0.60, i.e. speedup >= 1.7x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
