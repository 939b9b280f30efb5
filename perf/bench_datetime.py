"""Date arithmetic loop: protojit's guest lib/datetime.py against CPython's C datetime.

The same program text runs on the host CPython (with its C `_datetime`) and as
guest code under protojit (where `import datetime` is lib/datetime.py), in the
same process and run; both must return the same checksum. Two guest settings
are measured: tier 0 only (`interp`) and the default tiering (`auto`), which
may compile the plain-integer calendar helpers. The tiering policy is
process-wide, so each guest benchmark sets it before building its environment.

Run: python -m pytest perf/bench_datetime.py --benchmark-only
"""
import pytest

from protojit import tiering
from protojit.runtime.environment import PythonEnvironment

BODY = r'''
def main(n=2000):
    """Walk dates and datetimes forward and back; fold everything into a checksum."""
    day = D.timedelta(days=1)
    step = D.timedelta(hours=7, minutes=13, seconds=5, microseconds=250)
    utc = D.timezone.utc
    plus5 = D.timezone(D.timedelta(hours=5, minutes=30))
    d = D.date(1999, 12, 25)
    t = D.datetime(2020, 2, 28, 23, 0, 0, tzinfo=utc)
    total = 0
    for i in range(n):
        d = d + day
        t = t + step
        back = t - D.timedelta(days=i % 400)
        span = t - back
        total += d.toordinal() + d.weekday() + span.days + span.seconds
        total += (t.astimezone(plus5).hour if i % 16 == 0 else t.hour)
        if back < t:
            total += 1
        total += d.isocalendar()[1] + (d - D.date(2000, 1, 1)).days
    return total, d.isoformat(), t.isoformat()
'''
PROGRAM = "import datetime as D\n" + BODY

N = 2000


def host_main(module=None):
    """main() on the host; `module` replaces the C datetime (pure-Python baselines)."""
    if module is None:
        import datetime as module
    ns = {"__name__": "bench_datetime_host", "D": module}
    exec(compile(BODY, "<bench datetime>", "exec"), ns)
    return ns["main"]


def load_by_path(name, path, block_c=False):
    """A private copy of a pure-Python datetime module (optionally without _datetime)."""
    import importlib.util
    import sys
    saved = sys.modules.get("_datetime")
    if block_c:
        sys.modules["_datetime"] = None          # makes Lib/datetime.py keep its Python classes
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if block_c:
            if saved is None:
                del sys.modules["_datetime"]
            else:
                sys.modules["_datetime"] = saved
    return module


def pure_modules():
    import datetime as host
    import os
    lib = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib", "datetime.py")
    return {"cpython-pydatetime": lambda: load_by_path("_bench_pydatetime", host.__file__, block_c=True),
            "cpython-lib-datetime": lambda: load_by_path("_bench_lib_datetime", lib)}


def guest_main(tier):
    tiering.settings.tier = tier
    env = PythonEnvironment(argv=["bench_datetime"], script_dir=None, tier=tier)
    ns = {"__name__": "bench_datetime_guest"}
    env.run_source(PROGRAM, "<bench datetime>", ns)
    return ns["main"]


def test_cpython(benchmark, record_median):
    benchmark.group = "datetime"
    fn = host_main()
    benchmark.pedantic(fn, args=(N,), rounds=5, iterations=1, warmup_rounds=1)   # as protojit's
    record_median("datetime", "cpython", benchmark)


@pytest.mark.parametrize("variant", ["cpython-pydatetime", "cpython-lib-datetime"])
def test_cpython_pure_python(benchmark, record_median, variant):
    """Baselines: CPython running its own pure-Python datetime, and running lib/datetime.py."""
    benchmark.group = "datetime"
    fn = host_main(pure_modules()[variant]())
    assert fn(N) == host_main()(N)
    benchmark.pedantic(fn, args=(N,), rounds=5, iterations=1, warmup_rounds=1)
    record_median("datetime", variant, benchmark)


@pytest.mark.parametrize("tier", ["interp", "auto"])
def test_protojit(benchmark, record_median, tier):
    benchmark.group = "datetime"
    fn = guest_main(tier)
    try:
        assert fn(N) == host_main()(N)
        benchmark.pedantic(fn, args=(N,), rounds=5, iterations=1, warmup_rounds=1)
    finally:
        tiering.settings.tier = "auto"
    record_median("datetime", f"protojit-{tier}", benchmark)
