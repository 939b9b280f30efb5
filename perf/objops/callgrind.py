"""Instructions per iteration of the object-code microbenchmarks in this folder.

Each program takes an iteration count as its argument and runs its loop in one native
call from module level; callgrind counts only what runs inside pjentry.c's
spec_run_object (the native call: machine code and what it calls), so the compile and
the interpreter's start are not counted. The figure is the count of a run of 2n iterations
less that of a run of n, over n (what the window holds once cancels out: the module-level
code and the compiles it triggers, now that module-level code runs natively at --tier jit).

    python perf/objops/callgrind.py [-n 20000] [--pythonpath DIR] [PROGRAM...]

--pythonpath runs another protojit tree (a copy of an older commit with its built
extensions) for a before/after pair. Needs valgrind.
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def instructions(program: pathlib.Path, n: int, pythonpath: str | None) -> int:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         "--toggle-collect=spec_run_object", sys.executable, "-m", "protojit", "--tier", "jit",
         str(program), str(n)], env=env, capture_output=True, text=True, check=True)
    m = re.search(r"Collected\s*:\s*([\d,]+)", proc.stderr) or re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    return int(m.group(1).replace(",", ""))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--pythonpath")
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args(argv)
    names = args.programs or sorted(p.stem for p in HERE.glob("*.py") if p.stem != "callgrind")
    for name in names:
        # (the difference of a run of 2n iterations and one of n: what the window also
        # holds once -- the module-level code when that runs natively too, a compile it
        # triggers -- cancels out)
        once = instructions(HERE / f"{name}.py", args.n, args.pythonpath)
        twice = instructions(HERE / f"{name}.py", 2 * args.n, args.pythonpath)
        print(f"{name:24s} {(twice - once) / args.n:10.1f} instructions per iteration", flush=True)


if __name__ == "__main__":
    main()
