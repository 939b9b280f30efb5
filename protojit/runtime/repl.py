"""The interactive prompt: read, compile with protojit's front end, run in __main__.

Input is collected line by line until the host `codeop` module says the
statement is complete (the same rule as CPython's REPL); expression
statements print their repr through sys.displayhook. readline gives line
editing and history when it is available.
"""
from __future__ import annotations

import codeop
import os
import sys

from protojit import __version__
from protojit.runtime import tracebacks


def _enable_readline() -> None:
    try:
        import readline  # noqa: F401 - importing it turns on line editing for input()
    except ImportError:
        return
    history = os.path.join(os.path.expanduser("~"), ".protojit_history")
    try:
        readline.read_history_file(history)
    except OSError:
        pass
    import atexit
    atexit.register(_save_history, readline, history)


def _save_history(readline, path):
    try:
        readline.write_history_file(path)
    except OSError:
        pass


def _read(prompt: str) -> str:
    if sys.stdin.isatty():
        return input(prompt)
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def interact(env) -> None:
    _enable_readline()
    main = env.new_main_module(None)
    sys.stderr.write(f"protojit {__version__} (Python {sys.version.split()[0]}) "
                     "-- tier-0 interpreter + llvmlite native tier\n"
                     'Type "help", "copyright", "credits" or "license" for more information.\n')
    compiler = codeop.CommandCompiler()
    while True:
        lines: list[str] = []
        prompt = ">>> "
        while True:
            try:
                line = _read(prompt)
            except EOFError:
                sys.stderr.write("\n")
                return
            except KeyboardInterrupt:
                sys.stderr.write("\nKeyboardInterrupt\n")
                lines = []
                prompt = ">>> "
                continue
            lines.append(line)
            source = "\n".join(lines)
            try:
                complete = compiler(source, "<stdin>", "single")
            except (SyntaxError, OverflowError, ValueError) as e:
                tracebacks.print_exception(e)
                lines = []
                break
            if complete is not None:
                run_interactive(env, source, main)
                break
            prompt = "... "


def run_interactive(env, source: str, main) -> None:
    try:
        env.run_source(source + "\n", "<stdin>", main.__dict__, mode="single")
    except SystemExit:
        raise
    except BaseException as e:   # noqa: BLE001 - the REPL reports and goes on
        sys.last_value = e
        tracebacks.print_exception(e)
