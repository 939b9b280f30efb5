"""breakpoint() and the guest debugger.

`breakpointhook(env)` makes the guest's sys.breakpointhook: it reads
PYTHONBREAKPOINT from the C environment at each call (so a guest
`os.environ[...] = ...` counts, as in CPython): '0' disables, 'module.function'
imports (guest import) and calls that, with CPython's RuntimeWarning when it
cannot; empty or unset calls pdb.set_trace as CPython's does if the program replaced
it (mock.patch('pdb.set_trace')), else the environment's registered debugger hook
(`env.debugger_hook`, by default a `GuestDebugger`), which stands for pdb's own.

`GuestDebugger` is a small pdb over guest ExecutionFrames, reading commands
from sys.stdin and writing to sys.stdout in pdb's formats: where, up, down,
list, longlist, args, p/pp expr, n(ext), s(tep) (with pdb's --Call--),
r(eturn), c(ontinue), q(uit), and any other line as a statement run in the
frame (assignments reach its variables, as under CPython 3.11's pdb). It needs
events from the program: the closure compiler adds a line event before each
statement and a return event after a `return` only when `env.line_events` is
on when the code is compiled (the runner turns it on for programs whose source
mentions breakpoint), so ordinary programs pay nothing; such code also stays
in tier 0 (runtime/function.py). What protojit does not report, the debugger
derives while stepping, as pdb would show it: a frame that ends without a
`return` statement shows its --Return-- at the next line event of its caller,
loop headers are stopped at on each iteration and at the end (from the scope's
AST), a class body stops at its `class` line. Only the thread that called
breakpoint() stops; code run by commands is not traced.
"""
from __future__ import annotations

import ast
import bdb
import linecache
import reprlib
import sys
import threading
import types
import _warnings as warnings   # (the C warn: these warnings name host frames; lib/warnings.py)
import weakref

from protojit.frames import current_frame, frame_object


def c_getenv(name: str) -> str | None:
    """A variable of the C environment (the live one the guest os.environ sees)."""
    from protojit.runtime.cenv import getenv_str
    return getenv_str(name)


def _warn_at_guest_frame(message: str, category, frame) -> None:
    """warnings.warn attributed to the guest line running in `frame` (as CPython's C code
    attributes it to the Python caller)."""
    if frame is None:
        warnings.warn(message, category, stacklevel=3)
        return
    frame = frame_object(frame)
    globals_ = frame.f_globals
    registry = globals_.get("__warningregistry__")
    if not isinstance(registry, dict):
        registry = globals_["__warningregistry__"] = {}
    warnings.warn_explicit(message, category, frame.guest_code.filename, frame.f_lineno,
                           module=globals_.get("__name__"), registry=registry,
                           module_globals=globals_)


def _replaced_set_trace():
    """pdb.set_trace if the program replaced it (unittest.mock.patch('pdb.set_trace'), an
    assignment), else None. CPython's default hook calls whatever pdb.set_trace is; while
    it is pdb's own function, protojit's guest debugger stands for it (the host's Pdb
    would debug the interpreter's frames). The pdb module is not imported for this: if
    nobody imported it, nobody replaced its set_trace."""
    pdb = sys.modules.get("pdb")
    if pdb is None:
        return None
    func = getattr(pdb, "set_trace", None)
    code = getattr(func, "__code__", None)
    if func is None or (isinstance(code, types.CodeType) and func.__name__ == "set_trace"
                        and code.co_filename == getattr(pdb, "__file__", None)):
        return None
    return func


def breakpointhook(env):
    """The guest's sys.breakpointhook (and sys.__breakpointhook__) for `env`."""
    def hook(*args, **kwargs):
        spec = c_getenv("PYTHONBREAKPOINT")
        if spec is None or spec == "" or sys.flags.ignore_environment:
            replaced = _replaced_set_trace()
            if replaced is not None:
                return replaced(*args, **kwargs)
            return env.debugger_hook(frame_object(current_frame()), *args, **kwargs)
        if spec == "0":
            return None
        modname, dot, funcname = spec.rpartition(".")
        try:
            module = env.importer.load(modname if dot else "builtins")
            target = getattr(module, funcname)
        except (ImportError, AttributeError):
            _warn_at_guest_frame(f'Ignoring unimportable $PYTHONBREAKPOINT: "{spec}"',
                                 RuntimeWarning, current_frame())
            return None
        return target(*args, **kwargs)
    hook.__name__ = hook.__qualname__ = "breakpointhook"
    hook.__module__ = "sys"
    return hook


