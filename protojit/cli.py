"""The `protojit` command: run a script, -c code, -m module, or a REPL.

    protojit [options] script.py [args...]
    protojit [options] -c CODE [args...]
    protojit [options] -m MODULE [args...]
    protojit [options]                     (interactive prompt)
    protojit trace FILE [--ir NAME] [--trace-format text|html|svg] [-o OUT]
                                           (report of a saved --trace=FILE run)

Options come before the script; everything after it belongs to the guest's
sys.argv, exactly as with CPython. Exit codes follow CPython: 0, 1 for an
uncaught exception, sys.exit(n), 2 for bad usage or a missing script.
"""
from __future__ import annotations

import os
import sys

from protojit import __version__

USAGE = """\
usage: protojit [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options:
  -c cmd              program passed in as string (terminates option list)
  -m mod              run library module as a script (terminates option list)
  --tier {interp,jit,auto}
                      interp: tier-0 interpreter only; jit: compile every function it can
                      at its first call; auto (default): compile hot functions
  --jit-threshold N   calls (or loop iterations) before a function is hot (default 1000)
  --no-jit-cache      do not read or write the on-disk machine-code cache
  --trace[=FILE]      record engine events: a report on stderr at exit, or JSON lines
                      to FILE (show it with `protojit trace FILE [--ir NAME]`)
  --trace-format {html,svg}
                      with --trace: export the report to --trace-output (default
                      FILE.html/.svg, or protojit-trace.html/.svg)
  --trace-output OUT  the exported report's file name
  --stats             print a summary of the engine's work at exit (on stderr)
  -O                  remove assert statements
  -h, --help          print this help message and exit
  --version           print protojit's version and exit
file                  program read from script file
-                     program read from stdin
arg ...               arguments passed to program in sys.argv[1:]

protojit trace FILE [--ir NAME] [--trace-format text|html|svg] [-o OUT]
                      report of a run saved with --trace=FILE (protojit trace -h)
"""


class Options:
    def __init__(self):
        self.tier = "auto"
        self.jit_threshold = 1000
        self.jit_cache = True
        self.trace = None
        self.trace_format = None
        self.trace_output = None
        self.stats = False
        self.optimize = False
        self.command = None
        self.module = None
        self.script = None
        self.args: list[str] = []


def usage_error(message: str) -> int:
    sys.stderr.write(f"{message}\nusage: protojit [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                     "Try `protojit -h' for more information.\n")
    return 2


def parse_args(argv: list[str]):
    """Returns Options, or an int exit code when the command line asked to stop."""
    opts = Options()
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help", "-?"):
            sys.stdout.write(USAGE)
            return 0
        if a == "--version" or a == "-V":
            sys.stdout.write(f"protojit {__version__}\n")
            return 0
        if a == "-c":
            if i + 1 >= len(argv):
                return usage_error("Argument expected for the -c option")
            opts.command = argv[i + 1]
            opts.args = ["-c"] + argv[i + 2:]
            return opts
        if a.startswith("-c") and len(a) > 2:
            opts.command = a[2:]
            opts.args = ["-c"] + argv[i + 1:]
            return opts
        if a == "-m":
            if i + 1 >= len(argv):
                return usage_error("Argument expected for the -m option")
            opts.module = argv[i + 1]
            opts.args = [argv[i + 1]] + argv[i + 2:]
            return opts
        if a == "--tier" or a.startswith("--tier="):
            value = a.partition("=")[2] if "=" in a else (argv[i + 1] if i + 1 < len(argv) else None)
            if "=" not in a:
                i += 1
            if value not in ("interp", "jit", "auto"):
                return usage_error(f"protojit: --tier must be one of interp, jit, auto (got {value!r})")
            opts.tier = value
        elif a == "--jit-threshold" or a.startswith("--jit-threshold="):
            value = a.partition("=")[2] if "=" in a else (argv[i + 1] if i + 1 < len(argv) else "")
            if "=" not in a:
                i += 1
            if not value.isdigit():
                return usage_error(f"protojit: --jit-threshold needs a whole number (got {value!r})")
            opts.jit_threshold = int(value)
        elif a == "--no-jit-cache":
            opts.jit_cache = False
        elif a == "--trace":
            opts.trace = True
        elif a.startswith("--trace="):
            opts.trace = a.partition("=")[2]
        elif a in ("--trace-format", "--trace-output") or a.startswith(("--trace-format=", "--trace-output=")):
            value = a.partition("=")[2] if "=" in a else (argv[i + 1] if i + 1 < len(argv) else None)
            if "=" not in a:
                i += 1
            if a.startswith("--trace-output"):
                if not value:
                    return usage_error("protojit: --trace-output needs a file name")
                opts.trace_output = value
            elif value not in ("html", "svg"):
                return usage_error(f"protojit: --trace-format must be html or svg (got {value!r})")
            else:
                opts.trace_format = value
        elif a == "--stats":
            opts.stats = True
        elif a == "-O":
            opts.optimize = True
        elif a == "-":
            opts.script = "-"
            opts.args = ["-"] + argv[i + 1:]
            return opts
        elif a.startswith("-"):
            return usage_error(f"Unknown option: {a}")
        else:
            opts.script = a
            opts.args = argv[i:]
            return opts
        i += 1
    opts.args = [""]
    return opts


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "trace" and not os.path.exists("trace"):
        from protojit.trace.viewer import main as trace_main   # `protojit trace FILE ...`
        return trace_main(argv[1:])
    opts = parse_args(argv)
    if isinstance(opts, int):
        return opts
    if opts.trace_format is not None and not opts.trace:
        opts.trace = True    # --trace-format alone implies --trace
    if opts.trace_output is not None:
        opts.trace_output = os.path.abspath(opts.trace_output)   # the guest may chdir
    from protojit.runtime.runner import run
    return run(opts)


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
