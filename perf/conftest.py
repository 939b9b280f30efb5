"""perf/: pytest-benchmark suites. Ratios against CPython are printed at the end of the run.

Run with: python -m pytest perf --benchmark-only   (add --benchmark-autosave to keep results)
"""
import statistics

import pytest

_MEDIANS: dict[tuple[str, str], float] = {}


@pytest.fixture
def record_median():
    def record(program: str, runner: str, benchmark) -> None:
        stats = benchmark.stats.stats if hasattr(benchmark.stats, "stats") else benchmark.stats
        _MEDIANS[(program, runner)] = statistics.median(stats.data)
    return record


def pytest_terminal_summary(terminalreporter):
    if not _MEDIANS:
        return
    tr = terminalreporter
    tr.section("protojit / CPython (median time ratios; lower is better)")
    programs = sorted({p for p, _ in _MEDIANS})
    for program in programs:
        base = _MEDIANS.get((program, "cpython"))
        for (p, runner), median in sorted(_MEDIANS.items()):
            if p != program:
                continue
            ratio = f"{median / base:8.2f}x" if base else "     n/a"
            tr.write_line(f"{program:<14} {runner:<18} median {median * 1e3:10.3f} ms  {ratio}")