def _write_back(frame, namespace: dict) -> None:
    """Store the values of `namespace` (the frame's locals dict, after a debugger statement)
    into the frame's variables, as CPython does when a trace function returns."""
    from protojit.frames import _locals_layout
    from protojit.frames import UNBOUND
    for name, slot, is_cell in _locals_layout(frame.guest_code):
        value = namespace.get(name, UNBOUND)
        if is_cell:
            cell = frame.frame[slot]
            if value is UNBOUND:
                continue
            try:
                cell.cell_contents = value
            except AttributeError:
                pass
        else:
            frame.frame[slot] = value


class _Loop:
    """A for/while loop of a scope: its header line, the line span of its body and the
    lines of the `break` statements that leave it."""
    __slots__ = ("header", "first", "last", "breaks")

    def __init__(self, node):
        self.header = node.lineno
        self.first = node.body[0].lineno
        self.last = max(getattr(stmt, "end_lineno", stmt.lineno) or stmt.lineno
                        for stmt in node.body)
        self.breaks = {n.lineno for n in _own_nodes(node.body) if isinstance(n, ast.Break)}


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)


def _own_nodes(stmts):
    """Nodes of `stmts` outside nested scopes and nested loops (for a loop's breaks)."""
    stack = list(stmts)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _SCOPES + _LOOPS):
            continue
        stack.extend(ast.iter_child_nodes(node))


def _loops_of(code) -> list:
    """The loops of a GuestCode's own body (not of nested scopes), cached on the code."""
    loops = code._pj_debug_loops
    if loops is None:
        loops = []
        node = code.node
        body = node.body if isinstance(getattr(node, "body", None), list) else []
        stack = list(body)
        while stack:
            n = stack.pop()
            if isinstance(n, _SCOPES):
                continue
            if isinstance(n, _LOOPS) and n.body:
                loops.append(_Loop(n))
            stack.extend(ast.iter_child_nodes(n))
        loops.sort(key=lambda loop: loop.last - loop.first)     # innermost first
        code._pj_debug_loops = loops
    return loops


def _header_events(code, previous: int, line: int) -> list[int]:
    """Loop header lines that CPython would report between a line event at `previous` and
    the next one at `line` in the same frame (protojit reports no event at a loop header
    after the first): a new iteration, or the last test/fetch that ends the loop."""
    headers = []
    for loop in _loops_of(code):
        if not loop.first <= previous <= loop.last:
            continue
        if loop.first <= line <= loop.last:
            if line <= previous:
                headers.append(loop.header)     # back to the top: the next iteration
            break                               # still inside this loop
        if previous in loop.breaks:
            break                               # left by `break`: no header event
        headers.append(loop.header)             # the loop ended (its test or fetch)
    return headers


def _is_ancestor(older, frame) -> bool:
    """Is `older` one of frame's callers?"""
    frame = frame.f_back
    while frame is not None:
        if frame is older:
            return True
        frame = frame.f_back
    return False


