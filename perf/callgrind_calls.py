"""Instructions per iteration of object code's calls of guest functions, counted by callgrind.

Each case is a loop whose body makes two calls of one kind (a plain function, a method, a
call with a keyword and a default, a constructor); the figure is the difference of the
instruction counts of two runs that differ only in the iteration count, divided by the
difference: start-up, compiles and the loop's set-up cancel out. Counts do not depend on
the machine's load, so figures taken on the shared machine compare (timings do not).

Run: python perf/callgrind_calls.py [--tier jit] [--cpython] [--n 2000,12000] [CASE...]
  CASE: plain method kwdefault ctor (default: all); --cpython adds CPython's count of the
  same program (the spec to beat). Needs valgrind. Compiled code comes from a private
  cache filled by a first run, so both counted runs load the same machine code.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

PRELUDE = "import sys\n"

CASES = {
    "plain": """
class O: pass
def f(o, i):
    return i
def loop(n, o):
    t = 0
    for i in range(n):
        t += f(o, i)
        t += f(o, i)
    return t
print(loop(int(sys.argv[1]), O()))
""",
    "method": """
class O:
    def m(self, i):
        return i
def loop(n, o):
    t = 0
    for i in range(n):
        t += o.m(i)
        t += o.m(i)
    return t
print(loop(int(sys.argv[1]), O()))
""",
    "kwdefault": """
class O: pass
def f(o, a=1, c=2):
    return c
def loop(n, o):
    t = 0
    for i in range(n):
        t += f(o, c=i)
        t += f(o, c=i)
    return t
print(loop(int(sys.argv[1]), O()))
""",
    "ctor": """
class P:
    def __init__(self, x):
        self.x = x
def loop(n):
    t = 0
    for i in range(n):
        t += P(i).x
        t += P(i).x
    return t
print(loop(int(sys.argv[1])))
""",
}


def count(cmd, env):
    """Instructions callgrind counted for `cmd`."""
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                       env=env, capture_output=True, text=True, check=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    if m is None:
        raise RuntimeError("no callgrind total in:\n" + r.stderr[-2000:])
    return int(m.group(1))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tier", default="jit")
    ap.add_argument("--cpython", action="store_true")
    ap.add_argument("--n", default="2000,12000", help="the two iteration counts")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args(argv)
    n1, n2 = (int(x) for x in a.n.split(","))
    tmp = tempfile.mkdtemp(prefix="pj_cg_calls_")
    try:
        env = dict(os.environ, PROTOJIT_CACHE_DIR=os.path.join(tmp, "cache"))
        for name in a.cases or list(CASES):
            path = os.path.join(tmp, name + ".py")
            with open(path, "w") as fh:
                fh.write(PRELUDE + CASES[name])
            pj = [sys.executable, "-m", "protojit", "--tier", a.tier, path]
            subprocess.run(pj + [str(n1)], env=env, check=True, capture_output=True)  # fill the cache
            per = (count(pj + [str(n2)], env) - count(pj + [str(n1)], env)) / (n2 - n1)
            line = f"{name:10s} protojit --tier {a.tier}: {per:8.0f} instructions per iteration"
            if a.cpython:
                cp = [sys.executable, path]
                cper = (count(cp + [str(n2)], env) - count(cp + [str(n1)], env)) / (n2 - n1)
                line += f"   CPython: {cper:8.0f}"
            print(line, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
