"""The guest builtins: the host builtins plus protojit's own reflective ones.

globals(), locals(), vars(), dir(), exec(), eval() and __import__ read
protojit's own ExecutionFrames instead of host frames; everything else is
the host builtin (guest values are host objects).
"""
from __future__ import annotations

import builtins as host_builtins
import sys
import importlib.util
import types

from protojit import _pjentry
from protojit.frames import F_GLOBALS, current_frame, frame_locals
from protojit.frontend.code import GuestCode
from protojit.runtime.function import Function
from protojit.runtime.hostcode import check_locations, guest_code_of

_NO_ARG = object()


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Helper:
    """The builtin `help` (CPython's is a _sitebuiltins._Helper): its repr tells how to use
    it; calling it shows help through protojit.runtime.help."""
    __module__ = "_sitebuiltins"

    def __init__(self, env):
        self._env = env

    def __repr__(self):
        return "Type help() for interactive help, or help(object) for help about object."

    def __call__(self, *args, **kwds):
        from protojit.runtime.help import help_command
        return help_command(self._env, *args, **kwds)


def make_builtins(env) -> dict:
    b = dict(host_builtins.__dict__)

    def _no_arguments(name, args, kwargs):
        if kwargs:
            raise TypeError(f"{name}() takes no keyword arguments")
        if args:
            raise TypeError(f"{name}() takes no arguments ({len(args)} given)")

    def _at_most_one(name, args, kwargs):
        if kwargs:
            raise TypeError(f"{name}() takes no keyword arguments")
        if len(args) > 1:
            raise TypeError(f"{name} expected at most 1 argument, got {len(args)}")

    def pj_globals(*args, **kwargs):
        if args or kwargs:
            _no_arguments("globals", args, kwargs)
        return current_frame()[F_GLOBALS]

    def pj_locals(*args, **kwargs):
        if args or kwargs:
            _no_arguments("locals", args, kwargs)
        return frame_locals(current_frame())

    def pj_vars(*args, **kwargs):
        if not args and not kwargs:
            return frame_locals(current_frame())
        _at_most_one("vars", args, kwargs)
        obj = args[0]
        try:
            return obj.__dict__
        except AttributeError:
            raise TypeError("vars() argument must have __dict__ attribute") from None

    def pj_dir(*args, **kwargs):
        if args or kwargs:
            _at_most_one("dir", args, kwargs)
            return host_builtins.dir(args[0])
        return sorted(frame_locals(current_frame()).keys())

    def _decode_source(source):
        # As CPython's compiler reads bytes: a BOM or a coding cookie names the encoding.
        return importlib.util.decode_source(bytes(source))

    def _namespaces(globals_, locals_, fname):
        if globals_ is None:
            frame = current_frame()
            globals_ = frame[F_GLOBALS]
            if locals_ is None:
                locals_ = frame_locals(frame)
        elif not isinstance(globals_, dict):
            raise TypeError(f"{fname}() globals must be a dict, not {type(globals_).__name__}")
        if locals_ is None:
            locals_ = globals_
        return globals_, locals_

    def pj_exec(source, globals=None, locals=None, /, *, closure=None):
        globals_, locals_ = _namespaces(globals, locals, "exec")
        guest = source if type(source) is GuestCode else guest_code_of(source)
        if guest is not None:     # a guest function's __code__ (runtime/hostcode.py)
            check_locations(source)
            _exec_guest_code(guest, globals_, closure)
            return None
        if isinstance(source, types.CodeType):
            # Host code objects (from compile()) run on the host: correct, just not in tier 0.
            return host_builtins.exec(source, globals_, locals_, closure=closure)
        if isinstance(source, (bytes, bytearray)):
            source = _decode_source(source)
        if not isinstance(source, str):
            raise TypeError("exec() arg 1 must be a string, bytes or code object")
        globals_.setdefault("__builtins__", env.builtins_module)
        env.run_source(source, "<string>", globals_, locals_dict=locals_)
        return None

    def _exec_guest_code(code, globals_, closure):
        """exec() (or eval()) of a guest function's __code__: its body runs in a new frame with
        `globals_` (the locals mapping is not used, as for any optimized code object in
        CPython) and the cells of `closure`, checked as CPython checks them."""
        nfree = len(code.freevars)
        if nfree == 0:
            if closure is not None:
                raise TypeError("cannot use a closure with this code object")
        elif not (type(closure) is tuple and len(closure) == nfree
                  and all(type(c) is types.CellType for c in closure)):
            raise TypeError(f"code object requires a closure of exactly length {nfree}")
        globals_.setdefault("__builtins__", env.builtins_module)
        builtins_ = globals_["__builtins__"]
        if isinstance(builtins_, types.ModuleType):
            builtins_ = builtins_.__dict__
        return Function.new(code, globals_, builtins_, None, None, closure if nfree else None, None, {})()

    def pj_eval(source, globals=None, locals=None, /):
        globals_, locals_ = _namespaces(globals, locals, "eval")
        guest = source if type(source) is GuestCode else guest_code_of(source)
        if guest is not None:
            check_locations(source)
            return _exec_guest_code(guest, globals_, None)
        if isinstance(source, types.CodeType):
            return host_builtins.eval(source, globals_, locals_)
        if isinstance(source, (bytes, bytearray)):
            source = _decode_source(source)
        if not isinstance(source, str):
            raise TypeError("eval() arg 1 must be a string, bytes or code object")
        globals_.setdefault("__builtins__", env.builtins_module)
        return env.eval_source(source.lstrip(" \t"), globals_, locals_)

    def pj_breakpoint(*args, **kwargs):
        try:
            hook = env.sys_module.breakpointhook
        except AttributeError:
            raise RuntimeError("lost sys.breakpointhook") from None
        return hook(*args, **kwargs)

    def pj_input(*args, **kwargs):
        """CPython's input(): prompt to stdout (flushed), a line from stdin without its newline."""
        if kwargs:
            raise TypeError("input() takes no keyword arguments")
        if len(args) > 1:
            raise TypeError(f"input expected at most 1 argument, got {len(args)}")
        prompt = args[0] if args else ""
        stdin = getattr(env.sys_module, "stdin", None)      # a program may have deleted them
        stdout = getattr(env.sys_module, "stdout", None)
        if stdin is None:
            raise RuntimeError("input(): lost sys.stdin")
        if stdout is None:
            raise RuntimeError("input(): lost sys.stdout")
        if getattr(env.sys_module, "stderr", None) is None:
            raise RuntimeError("input(): lost sys.stderr")
        if _is_tty(stdin) and _is_tty(stdout) and stdin is sys.__stdin__ and stdout is sys.__stdout__:
            try:
                import readline  # noqa: F401 - line editing for the host input()
            except ImportError:
                pass
            return host_builtins.input(prompt)
        _flush_quietly(env.sys_module.stderr)
        _flush_quietly(stdout)
        if prompt != "":
            stdout.write(str(prompt))
            _flush_quietly(stdout)
        line = stdin.readline()
        if not line:
            raise EOFError("EOF when reading a line")
        return line[:-1] if line.endswith("\n") else line

    def _flush_quietly(stream):
        # As CPython's input(): a stream that cannot flush is not an error.
        try:
            stream.flush()
        except Exception:
            pass

    pj_help = _Helper(env)

    def pj_import(name, globals=None, locals=None, fromlist=(), level=0):
        # (a function, not the importer's bound method: what builtins.__import__ is)
        return env.importer.dunder_import(name, globals, locals, fromlist, level)

    b.update({
        "breakpoint": pj_breakpoint,
        "input": pj_input,
        "help": pj_help,
        "globals": pj_globals,
        "locals": pj_locals,
        "vars": pj_vars,
        "dir": pj_dir,
        "exec": pj_exec,
        "eval": pj_eval,
        "__import__": pj_import,
        # (C, as the host's: a nested container's repr or str stops at the guest's
        # recursion limit: runtime_c/capi/pjcaller.c with_guest_budget)
        "repr": _pjentry.guest_repr,
        "print": _pjentry.guest_print,
        "format": _pjentry.guest_format,
        # (C: a guest generator's gi_code/gi_frame/gi_yieldfrom as guest code reads them,
        # runtime_c/capi/pjgenattr.c with runtime/coroutines.py's readers)
        "getattr": _pjentry.guest_getattr,
    })
    for name, fn in list(b.items()):
        if callable(fn) and getattr(fn, "__module__", None) == __name__:
            fn.__name__ = fn.__qualname__ = name.strip("_") if name.startswith("__") else name
            if name.startswith("__"):
                fn.__name__ = fn.__qualname__ = name
            # As the host's: tools that find functions by module and name (doctest's
            # finder, pickle) find them in builtins, with the builtin's documentation.
            fn.__module__ = "builtins"
            fn.__doc__ = getattr(host_builtins, name).__doc__
    return b
