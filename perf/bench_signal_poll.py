"""The cost of native code's signal poll (codegen/lower.py: a compare with the module's
poll_limit and a never-taken branch at every loop back-edge, and the recursion depth
check, which compares with the same limit, at recursive calls).

fib(32) (7 million native calls: a depth check each), tak(22, 16, 8) (four recursive calls
a level, 905685 calls) and the Kepler-orbit float loop of bench_native.py (a back-edge
poll per iteration), each compiled twice, with the poll
and with it switched off (lower.SIGNAL_POLL, a switch for this measurement only), and
timed side by side: the rounds alternate, so a change in the machine's speed hits both.

Run: python -m pytest perf/bench_signal_poll.py --benchmark-only -q
     python perf/bench_signal_poll.py     (min of 15 alternating runs, and the ratio)

The script times each run in this thread's CPU time (time.thread_time): on the shared
2-core machine the wall clock of a 7 ms run mostly measured the other processes (the
same pair gave +0.4% and +40% in two runs at load 3), the thread's CPU time agreed
within 2% from run to run at load 11.
"""
import os
import shutil
import sys
import tempfile
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_native import guest_functions  # noqa: E402

ORBIT_ARGS = (1.0, 0.0, 0.0, 1.0, 1e-4, 2_000_000)
CASES = {"fib(32)": ("fib", (32,)), "orbit(2e6)": ("orbit", ORBIT_ARGS),
         "tak(22,16,8)": ("tak", (22, 16, 8))}


def compile_pair(guest, name, args):
    """{True: call with the poll, False: call without} for guest function `name`."""
    from protojit.codegen import compiler, lower
    out = {}
    saved = lower.SIGNAL_POLL
    try:
        for poll in (True, False):
            lower.SIGNAL_POLL = poll
            spec = compiler.compile_function(guest[name], args)
            out[poll] = (lambda s: (lambda: s.call(args)))(spec)
    finally:
        lower.SIGNAL_POLL = saved
    return out


@pytest.fixture(scope="module")
def pairs():
    tmp = tempfile.mkdtemp(prefix="pj_bench_poll_")
    try:
        guest = guest_functions(tmp)
        yield {case: compile_pair(guest, name, args) for case, (name, args) in CASES.items()}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("poll", [True, False], ids=["poll", "no-poll"])
def test_signal_poll(benchmark, record_median, pairs, case, poll):
    benchmark.group = f"signal poll: {case}"
    fn = pairs[case][poll]
    expected = pairs[case][True]()
    assert benchmark.pedantic(fn, rounds=5, iterations=1, warmup_rounds=1) == expected
    record_median(case, "poll" if poll else "no-poll", benchmark)


def main(rounds=15):
    tmp = tempfile.mkdtemp(prefix="pj_bench_poll_")
    try:
        guest = guest_functions(tmp)
        for case, (name, args) in CASES.items():
            pair = compile_pair(guest, name, args)
            assert pair[True]() == pair[False]()
            best = {True: float("inf"), False: float("inf")}
            for _ in range(rounds):
                for poll in (True, False):
                    t0 = time.thread_time()
                    pair[poll]()
                    best[poll] = min(best[poll], time.thread_time() - t0)
            print(f"{case:<12} poll {best[True] * 1e3:8.2f} ms   no poll {best[False] * 1e3:8.2f} ms"
                  f"   cost {100 * (best[True] / best[False] - 1):+.1f}%")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
