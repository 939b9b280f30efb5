"""Fixtures shared by the unit tests.

`guest`: runs guest source as a module at tier 0 and returns its globals, so a test
can take guest functions (protojit Function objects) and compile or call them. No
automatic tiering happens while it runs: the tests compile explicitly.
"""
import os
import tempfile
import textwrap

import pytest

from protojit import tiering
from protojit.runtime.environment import PythonEnvironment


def _run_module(src: str, tier: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="pj_guest_") as d:
        path = os.path.join(d, "m.py")
        with open(path, "w") as fh:
            fh.write(src)
        env = PythonEnvironment(argv=[path], script_dir=d, tier=tier)
        main = env.new_main_module(path)
        env.run_source(src, path, main.__dict__)
    return main.__dict__


def run_guest(src: str) -> dict:
    """Run `src` (dedented) as a guest module under tier 0; return its globals."""
    with tiering.tier_as("interp"):
        return _run_module(textwrap.dedent(src), "interp")


def run_guest_auto(src: str) -> dict:
    """Run `src` as a guest module at --tier auto (its functions get counting entries; the
    test sets tiering's settings, e.g. with tier_as("auto")); return its globals."""
    return _run_module(src, "auto")


@pytest.fixture(scope="session")
def guest():
    """run_guest: guest(src) -> the globals of `src` run as a guest module at tier 0."""
    return run_guest
