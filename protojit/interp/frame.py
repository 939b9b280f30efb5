"""ExecutionFrame: the state of one running guest scope, and the per-thread frame stack.

A frame holds the code, the globals/builtins, the local slots (a list; cells
live in the slots of cell and free variables), the namespace dict for module
and class bodies, the caller (f_back) and the current line. Statement
closures keep `f_lineno` up to date, so tracebacks and locals() cost nothing
extra at the moment they are asked for.
"""
from __future__ import annotations

import threading


class _Unbound:
    """The value of a local slot that has no value yet (or was deleted)."""
    __slots__ = ()

    def __repr__(self):
        return "<unbound>"


UNBOUND = _Unbound()


class ExecutionFrame(list):
    """A guest frame. The frame *is* its list of local slots (frame[i]), which makes
    the hottest operation of tier 0, reading a local, one C-level index.

    Attributes: f_code, f_globals, f_builtins, f_locals_dict (the namespace of a
    module or class body, else None), f_back, f_lineno, function, retval.
    Frames compare and hash by identity, never as lists.
    """
    # `retval` is set only by a return statement, and read only after one.
    __slots__ = ("f_code", "f_globals", "f_builtins", "f_locals_dict", "f_back",
                 "f_lineno", "retval", "function", "__weakref__")
    __hash__ = object.__hash__
    __eq__ = object.__eq__
    __ne__ = object.__ne__

    def __bool__(self):
        return True

    @property
    def slots(self):
        return self

    @property
    def f_locals(self) -> dict:
        """Module/class namespace itself, or the function frame's one locals dict, refreshed
        (what locals() returns, as CPython 3.11)."""
        if self.f_locals_dict is not None:
            return self.f_locals_dict
        from protojit.runtime.builtins import frame_locals
        return frame_locals(self)

    def __repr__(self):
        return (f"<ExecutionFrame {self.f_code.qualname} at "
                f"{self.f_code.filename}:{self.f_lineno}>")


def new_frame(code, globals_, builtins, slots, locals_dict=None, back=None) -> ExecutionFrame:
    """A frame with every attribute set (the hot call path sets them inline instead)."""
    frame = ExecutionFrame(slots)
    frame.f_code = code
    frame.f_globals = globals_
    frame.f_builtins = builtins
    frame.f_locals_dict = locals_dict
    frame.f_back = back
    frame.f_lineno = code.entry_lineno or code.firstlineno
    frame.function = None
    return frame


def locals_snapshot(frame: ExecutionFrame) -> dict:
    """The visible locals of a function frame: fast locals, then cell and free variables."""
    from protojit.frontend.code import NameKind
    out = {}
    code = frame.f_code
    for i, name in enumerate(code.varnames):
        if name.startswith("."):
            continue
        kind = code.names.get(name)
        value = frame[i]
        if kind in (NameKind.CELL, NameKind.FREE):
            try:
                value = value.cell_contents
            except (ValueError, AttributeError):
                continue
        if value is UNBOUND:
            continue
        out[name] = value
    return out


class ThreadState(threading.local):
    """Per-thread interpreter state: the guest frame published as "current".

    Calls between guest functions link frames through f_back and do not touch
    this (it costs a thread-local lookup). It is published where something may
    ask for it: at call sites of reflective builtins (locals(), globals(),
    vars(), dir(), exec(), eval(), breakpoint(), sys._getframe()) and when a
    module or class body starts. Host code calling a guest function links the
    new frame to it.
    """

    def __init__(self):
        self.frame = None
        self.host_depth = 0     # guest calls entered from host code, nested (Function.__call__)


tstate = ThreadState()

# The guest recursion limit, for calls entered from host code (set by the environment).
host_entry_limit = [1000]


_COMPARISONS = frozenset({"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"})


def host_recursion_error(name: str) -> RecursionError:
    """CPython's error for recursion through a C call (rich comparisons say so); kept as
    is by the traceback code."""
    where = "in comparison" if name in _COMPARISONS else "while calling a Python object"
    exc = RecursionError(f"maximum recursion depth exceeded {where}")
    exc.pj_keep_message = True
    return exc


def current_frame() -> ExecutionFrame | None:
    return tstate.frame
