"""The cost of the debugger's line events in tier 0.

A program is compiled with line events only when its source mentions breakpoint
(protojit/runtime/runner.py); otherwise its closures are exactly the untraced ones.
This times the same loop compiled both ways (no debugger active, so each event is one
call that returns at once). Run: python -m pytest perf/bench_line_events.py --benchmark-only
"""
import sys

from protojit.runtime.environment import PythonEnvironment

SOURCE = '''
def work(n):
    t = 0
    for i in range(n):
        t += i % 7
    return t

def main():
    return work(20000)
'''


# Every runner gets the same rounds (auto-calibrated rounds differ per runner).
ROUNDS = 5


def guest_main(line_events):
    from protojit import tiering
    tiering.settings.tier = "interp"
    env = PythonEnvironment(argv=["bench"], script_dir=None, tier="interp")
    env.line_events = line_events
    host_main_module = sys.modules["__main__"]
    try:
        module = env.new_main_module(None)
        env.run_source(SOURCE, "<bench_line_events>", module.__dict__)
    finally:
        sys.modules["__main__"] = host_main_module
    return module.__dict__["main"]


def host_main():
    namespace = {}
    exec(compile(SOURCE, "<bench_line_events>", "exec"), namespace)
    return namespace["main"]


def test_cpython(benchmark, record_median):
    benchmark.group = "line-events"
    benchmark.pedantic(host_main(), rounds=ROUNDS, warmup_rounds=1)
    record_median("line-events", "cpython", benchmark)


def test_protojit_untraced(benchmark, record_median):
    benchmark.group = "line-events"
    fn = guest_main(False)
    assert fn() == host_main()()
    benchmark.pedantic(fn, rounds=ROUNDS, warmup_rounds=1)
    record_median("line-events", "pj-untraced", benchmark)


def test_protojit_traced(benchmark, record_median):
    benchmark.group = "line-events"
    fn = guest_main(True)
    assert fn() == host_main()()
    benchmark.pedantic(fn, rounds=ROUNDS, warmup_rounds=1)
    record_median("line-events", "pj-traced", benchmark)
