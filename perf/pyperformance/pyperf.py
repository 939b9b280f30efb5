"""A stand-in for the `pyperf` package: just enough of its Runner for pyperformance's
benchmark scripts (bm_*/run_benchmark.py) to run under protojit and CPython alike.

pyperf itself spawns worker processes, calibrates loop counts and writes JSON files;
here one process runs one benchmark script and each `bench_func`/`bench_time_func`
call runs its function PJ_BENCH_WARMUPS times unmeasured, then PJ_BENCH_RUNS times
measured (a bench_time_func with its loop count calibrated as pyperf's, see there), and
prints one line

    PJBENCH {"name": ..., "times": [seconds per run...], "result": "..."}

that perf/pyperformance_suite.py reads. `result` is the repr of what the benchmarked
function returned (bench_func only; addresses removed), so a runner can check that
protojit computed what CPython computed. Written for this project; the interface
follows pyperf's documented API (Runner, bench_func, bench_time_func, argparser,
parse_args, metadata, perf_counter).
"""
import argparse
import json
import os
import re
import time

perf_counter = time.perf_counter
MIN_TIME = 0.1   # seconds per measured run of a bench_time_func (pyperf's min_time)

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# PJ_BENCH_LOG=1: one stderr line per round (warm-ups too) with its start (perf_counter's
# own seconds: with protojit's PJ_COMPILE_LOG=1 PJ_LOG_ABS=1 the two logs line up) and
# its seconds, to see which compile landed in which round
_ROUND_LOG = os.environ.get("PJ_BENCH_LOG") == "1"


def _log_round(name, kind, i, one_run):
    t0 = perf_counter()
    c0 = time.thread_time()
    t = one_run()
    if _ROUND_LOG:
        import sys
        # (and the round's CPU seconds on this thread: on a loaded machine its wall
        # seconds say more about the load than about the code)
        sys.stderr.write("ROUND %.3f %s %s %d %.6f %.6f\n"
                         % (t0, name, kind, i, t, time.thread_time() - c0))
    return t


def _setting(name, default):
    return int(os.environ.get(name, default))


class Runner:
    def __init__(self, values=None, processes=None, loops=0, min_time=0.1, metadata=None,
                 show_name=True, program_args=None, add_cmdline_args=None, _argparser=None,
                 warmups=1):
        self.metadata = dict(metadata or {})
        self.argparser = argparse.ArgumentParser()
        self.args = None
        self.warmups = _setting("PJ_BENCH_WARMUPS", 3)
        self.runs = _setting("PJ_BENCH_RUNS", 5)

    def parse_args(self, args=None):
        self.args = self.argparser.parse_args(args)
        return self.args

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        result = None

        def one_run():
            nonlocal result
            t0 = perf_counter()
            result = func(*args)
            return perf_counter() - t0
        self._measure(name, one_run, inner_loops, lambda: result)

    def bench_time_func(self, name, time_func, *args, inner_loops=None, metadata=None):
        # As pyperf: time_func(loops) runs the benchmark `loops` times, and loops is
        # calibrated so that one run takes at least min_time (0.1 s) -- here from the first
        # call, doubling, then fixed; each figure is the time per loop. (With loops=1, a
        # benchmark whose work is in time_func's own loop, such as unpack_sequence, ran
        # that loop once per call: never hot, and too short to time.)
        loops = 1
        while time_func(loops, *args) < MIN_TIME and loops < 1 << 20:
            loops *= 2
        self._measure(name, lambda: time_func(loops, *args) / loops, inner_loops, lambda: None)

    def _measure(self, name, one_run, inner_loops, last_result):
        for i in range(self.warmups):
            _log_round(name, "warm-up", i, one_run)
        times = [_log_round(name, "run", i, one_run) / (inner_loops or 1)
                 for i in range(self.runs)]
        result = last_result()
        text = None if result is None else _ADDRESS.sub("", repr(result))
        print("PJBENCH " + json.dumps({"name": name, "times": times, "result": text}), flush=True)