class GuestDebugger:
    """A line-stepping debugger over guest frames, reading commands from stdin."""

    prompt = "(Pdb) "

    def __init__(self, env):
        self.env = env
        # [True] while stepping: traced blocks test it before calling line_event/return_event.
        self.active = [False]
        env.debug_active = self.active
        self.mode = None          # None: running; "step"; "next"; "return"
        self.stop_frame = None    # "next"/"return": the frame whose lines stop us
        self.frame = None         # the frame of the last stop (shown as current)
        self.event = "line"       # the kind of that stop: "line", "call" or "return"
        self.cur = None           # the frame commands look at (moved by up/down)
        self.busy = False         # inside the command loop: ignore events
        self.lines = weakref.WeakKeyDictionary()   # frame -> line of its last line event
        self.thread = None        # the thread being debugged
        self.seen = weakref.WeakSet()   # frames already stopped in (for --Call--)
        self.last_listed = None   # the last line `list` showed (a plain `list` goes on)
        self.returned = None      # the last frame whose return event was handled
        env.return_hook = self.return_event

    @property
    def mode(self):
        return self._mode

    @mode.setter
    def mode(self, value):
        self._mode = value
        self.active[0] = value is not None

    # -- entry points -------------------------------------------------------------------

    def __call__(self, frame, *args, **kwargs):
        """breakpoint(): stop at the next line executed (like pdb.set_trace())."""
        frame = frame_object(frame)
        self.thread = threading.get_ident()
        line_events = None if frame is None else frame.guest_code.line_events
        if frame is not None and not (self.env.line_events if line_events is None else line_events):
            # Compiled without line events (the main program does not mention breakpoint):
            # stop here, at the call, and say that stepping is not available.
            sys.stdout.write("*** protojit: this code has no line events (its program does not "
                             "mention breakpoint), so it stops only here; n/s/r continue\n")
            self.mode = "step"
            try:
                self.interact(frame)
            finally:
                self.mode = None
            return
        self.mode = "step"
        self.frame = frame
        self.stop_frame = frame
        if frame is not None:
            self.seen.add(frame)

    def line_event(self, frame) -> None:
        """Called before each statement of code compiled with line events."""
        if self.mode is None or self.busy or threading.get_ident() != self.thread:
            return
        frame = frame_object(frame)
        line = frame.f_lineno
        previous = self.lines.get(frame)
        self.lines[frame] = line
        if previous is not None:
            for header in _header_events(frame.guest_code, previous, line):
                frame.f_lineno = header
                try:
                    self._line(frame)
                finally:
                    frame.f_lineno = line
                if self.mode is None:
                    return
        self._line(frame)

    def _line(self, frame) -> None:
        """A line event (real, or a loop header's that protojit does not report)."""
        last = self.frame
        if last is not None and last is not frame and last is not self.returned \
                and _is_ancestor(frame, last):
            if last.guest_code.is_generator or last.guest_code.is_coroutine:
                # Suspended (or finished) without an event: its yielded value is unknown.
                self.returned = last
                if self.stop_frame is last:
                    self.stop_frame = last.f_back
            else:
                # The frame of the last stop has returned to `frame` without a return
                # event (it ran off its end or raised): show its return now.
                self._returned(last)
                if self.mode is None:
                    return
        if self.mode == "step":
            if frame not in self.seen and frame.f_back is last and last is not None:
                self.seen.add(frame)
                self.interact(frame, event="call")
                if self.mode is None:
                    return
                if frame.guest_code.kind.value == "class":
                    # CPython reports the `class` line itself first in a class body.
                    line = frame.f_lineno
                    frame.f_lineno = frame.guest_code.firstlineno
                    try:
                        self._line(frame)
                    finally:
                        frame.f_lineno = line
                    if self.mode is None:
                        return
                return self._line(frame)     # the real event, under the new command
            self.seen.add(frame)
            self.interact(frame)
            return
        stop = self.stop_frame
        if frame is stop:
            if self.mode == "next":
                self.interact(frame)
            return
        if stop is not None and _is_ancestor(stop, frame):
            return                      # inside a call made by the frame we step over
        if self.mode == "next" or stop is None:
            self.interact(frame)        # the stop frame is gone: stop in its caller

    def return_event(self, frame) -> None:
        """Called when a statement of traced code returns from its function."""
        if self.mode is None or self.busy or threading.get_ident() != self.thread:
            return
        frame = frame_object(frame)
        if frame is self.returned:
            return
        self._returned(frame)

    def program_end(self) -> None:
        """The main module finished: pdb's --Return-- of <module> when stepping reaches it."""
        if self.mode is None or threading.get_ident() != self.thread or self.frame is None:
            return
        frame = self.frame
        while frame.f_back is not None:
            frame = frame.f_back
        if frame is not self.returned and (self.mode == "step" or self.stop_frame in (frame, None)):
            self.returned = frame
            self.interact(frame, event="return")
        self.mode = None

    def _returned(self, frame) -> None:
        """pdb's --Return-- stop for `frame` when stepping, or when it is the frame that
        `next`/`return` wait for; afterwards stepping goes on in the caller."""
        self.returned = frame
        if self.mode == "step" or (self.mode in ("next", "return") and frame is self.stop_frame):
            self.interact(frame, event="return")
            if self.mode in ("next", "return"):
                self.mode = "next"
            self.stop_frame = frame.f_back
        elif self.stop_frame is frame:
            self.stop_frame = frame.f_back

    # -- the command loop ----------------------------------------------------------------

    def interact(self, frame, event="line"):
        self.frame = self.cur = frame
        self.event = event
        self.last_listed = None
        saved_line = frame.f_lineno
        if event == "call":
            sys.stdout.write("--Call--\n")
            frame.f_lineno = frame.guest_code.firstlineno
        elif event == "return":
            sys.stdout.write("--Return--\n")
        self.busy = True        # code run by commands is not traced (as under pdb)
        try:
            self.print_location(frame, retval=event == "return")
            self.command_loop()
        finally:
            self.busy = False
            frame.f_lineno = saved_line

    def command_loop(self):
        """Read and run commands until one resumes the program (n, s, r, c) or quits."""
        last_command = ""
        while True:
            try:
                sys.stdout.write(self.prompt)
                sys.stdout.flush()
                line = sys.stdin.readline()
            except KeyboardInterrupt:
                sys.stdout.write("--KeyboardInterrupt--\n")
                continue
            if not line:                # end of input: pdb quits
                sys.stdout.write("\n")
                self.quit()
            line = line.strip()
            if not line:                # an empty line repeats the last command (cmd.Cmd)
                line = last_command
                if not line:
                    continue
            last_command = line
            if self.run_command(line):
                return

    def run_command(self, line: str) -> bool:
        """One command; True when the program resumes."""
        frame = self.cur
        if line.startswith("!"):
            self.execute(frame, line[1:])
            return False
        length = 0
        while length < len(line) and (line[length].isalnum() or line[length] == "_"):
            length += 1
        cmd, arg = line[:length], line[length:].strip()
        if cmd in ("n", "next"):
            self.mode, self.stop_frame = "next", frame
            return True
        if cmd in ("s", "step"):
            self.mode = "step"
            return True
        if cmd in ("r", "return"):
            self.mode, self.stop_frame = "return", frame
            return True
        if cmd in ("c", "cont", "continue"):
            self.mode = None
            return True
        if cmd in ("q", "quit", "exit"):
            self.quit()
        if cmd in ("w", "where", "bt"):
            self.print_stack(self.frame)
        elif cmd in ("u", "up"):
            self.move(frame.f_back, "*** Oldest frame")
        elif cmd in ("d", "down"):
            self.move(self.callee_of(frame), "*** Newest frame")
        elif cmd in ("l", "list"):
            self.print_listing(frame, arg)
        elif cmd in ("ll", "longlist"):
            self.print_function(frame)
        elif cmd in ("a", "args"):
            self.print_arguments(frame)
        elif cmd in ("p", "pp"):
            self.print_expression(frame, arg, pretty=(cmd == "pp"))
        elif cmd in ("h", "help"):
            sys.stdout.write("Commands: where up down list longlist args p pp next step return "
                             "continue quit; anything else runs as a statement\n")
        else:
            self.execute(frame, line)
        return False

    def callee_of(self, frame):
        """The frame below `frame` on the way to the stopped one (None at the newest)."""
        below = self.frame
        while below is not None and below.f_back is not frame:
            below = below.f_back
        return below

    def move(self, target, error):
        if target is None:
            sys.stdout.write(error + "\n")
            return
        self.cur = target
        self.last_listed = None
        self.print_location(target, retval=target is self.frame and self.event == "return")

    def quit(self):
        self.mode = None
        self.thread = None
        raise bdb.BdbQuit

    # -- output ----------------------------------------------------------------------------

    @staticmethod
    def location(frame) -> str:
        code = frame.guest_code
        return f"{code.filename}({frame.f_lineno}){code.name}()"

    def print_location(self, frame, marker="> ", retval=False):
        text = linecache.getline(frame.guest_code.filename, frame.f_lineno).strip()
        where = self.location(frame)
        if retval:
            where += "->" + reprlib.repr(getattr(frame, "retval", None))
        sys.stdout.write(f"{marker}{where}\n-> {text}\n" if text else f"{marker}{where}\n")

    def print_stack(self, frame):
        frames = []
        while frame is not None:
            frames.append(frame)
            frame = frame.f_back
        for f in reversed(frames):
            self.print_location(f, "> " if f is self.cur else "  ",
                                retval=f is self.frame and self.event == "return")

    def print_listing(self, frame, arg=""):
        """pdb's `list`: 11 lines around the current one, `list` again: the next 11,
        `list N`: around line N, `list A, B`: lines A to B."""
        lines = linecache.getlines(frame.guest_code.filename)
        try:
            if arg == ".":
                first = max(1, frame.f_lineno - 5)
                last = first + 10
            elif arg:
                bounds = [int(x) for x in arg.split(",")]
                if len(bounds) == 1:
                    first = max(1, bounds[0] - 5)
                    last = first + 10
                else:
                    first, last = bounds[0], bounds[1]
                    if last < first:
                        last = first + last
            elif self.last_listed is not None:
                first = self.last_listed + 1
                last = first + 10
            else:
                first = max(1, frame.f_lineno - 5)
                last = first + 10
        except ValueError:
            sys.stdout.write(f"*** Error in argument: {arg!r}\n")
            return
        for n, text in enumerate(lines[first - 1:last], first):
            number = str(n).rjust(3)
            if len(number) < 4:
                number += " "
            mark = "->" if n == frame.f_lineno else ""
            sys.stdout.write(f"{number} {mark}\t{text.rstrip()}\n")
        self.last_listed = min(last, len(lines))
        if len(lines) < last:
            sys.stdout.write("[EOF]\n")

    def print_arguments(self, frame):
        """pdb's `args`: each parameter of the frame's function with its value."""
        code = frame.guest_code
        count = (code.argcount + code.kwonlyargcount + int(code.has_varargs)
                 + int(code.has_varkw))
        values = frame.f_locals
        for name in code.varnames[:count]:
            if name in values:
                sys.stdout.write(f"{name} = {values[name]!r}\n")
            else:
                sys.stdout.write(f"{name} = *** undefined ***\n")

    def print_function(self, frame):
        """pdb's `longlist`: the whole source of the frame's function (or module)."""
        code = frame.guest_code
        lines = linecache.getlines(code.filename)
        if not lines:
            sys.stdout.write("*** source code not available\n")
            return
        node = code.node
        if code.kind.value == "module":
            first, last = 1, len(lines)
        else:
            decorators = getattr(node, "decorator_list", None) or []
            first = min([node.lineno] + [d.lineno for d in decorators])
            last = getattr(node, "end_lineno", None) or first
        for n in range(first, min(last, len(lines)) + 1):
            number = str(n).rjust(3)
            if len(number) < 4:
                number += " "
            mark = "->" if n == frame.f_lineno else ""
            sys.stdout.write(f"{number} {mark}\t{lines[n - 1].rstrip()}\n")

    def execute(self, frame, source):
        """A line that is not a command runs as a statement in the frame (as pdb's default):
        an expression's value is printed; assignments reach the frame's variables."""
        from protojit.frames import frame_locals
        namespace = frame_locals(frame.frame)
        traced, self.env.line_events = self.env.line_events, False
        try:
            self.env.run_source(source + "\n", "<stdin>", frame.f_globals,
                                locals_dict=namespace, mode="single")
        except Exception as e:   # noqa: BLE001 - report any error of the user's statement
            self.report_error(e)
        finally:
            self.env.line_events = traced
        if frame.f_locals_dict is None:
            _write_back(frame, namespace)

    @staticmethod
    def report_error(e):
        text = str(e)
        sys.stdout.write(f"*** {type(e).__name__}: {text}\n" if text
                         else f"*** {type(e).__name__}\n")

    def print_expression(self, frame, source, pretty, quiet_none=False):
        try:
            value = self.env.eval_source(source, frame.f_globals, frame.f_locals)
        except Exception as e:   # noqa: BLE001 - report any error of the user's expression
            self.report_error(e)
            return
        if quiet_none and value is None:
            return
        if pretty:
            import pprint
            sys.stdout.write(pprint.pformat(value) + "\n")
        else:
            sys.stdout.write(repr(value) + "\n")
