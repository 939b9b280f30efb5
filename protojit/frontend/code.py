"""GuestCode: what the front end knows about one scope (module, class, function,
lambda or comprehension), ready for the interpreter's closure compiler.

Made by `protojit.frontend.scope.analyze` from an `ast` tree; consumed by
`protojit.interp.compiler`. A GuestCode holds the scope's AST node, its local
slots and how every name in it is resolved.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


# A frame is a list whose first FRAME_HEADER items are its state (the layout is in
# protojit/frames.py); local k of `varnames` lives at index FRAME_HEADER + k.
FRAME_HEADER = 10


class NameKind(Enum):
    FAST = "fast"              # a function local in a frame slot
    CELL = "cell"              # a function local captured by an inner scope: the slot holds a cell
    FREE = "free"              # a variable of an enclosing function: the slot holds its cell
    GLOBAL = "global"          # module globals, then builtins
    NAME = "name"              # module/class namespace dict, then globals, then builtins
    CLASSDEREF = "classderef"  # class body reading an enclosing function's variable: ns dict, then cell


class ScopeKind(Enum):
    MODULE = "module"
    CLASS = "class"
    FUNCTION = "function"
    LAMBDA = "lambda"
    COMPREHENSION = "comprehension"


def _late(default):
    """A field a later stage sets (not a constructor argument; not in the repr)."""
    return field(default=default, init=False, repr=False)


@dataclass(eq=False)
class GuestCode:
    """One scope of a guest program.

    `varnames` are the frame's local slots (slot k at frame index FRAME_HEADER + k,
    as `slot()` returns): parameters first (in CPython's order:
    positional-only, positional, *args, keyword-only, **kwargs), then other
    locals, then free variables, then hidden temporaries the compiler adds.
    """
    kind: ScopeKind
    name: str
    qualname: str
    filename: str
    node: ast.AST
    firstlineno: int
    names: dict[str, NameKind] = field(default_factory=dict)
    varnames: list[str] = field(default_factory=list)
    cellvars: list[str] = field(default_factory=list)
    freevars: list[str] = field(default_factory=list)
    argcount: int = 0            # positional parameters, including positional-only
    posonlyargcount: int = 0
    kwonlyargcount: int = 0
    has_varargs: bool = False
    has_varkw: bool = False
    is_generator: bool = False
    is_coroutine: bool = False
    needs_class_cell: bool = False   # a class body whose methods use __class__/super()
    entry_lineno: int | None = None  # a frame's line before its first statement (default: firstlineno)
    children: dict[int, "GuestCode"] = field(default_factory=dict)  # id(ast node) -> code
    parent: "GuestCode | None" = None

    # -- set by later stages (None/False until then) -----------------------------------------
    # interp (functions.compile_function_body, generators.compile_generator_body):
    run: Any = _late(None)               # run(frame) -> return value; None for a generator
    make_generator: Any = _late(None)    # make_generator(fn, frame) -> generator object, or None
    line_events: bool | None = _late(None)   # compiled with debugger line events; None: not a
    #                                          function body (a module/class: the environment's)
    # interp (builder.finish_layout), for the call entries of make_invokers:
    slot_padding: tuple = _late(())      # UNBOUND for each local slot after the parameters
    needs_general_binding: bool = _late(False)   # *args, **kwargs or keyword-only parameters
    cell_param_slots: list = _late(None)     # (slot, is_parameter) of each cell variable
    first_free_slot: int = _late(0)      # the slot of the first free variable
    # runtime (function.make_invokers): the calling entries, wrapped later by tiering.install
    # (a counting entry) and trace/profile.wrap (timing):
    invoke: Any = _late(None)            # invoke(fn, args, caller_frame)
    invoke_kw: Any = _late(None)         # invoke_kw(fn, args, kwargs, caller_frame)
    # tiering (install) sets `interp_invoke`, tier 0's own invoke before any wrapper. Not a
    # field on purpose: its absence says the code was never given a counting entry (debugger
    # line events keep a code in tier 0; tests/unit/test_debugger.py checks that).
    # caches of the reflective tools, made on first use:
    _pj_locals_layout: tuple | None = _late(None)   # frames._locals_layout: (len(varnames), layout)
    _pj_debug_loops: list | None = _late(None)      # runtime/debugger._loops_of

    def slot(self, name: str) -> int:
        """The frame index of a local, cell or free variable (added on first use)."""
        try:
            return FRAME_HEADER + self.varnames.index(name)
        except ValueError:
            self.varnames.append(name)
            return FRAME_HEADER + len(self.varnames) - 1

    def new_temp(self) -> int:
        """The frame index of a fresh hidden slot for a compiler temporary (never visible
        to locals())."""
        self.varnames.append(f".t{len(self.varnames)}")
        return FRAME_HEADER + len(self.varnames) - 1

    def kind_of(self, name: str) -> NameKind:
        kind = self.names.get(name)
        if kind is not None:
            return kind
        # Names the symbol table did not list (compiler-made ones) resolve by scope.
        if self.kind in (ScopeKind.MODULE, ScopeKind.CLASS):
            return NameKind.NAME
        return NameKind.GLOBAL

    @property
    def is_function_like(self) -> bool:
        return self.kind in (ScopeKind.FUNCTION, ScopeKind.LAMBDA, ScopeKind.COMPREHENSION)

    # -- the parts of the host code-object interface that libraries read -----------------
    co_filename = property(lambda self: self.filename)
    co_name = property(lambda self: self.name)
    co_qualname = property(lambda self: self.qualname)
    co_firstlineno = property(lambda self: self.firstlineno)
    co_argcount = property(lambda self: self.argcount)
    co_posonlyargcount = property(lambda self: self.posonlyargcount)
    co_kwonlyargcount = property(lambda self: self.kwonlyargcount)
    @property
    def co_varnames(self):
        """CPython's: the parameters, then the other locals that are not cells (cell
        variables that are not parameters and free variables are not in it)."""
        nparams = self.argcount + self.kwonlyargcount + self.has_varargs + self.has_varkw
        skip = set(self.freevars) | set(self.cellvars)
        return tuple(self.varnames[:nparams]) + tuple(
            n for n in self.varnames[nparams:] if not n.startswith(".t") and n not in skip)

    co_cellvars = property(lambda self: tuple(self.cellvars))
    co_freevars = property(lambda self: tuple(self.freevars))

    @property
    def co_flags(self) -> int:
        import inspect
        flags = 0
        if self.kind is not ScopeKind.MODULE and self.kind is not ScopeKind.CLASS:
            flags |= inspect.CO_OPTIMIZED | inspect.CO_NEWLOCALS
        if self.has_varargs:
            flags |= inspect.CO_VARARGS
        if self.has_varkw:
            flags |= inspect.CO_VARKEYWORDS
        if self.is_generator and self.is_coroutine:
            flags |= inspect.CO_ASYNC_GENERATOR
        elif self.is_coroutine:
            flags |= inspect.CO_COROUTINE
        elif self.is_generator:
            flags |= inspect.CO_GENERATOR
        # CPython 3.11 sets CO_NESTED inside any function-like scope, and no CO_NOFREE.
        parent = self.parent
        while parent is not None:
            if parent.is_function_like:
                flags |= inspect.CO_NESTED
                break
            parent = parent.parent
        return flags

    def __repr__(self) -> str:
        return f"<GuestCode {self.kind.value} {self.qualname} {self.filename}:{self.firstlineno}>"
