"""PythonEnvironment: one guest interpreter's world.

It owns the guest module table (the guest's sys.modules), the guest path,
the builtins, the guest `sys`, the tier settings and the debugger hook, and
it knows how to compile and run source text in a namespace.
"""
from __future__ import annotations

import ast
import os
import sys
import types

from protojit import native
from protojit.frontend.scope import analyze, parse
from protojit.interp.compiler import Compiler, finish_layout
from protojit.frames import (F_BACK, F_DEPTH, F_LOCALS_DICT, UNBOUND, check_depth, current_frame, frame_depth,
                             frame_object, new_frame)
from protojit.interp.functions import has_annotations, run_in_frame, setup_annotations
from protojit.runtime.builtins import make_builtins
from protojit.runtime.function import set_recursion_limit
from protojit.runtime.importer import GuestImporter, guest_pythonpath, guest_sys_module

LIB_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "lib")

# Host frames per guest call (closures nest several deep: a call inside nested expressions and
# statements); sizes the host's limit so that it never trips before the guest's.
_HOST_FRAMES_PER_GUEST_CALL = 40


def lib_dir() -> str:
    import protojit.lib
    return os.path.dirname(os.path.abspath(protojit.lib.__file__))


class PythonEnvironment:
    def __init__(self, *, argv: list[str], script_dir: str | None, tier: str = "auto",
                 optimize: bool = False, trace=None, flags=None):
        self.tier = tier
        self.flags = flags   # cli.Options: python3's flags the guest's sys.flags shows
        self.optimize = optimize
        self.trace = trace
        self.modules: dict[str, types.ModuleType] = {}
        self.path: list[str] = []
        if script_dir is not None:
            self.path.append(script_dir)
        self.path.extend(guest_pythonpath(getattr(flags, "ignore_environment", False)))
        self.lib_path = lib_dir()
        self.path.append(self.lib_path)
        extra = None if getattr(flags, "ignore_environment", False) else os.environ.get("PROTOJIT_PATH")
        if extra:
            self.path.extend(p for p in extra.split(os.pathsep) if p)
        self.recursion_limit = 1000
        native.install_arena_cache()
        self.importer = GuestImporter(self)
        self.builtins = make_builtins(self)
        self.builtins_module = types.ModuleType("builtins")
        self.builtins_module.__dict__.update(self.builtins)
        # One namespace: `import builtins; builtins.x = ...` is seen by every name lookup.
        self.builtins = self.builtins_module.__dict__
        self.builtins["__debug__"] = not optimize   # -O
        # (CPython's interp->builtins_copy: finalization restores builtins to it, runner.finalize)
        self.builtins_copy = dict(self.builtins)
        self.sys_module = guest_sys_module(self, argv)
        self.modules["sys"] = self.sys_module
        self.modules["builtins"] = self.builtins_module
        from protojit.runtime.debugger import GuestDebugger
        self.debugger = GuestDebugger(self)
        self.debugger_hook = self.debugger       # what breakpoint() calls by default
        self.line_events = False                 # compile line events (for stepping)?
        self.line_hook = self.debugger.line_event
        self.set_recursion_limit(1000)

    # -- recursion limit -------------------------------------------------------------------

    def set_recursion_limit(self, n: int) -> None:
        if not isinstance(n, int):
            raise TypeError("an integer is required")
        if n < 1:
            raise ValueError("recursion limit must be greater or equal than 1")
        depth = frame_depth(current_frame())
        if depth >= n:
            raise RecursionError(f"cannot set the recursion limit to {n} at the recursion depth "
                                 f"{depth}: the limit is too low")
        self.recursion_limit = n
        set_recursion_limit(n)   # tier 0 and native code count guest frames against it
        # The host's own limit only has to stay out of the way: tier 0 fails a call at the
        # guest limit (frames.F_DEPTH), long before the host frames that guest frames run
        # on (closures nest several deep per guest call) reach this.
        sys.setrecursionlimit(max(n * _HOST_FRAMES_PER_GUEST_CALL + 2000, 10000))

    def get_recursion_limit(self) -> int:
        return self.recursion_limit

    def getframe(self, depth: int = 0):
        frame = current_frame()
        for _ in range(depth):
            if frame is None:
                break
            frame = frame[F_BACK]
        if frame is None:
            raise ValueError("call stack is not deep enough")
        return frame_object(frame)

    # -- running source -------------------------------------------------------------------

    def compile_module(self, source, filename: str, mode: str = "exec"):
        if isinstance(source, bytes):
            source = source.decode("utf-8-sig") if not source.startswith(b"\xef\xbb\xbf") \
                else source[3:].decode("utf-8")
        tree = parse(source, filename, "exec" if mode == "single" else mode)
        if mode == "exec":
            _store_docstring(tree)
        code = analyze(tree, source, filename, mode)
        future = any(isinstance(s, ast.ImportFrom) and s.module == "__future__"
                     and any(a.name == "annotations" for a in s.names) for s in (tree.body if isinstance(tree, ast.Module) else []))
        c = Compiler(code, self, interactive=(mode == "single"), future_annotations=future)
        if mode == "eval":
            body = c.expr(tree.body)
        else:
            body = c.block(tree.body) if tree.body else (lambda f: None)
            if has_annotations(tree.body):
                body = _with_annotations(body)
        finish_layout(code)
        return code, body

    def run_source(self, source, filename: str, globals_: dict, locals_dict: dict | None = None,
                   mode: str = "exec", depth_below: int = 0):
        """`depth_below`: frames CPython would run between the caller and this code (its
        import system's, runpy's), counted in the recursion depth as CPython counts them."""
        code, body = self.compile_module(source, filename, mode)
        return self.run_code(code, body, globals_, locals_dict, depth_below)

    def run_code(self, code, body, globals_, locals_dict=None, depth_below=0):
        globals_.setdefault("__builtins__", self.builtins_module)
        slots = [UNBOUND] * len(code.varnames)
        frame = new_frame(code, globals_, self.builtins, slots,
                          globals_ if locals_dict is None else locals_dict)
        return run_in_frame(code, body, frame, depth_below)

    def eval_source(self, source: str, globals_: dict, locals_dict: dict):
        code, body = self.compile_module(source, "<string>", "eval")
        slots = [UNBOUND] * len(code.varnames)
        frame = new_frame(code, globals_, self.builtins, slots, locals_dict)
        from protojit.frames import tstate
        back = tstate.frame
        frame[F_BACK] = back
        frame[F_DEPTH] = frame_depth(back)
        check_depth(frame)
        tstate.frame = frame
        try:
            return body(frame)
        except BaseException as e:
            from protojit.runtime.tracebacks import add_frame
            add_frame(e, frame)     # CPython shows the `File "<string>", line 1` frame
            raise
        finally:
            tstate.frame = back

    def displayhook(self, value):
        hook = sys.displayhook
        if hook is not sys.__displayhook__:
            hook(value)    # the guest's own hook
            return
        # CPython's sys.displayhook, with `_` in the guest's builtins (the host's hook
        # would set it in the host's builtins module, which guest names never read)
        if value is None:
            return
        self.builtins["_"] = None
        text = repr(value)
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:
            encoding = sys.stdout.encoding or "utf-8"
            data = text.encode(encoding, "backslashreplace")
            if hasattr(sys.stdout, "buffer"):
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data.decode(encoding, "strict"))
        sys.stdout.write("\n")
        self.builtins["_"] = value

    # -- modules ---------------------------------------------------------------------------

    def new_main_module(self, filename: str | None) -> types.ModuleType:
        main = types.ModuleType("__main__")
        main.__builtins__ = self.builtins_module
        main.__spec__ = None
        main.__loader__ = None
        main.__package__ = None
        if filename is not None:
            main.__file__ = filename
        main.__pj_guest__ = True
        self.modules["__main__"] = main
        # Host libraries that look modules up by name (pickle, copyreg, doctest) must find
        # the guest's __main__; protojit's own __main__ has done its work by now.
        sys.modules["__main__"] = main
        # ... and the guest's builtins, one module by that name in the process: doctest's
        # finder (inspect.getmodule) and mock.patch("builtins.x") resolve it there. Host
        # code keeps the host's builtins through its own frames' __builtins__.
        sys.modules["builtins"] = self.builtins_module
        return main


def _with_annotations(body):
    def run_module_with_annotations(f):
        setup_annotations(f[F_LOCALS_DICT])
        return body(f)
    return run_module_with_annotations


def _store_docstring(tree) -> None:
    """A module body that starts with a string stores it in __doc__, as CPython's compiler does."""
    body = tree.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        store = ast.Assign(targets=[ast.Name("__doc__", ast.Store())], value=body[0].value)
        body[0] = ast.fix_missing_locations(ast.copy_location(store, body[0]))
