"""Parallel Fibonacci: does protojit run CPU-bound threads on several cores?

Runs the plain Python program of issue 5 (GUEST_PROGRAM below: no decorators,
no protojit API) under protojit and under the host CPython, and prints a
table: the time of one fib(n) in the main thread, the wall time of N threads
each computing fib(n) at once (N = 1, 2, 4), and the speedup
N * single / wall(N) (1.0x: no parallelism; ideal on 2 cores: 2.0x).

CPython runs a smaller n (its GIL serialises the threads: expect ~1.0x).
Under protojit, fib is compiled by the native tier, and compiled code runs
without the GIL, so the threads run in parallel. Each thread needs at least
~50 ms of work: with less, Linux may keep two freshly woken threads on one
core for a few milliseconds and hide the parallelism.

    python perf/parallel_fib.py                  # protojit n=36 (auto tier), CPython n=30
    python perf/parallel_fib.py --n 34 --cpython-n 28 --repeat 5

Every result is checked against an exact fib(n). Times are medians over
--repeat runs (after a warm-up that lets the native tier compile fib).
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

# The program of issue 5, verbatim, then a plain-Python driver that times it.
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


def timed(f, repeat):
    """Wall and CPU (all threads) seconds of each of `repeat` calls of f, and f's value."""
    walls, cpus, value = [], [], None
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        value = f()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return walls, cpus, value


def csv(values):
    return ",".join(map(str, values))


def main():
    n, repeat = int(sys.argv[1]), int(sys.argv[2])
    warm = min(n, 22)
    fib(warm)                   # warm-up: the native tier compiles fib here
    run(2, warm)
    walls, cpus, value = timed(lambda: fib(n), repeat)
    print("single", 1, value, csv(walls), csv(cpus))
    for threads in (1, 2, 4):
        walls, cpus, results = timed(lambda: run(threads, n), repeat)
        print("threads", threads, csv(results), csv(walls), csv(cpus))


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
    out = {"n": n, "compiled": compiled, "walls": {}, "cpus": {}}
    for line in proc.stdout.splitlines():
        kind, threads, results, walls, cpus = line.split()
        threads = int(threads)
        if [int(r) for r in results.split(",")] != [expected] * threads:
            raise SystemExit(f"wrong results ({kind}, {threads} threads): {results}; "
                             f"fib({n}) = {expected}")
        wall = statistics.median(float(t) for t in walls.split(","))
        cpu = statistics.median(float(t) for t in cpus.split(","))
        if kind == "single":
            out["single"] = wall
        else:
            out["walls"][threads] = wall
            out["cpus"][threads] = cpu
    return out


def format_table(rows: list[tuple[str, dict]]) -> str:
    head = (f"{'engine':<24}{'n':>4}{'single':>9}" + "".join(f"{f'{t} thr wall':>12}" for t in THREADS)
            + "".join(f"{f'x{t}':>7}" for t in THREADS) + f"{'2thr/seq':>10}{'cores@2thr':>12}")
    lines = [head, "-" * len(head)]
    for name, r in rows:
        walls = [r["walls"][t] for t in THREADS]
        speedups = [t * r["single"] / w for t, w in zip(THREADS, walls)]
        ratio = r["walls"][2] / (2 * r["single"])
        cores = r["cpus"][2] / r["walls"][2]
        lines.append(f"{name:<24}{r['n']:>4}{r['single']:>8.3f}s" + "".join(f"{w:>11.3f}s" for w in walls)
                     + "".join(f"{s:>6.2f}x" for s in speedups) + f"{ratio:>10.2f}{cores:>12.2f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=36, help="fib(n) per thread under protojit (36)")
    parser.add_argument("--cpython-n", type=int, default=30, help="fib(n) per thread under CPython (30)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row; medians (3)")
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
          f"medians of {args.repeat} runs; xN = N * single / wall(N); 2thr/seq = wall(2) / "
          f"(2 * single); cores@2thr = CPU seconds / wall seconds with 2 threads")
    print(format_table(rows))
    if pj["compiled"] is False:
        print("note: fib was not compiled by protojit's native tier (it ran in tier 0 under the "
              "GIL), so no parallel speedup is expected")
    ratio = pj["walls"][2] / (2 * pj["single"])
    print(f"protojit: 2 threads took {ratio:.2f}x the time of running them one after the other "
          f"(target <= 0.60, i.e. speedup >= 1.7x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
