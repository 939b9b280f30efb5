"""breakpoint() and the guest debugger.

`breakpointhook` is the guest's sys.breakpointhook: it honours
PYTHONBREAKPOINT as CPython does ('0' disables, 'module.function' imports
and calls that, empty or unset calls the environment's debugger hook).

The default hook is `GuestDebugger`, a small pdb-like debugger over guest
ExecutionFrames: where, list, p/pp expr, n(ext), s(tep), c(ontinue), q(uit).
Stepping needs a line event per statement; the closure compiler adds one
only when `env.line_events` was on when the code was compiled (the runner
turns it on for programs that mention breakpoint or set PYTHONBREAKPOINT),
so ordinary programs pay nothing.
"""
from __future__ import annotations

import bdb
import linecache
import os
import sys
import warnings

from protojit.interp.frame import current_frame


def breakpointhook(env):
    def hook(*args, **kwargs):
        spec = os.environ.get("PYTHONBREAKPOINT")
        if spec is None or spec == "":
            return env.debugger_hook(current_frame(), *args, **kwargs)
        if spec == "0":
            return None
        modname, _, funcname = spec.rpartition(".")
        try:
            module = env.importer.load(modname or "builtins")
            target = getattr(module, funcname)
        except (ImportError, AttributeError):
            warnings.warn(f'Ignoring unimportable $PYTHONBREAKPOINT: "{spec}"', RuntimeWarning)
            return None
        return target(*args, **kwargs)
    hook.__name__ = hook.__qualname__ = "breakpointhook"
    return hook


def _depth(frame) -> int:
    n = 0
    while frame is not None:
        n += 1
        frame = frame.f_back
    return n


class GuestDebugger:
    """A line-stepping debugger over guest frames, reading commands from stdin."""

    prompt = "(Pdb) "

    def __init__(self, env):
        self.env = env
        self.mode = None          # None: not stopping; "step"; "next"; "return"
        self.stop_depth = 0
        self.frame = None         # the frame shown to the user ("current")

    # -- entry points -------------------------------------------------------------------

    def __call__(self, frame, *args, **kwargs):
        """breakpoint(): stop at the next line executed in the caller (like pdb.set_trace)."""
        self.mode = "next"
        self.stop_depth = _depth(frame)
        self.env.debugger_active = True

    def line_event(self, frame) -> None:
        """Called before each statement of code compiled with line events."""
        mode = self.mode
        if mode is None:
            return
        if mode == "next" and _depth(frame) > self.stop_depth:
            return
        self.interact(frame)

    # -- the command loop ----------------------------------------------------------------

    def interact(self, frame):
        self.frame = frame
        self.print_location(frame)
        while True:
            try:
                sys.stdout.write(self.prompt)
                sys.stdout.flush()
                line = sys.stdin.readline()
            except KeyboardInterrupt:
                continue
            if not line:     # end of input: carry on as `continue` does
                sys.stdout.write("\n")
                self.mode = None
                return
            cmd, _, arg = line.strip().partition(" ")
            arg = arg.strip()
            if cmd in ("n", "next"):
                self.mode, self.stop_depth = "next", _depth(frame)
                return
            if cmd in ("s", "step"):
                self.mode = "step"
                return
            if cmd in ("c", "cont", "continue"):
                self.mode = None
                return
            if cmd in ("q", "quit", "exit"):
                self.mode = None
                raise bdb.BdbQuit
            if cmd in ("w", "where", "bt"):
                self.print_stack(frame)
            elif cmd in ("l", "list"):
                self.print_listing(frame)
            elif cmd in ("p", "pp"):
                self.print_expression(frame, arg, pretty=(cmd == "pp"))
            elif cmd in ("h", "help"):
                sys.stdout.write("Commands: where list p pp next step continue quit\n")
            elif cmd:
                self.print_expression(frame, line.strip(), pretty=False, quiet_none=True)

    # -- output ----------------------------------------------------------------------------

    @staticmethod
    def location(frame) -> str:
        code = frame.f_code
        return f"{code.filename}({frame.f_lineno}){code.name}()"

    def print_location(self, frame, marker="> "):
        text = linecache.getline(frame.f_code.filename, frame.f_lineno).strip()
        sys.stdout.write(f"{marker}{self.location(frame)}\n-> {text}\n")

    def print_stack(self, frame):
        frames = []
        while frame is not None:
            frames.append(frame)
            frame = frame.f_back
        for f in reversed(frames):
            self.print_location(f, "> " if f is self.frame else "  ")

    def print_listing(self, frame):
        first = max(1, frame.f_lineno - 5)
        for n in range(first, first + 11):
            text = linecache.getline(frame.f_code.filename, n)
            if not text:
                break
            mark = "->" if n == frame.f_lineno else "  "
            sys.stdout.write(f"{n:4d} {mark}\t{text.rstrip()}\n")

    def print_expression(self, frame, source, pretty, quiet_none=False):
        try:
            value = self.env.eval_source(source, frame.f_globals, frame.f_locals)
        except Exception as e:   # noqa: BLE001 - report any error of the user's expression
            sys.stdout.write(f"*** {type(e).__name__}: {e}\n")
            return
        if quiet_none and value is None:
            return
        if pretty:
            import pprint
            sys.stdout.write(pprint.pformat(value) + "\n")
        else:
            sys.stdout.write(repr(value) + "\n")
