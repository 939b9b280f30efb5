"""Tier 0 against CPython on call-, loop- and attribute-heavy programs.

Each program in perf/programs/ defines main(); we time main() on the host
CPython and main() as a guest function under protojit's interpreter
(--tier interp), in the same process and run, and check both give the same
result (a fast wrong answer is a failure).
"""
import importlib.util
import os

import pytest

from protojit.runtime.environment import PythonEnvironment

HERE = os.path.join(os.path.dirname(__file__), "programs")
PROGRAMS = ["calls", "loops", "attributes"]


def host_main(name):
    spec = importlib.util.spec_from_file_location(f"perf_{name}", os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def guest_main(name):
    # Tier 0 only: the tiering policy is process-wide (the CLI sets it from --tier).
    from protojit import tiering
    tiering.settings.tier = "interp"
    env = PythonEnvironment(argv=[name], script_dir=HERE, tier="interp")
    module = env.importer.load(name)
    return module.main


@pytest.mark.parametrize("name", PROGRAMS)
def test_cpython(benchmark, record_median, name):
    benchmark.group = name
    fn = host_main(name)
    benchmark(fn)
    record_median(name, "cpython", benchmark)


@pytest.mark.parametrize("name", PROGRAMS)
def test_protojit_interp(benchmark, record_median, name):
    benchmark.group = name
    fn = guest_main(name)
    assert fn() == host_main(name)()
    benchmark(fn)
    record_median(name, "protojit-interp", benchmark)
