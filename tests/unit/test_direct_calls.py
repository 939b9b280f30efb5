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
CALLS = sorted(p.name for pat in ("jit_obj_calls_*.py", "jit_obj_direct_*.py", "jit_code_assigned_*.py")
               for p in PROGRAMS.glob(pat))


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


# A host driver: protojit's command line with the keyword mapper of call-site caches and
# tier 0's keyword binding counted (tiering.keyword_positions, tiering.positional_call).
_COUNTING_DRIVER = r"""
import sys
from protojit import cli, tiering
counts = {"mapped": 0, "bound": 0}
mapper, binder = tiering.keyword_positions, tiering.positional_call
def keyword_positions(*a):
    counts["mapped"] += 1
    return mapper(*a)
def positional_call(*a):
    counts["bound"] += 1
    return binder(*a)
tiering.keyword_positions, tiering.positional_call = keyword_positions, positional_call
rc = cli.main(["--tier", "jit", sys.argv[1]])
print(counts["mapped"], counts["bound"], file=sys.stderr)
sys.exit(rc)
"""

_KEYWORD_CALLS = """
def f(a, b=2, c=3):
    return [a, b, c]


def run(n):
    out = []
    for i in range(n):
        out.append(f(i, c=i))
        out.append(f(c=i, a=i))
    return out


print(len(run(2000)), run(3)[-2:])
"""


def test_keyword_call_sites_map_once(tmp_path):
    """Object code's keyword calls of a compiled function map their keywords once per call
    site (pjentry.c PjCallCache), not per call: 4000 calls, a handful of mappings, no
    binding in Python."""
    prog = tmp_path / "kw_sites.py"
    prog.write_text(_KEYWORD_CALLS)
    expected = subprocess.run([sys.executable, str(prog)], capture_output=True, text=True, timeout=50)
    r = subprocess.run([sys.executable, "-c", _COUNTING_DRIVER, str(prog)], capture_output=True,
                       text=True, timeout=50, env=dict(os.environ, PYTHONHASHSEED="0"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == expected.stdout == "4000 [[2, 2, 2], [2, 2, 2]]\n"
    mapped, bound = map(int, r.stderr.split()[-2:])
    assert 2 <= mapped <= 8, r.stderr     # (two sites; a refill when a spec is added)
    assert bound <= 8, r.stderr           # (before f compiles: tier 0's calls)
