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
  --no-object-code    compile only numeric code natively (functions on objects stay in
                      tier 0); --object-code (the default) compiles them to native object code
  --no-background-compile
                      at --tier auto, compile hot functions on the program's own thread
                      (by default a background thread compiles them while the program
                      goes on in tier 0)
  --trace[=FILE]      record engine events: a report on stderr at exit, or JSON lines
                      to FILE (show it with `protojit trace FILE [--ir NAME]`)
  --trace-format {html,svg}
                      with --trace: export the report to --trace-output (default
                      FILE.html/.svg, or protojit-trace.html/.svg)
  --trace-output OUT  the exported report's file name
  --stats             print a summary of the engine's work at exit (on stderr)
  --compile-report=FILE
                      at exit, append to FILE one JSON line: seconds spent compiling
                      and the number of compiles (perf/pyperformance_suite.py reads it)
  -B                  accepted (protojit writes no bytecode files)
  -E                  ignore PYTHON* and PROTOJIT_PATH environment variables
  -I                  isolate from the user's environment (implies -E, -P and -s)
  -O                  remove assert statements (__debug__ is False)
  -P                  do not put the script's folder (or the current one) on sys.path
  -q                  no banner at the interactive prompt
  -s                  accepted (protojit adds no user site folder)
  -S                  accepted (protojit's guests import no site module)
  -u                  unbuffered stdout and stderr
  -W arg              warning control (as python3 -W: action:message:category:module:lineno)
  -X opt              set an implementation-specific option (sys._xoptions)
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
        self.object_code = True       # native object code (--no-object-code: off)
        self.trace = None
        self.trace_format = None
        self.trace_output = None
        self.stats = False
        self.compile_report = None    # --compile-report=FILE (tiering.shutdown)
        self.background_compile = True   # --no-background-compile: off (tiering._Background)
        self.optimize = False
        self.unbuffered = False
        self.ignore_environment = False
        self.isolated = False
        self.safe_path = False
        self.quiet = False
        self.no_user_site = False
        self.no_site = False
        self.dont_write_bytecode = False
        self.warnoptions: list[str] = []
        self.xoptions: list[str] = []
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
        elif a == "--object-code":
            opts.object_code = True
        elif a == "--no-object-code":
            opts.object_code = False
        elif a == "--no-background-compile":
            opts.background_compile = False
        elif a == "--background-compile":
            opts.background_compile = True
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
        elif a.startswith("--compile-report="):
            value = a.partition("=")[2]
            if not value:
                return usage_error("protojit: --compile-report needs a file name")
            opts.compile_report = os.path.abspath(value)   # (the guest may chdir)
        elif a == "-":
            opts.script = "-"
            opts.args = ["-"] + argv[i + 1:]
            return opts
        elif a.startswith("-") and not a.startswith("--"):
            # python3's one-letter flags, combinable (-uB, -Wignore, -Xdev, -OO)
            r = _short_flags(a, argv, i, opts)
            if isinstance(r, Options):
                return r
            if isinstance(r, str):
                return usage_error(r)
            i = r
        elif a.startswith("-"):
            return usage_error(f"Unknown option: {a}")
        else:
            opts.script = a
            opts.args = argv[i:]
            return opts
        i += 1
    opts.args = [""]
    return opts


# python3 flags that cannot mean anything here, with the reason the message gives
_UNSUPPORTED = {
    "b": "bytes/str comparison warnings need the host interpreter's own -b",
    "d": "parser debug output is CPython's",
    "i": "inspecting interactively after the script is not supported",
    "v": "import tracing is CPython's",
    "x": "skipping the first source line is not supported",
    "R": "hash randomisation is always on (PYTHONHASHSEED sets the seed)",
}


def _short_flags(a: str, argv: list[str], i: int, opts: Options):
    """Parse one argument of one-letter flags; returns the index of the last argument
    it used, Options when -c/-m ended the options, or an error message."""
    k = 1
    while k < len(a):
        ch = a[k]
        if ch in "cm":
            rest = a[k + 1:]
            if rest:
                value, tail = rest, argv[i + 1:]
            elif i + 1 < len(argv):
                value, tail = argv[i + 1], argv[i + 2:]
            else:
                return f"Argument expected for the -{ch} option"
            if ch == "c":
                opts.command = value
                opts.args = ["-c"] + tail
            else:
                opts.module = value
                opts.args = [value] + tail
            return opts
        if ch in "WX":
            rest = a[k + 1:]
            if rest:
                value = rest
            elif i + 1 < len(argv):
                i += 1
                value = argv[i]
            else:
                return f"Argument expected for the -{ch} option"
            (opts.warnoptions if ch == "W" else opts.xoptions).append(value)
            return i
        if ch == "O":
            if opts.optimize:
                return ("protojit: -OO (removing docstrings) is not supported; "
                        "-O removes assert statements")
            opts.optimize = True
        elif ch == "u":
            opts.unbuffered = True
        elif ch == "E":
            opts.ignore_environment = True
        elif ch == "I":
            opts.isolated = opts.ignore_environment = opts.safe_path = opts.no_user_site = True
        elif ch == "P":
            opts.safe_path = True
        elif ch == "B":
            opts.dont_write_bytecode = True
        elif ch == "q":
            opts.quiet = True
        elif ch == "s":
            opts.no_user_site = True
        elif ch == "S":
            opts.no_site = True
        elif ch in _UNSUPPORTED:
            return f"protojit: option -{ch} is not supported: {_UNSUPPORTED[ch]}"
        else:
            return f"Unknown option: -{ch}"
        k += 1
    return i


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
