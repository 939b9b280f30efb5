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


def _enable_readline(namespace: dict) -> None:
    try:
        import readline  # noqa: F401 - importing it turns on line editing for input()
    except ImportError:
        return
    # Tab completes names and attributes, as CPython's site.py sets up (rlcompleter)
    # over the guest's __main__ and builtins
    import rlcompleter
    readline.set_completer(_GuestCompleter(namespace).complete)
    if "libedit" in (getattr(readline, "__doc__", "") or ""):
        readline.parse_and_bind("bind ^I rl_complete")
    else:
        readline.parse_and_bind("tab: complete")
    history = os.path.join(os.path.expanduser("~"), ".protojit_history")
    try:
        readline.read_history_file(history)
    except OSError:
        pass
    import atexit
    atexit.register(_save_history, readline, history)


class _GuestCompleter:
    """rlcompleter.Completer over the guest's namespace; its builtins are the guest's."""

    def __init__(self, namespace: dict):
        import rlcompleter
        self.namespace = namespace
        self.completer = rlcompleter.Completer(namespace)

    def complete(self, text, state):
        import builtins
        import rlcompleter
        guest_builtins = self.namespace.get("__builtins__")
        if guest_builtins is None or guest_builtins is builtins:
            return self.completer.complete(text, state)
        # global_matches looks in the namespace and then in `builtins`: the guest's
        saved = rlcompleter.builtins
        rlcompleter.builtins = guest_builtins
        try:
            return self.completer.complete(text, state)
        finally:
            rlcompleter.builtins = saved


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


def interact(env, quiet: bool = False) -> None:
    main = env.new_main_module(None)
    _enable_readline(main.__dict__)
    if not quiet:
        sys.stderr.write(f"protojit {__version__} (Python {sys.version.split()[0]}) "
                         "-- tier-0 interpreter + llvmlite native tier\n"
                         'Type "help", "copyright", "credits" or "license" for more information.\n')
    # CPython sets the prompts in interactive mode only; the guest may change them
    if not hasattr(sys, "ps1"):
        sys.ps1 = ">>> "
    if not hasattr(sys, "ps2"):
        sys.ps2 = "... "
    compiler = codeop.CommandCompiler()
    while True:
        lines: list[str] = []
        prompt = str(sys.ps1)
        while True:
            try:
                line = _read(prompt)
            except EOFError:
                sys.stderr.write("\n")
                return
            except KeyboardInterrupt:
                sys.stderr.write("\nKeyboardInterrupt\n")
                lines = []
                prompt = str(sys.ps1)
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
            prompt = str(sys.ps2)


def run_interactive(env, source: str, main) -> None:
    try:
        env.run_source(source + "\n", "<stdin>", main.__dict__, mode="single")
    except SystemExit:
        raise
    except BaseException as e:   # noqa: BLE001 - the REPL reports and goes on
        sys.last_value = e
        tracebacks.print_exception(e)
