"""Object code's calls of compiled object code through the C entry (pjentry.c pj_call), at
--tier jit: tests/test_programs.py runs jit_ programs at --tier jit with --trace (to check
what compiled), and a traced run calls native code through the Python dispatcher instead;
here the jit_obj_calls_* programs run untraced and must print what CPython prints (stdout,
stderr's last line, exit code)."""
import os
import pathlib
import subprocess
import sys

import pytest

PROGRAMS = pathlib.Path(__file__).resolve().parents[1] / "programs"
CALLS = sorted(p.name for p in PROGRAMS.glob("jit_obj_calls_*.py"))


def _run(argv):
    env = dict(os.environ, PYTHONHASHSEED="0")
    r = subprocess.run(argv, cwd=PROGRAMS, env=env, capture_output=True, text=True, timeout=50)
    last = r.stderr.strip().splitlines()[-1:] if r.stderr.strip() else []
    return r.stdout, last, r.returncode


def test_programs_found():
    assert len(CALLS) >= 5


@pytest.mark.parametrize("name", CALLS)
def test_untraced_jit_equals_cpython(name):
    expected = _run([sys.executable, name])
    got = _run([sys.executable, "-m", "protojit", "--tier", "jit", name])
    assert got == expected
