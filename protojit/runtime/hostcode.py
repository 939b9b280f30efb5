"""Host code objects for guest functions (issue 19 item 1).

In: a function-like GuestCode (protojit/frontend/code.py). Out: `host_code(code)`, a real
CPython code object (types.CodeType) that says what CPython's own would -- co_name,
co_qualname, co_filename, co_firstlineno, co_argcount, co_posonlyargcount,
co_kwonlyargcount, co_varnames (parameters, then the other locals that are not cells),
co_cellvars, co_freevars, co_flags (generator/coroutine bits, CO_NESTED) -- so that
`f.__code__` is a code object to inspect, doctest, types.coroutine, pickle's checks and
any C code that asks for one; and `guest_code_of(host)`, the GuestCode behind such a code
object (or one made from it by code.replace), for exec(), eval() and `f.__code__ = c`.

The code object is a trampoline: CPython compiles a function with the guest's exact
signature, whose body hands its bound arguments (and its closure cells) to protojit
(`_enter`), so that host code which makes a function of it (types.FunctionType(f.__code__,
globals, ..., closure)) and calls it runs the guest function in tier 0. Guest calls never
go through it. One per GuestCode, made on first use (a compile() of a few lines).
"""
from __future__ import annotations

import sys
import types
import warnings

from protojit import _pjentry
from protojit.frames import set_host_code
from protojit.frontend.code import ScopeKind

# Placeholders the trampoline's source calls; code.replace puts the real objects in their
# constants (a LOAD_CONST of any object runs fine).
_ENTER = "__pj_enter__"
_GLOBALS = "__pj_globals__"


# runtime/function.py's Function, record_of, host_call, tracebacks.hand_to_host (set there:
# they import this module)
Function = _record_of = _host_call = _hand_to_host = None


class _Marker:
    """The trampoline's first constant after the docstring: which GuestCode it stands
    for. It survives code.replace (types.coroutine edits co_flags, a debugger co_consts)."""
    __slots__ = ("guest",)

    def __init__(self, guest):
        self.guest = guest

    def __repr__(self):
        return f"<protojit guest code {self.guest.qualname}>"


def host_code(code) -> types.CodeType:
    """The host code object of GuestCode `code` (cached on it): a function-like code's
    trampoline, a module or class body's _make_body."""
    host = code.__dict__.get("_pj_host_code")
    if host is None:
        # (a comprehension's frame has no function and its parameter `.0` no signature)
        trampoline = code.is_function_like and code.kind is not ScopeKind.COMPREHENSION
        host = code._pj_host_code = _make(code) if trampoline else _make_body(code)
        HIDDEN_CODES.add(host)
    return host


def _make_body(code) -> types.CodeType:
    """A module, class body or comprehension's code object as its frame's f_code shows it (name, qualified
    name, file, first line, flags; no locals, as CPython's): an empty body. Never run by
    protojit: its frames run the GuestCode, which the marker constant names."""
    empty = compile("", code.filename, "exec", dont_inherit=True)
    return empty.replace(co_name=code.name, co_qualname=code.qualname, co_firstlineno=code.firstlineno,
                         co_flags=code.co_flags, co_consts=empty.co_consts + (_Marker(code),),
                         co_linetable=no_locations(empty))


def guest_code_of(host):
    """The GuestCode a host code object stands for (a trampoline or a code.replace of
    one), or None for any other code object."""
    if type(host) is not types.CodeType:
        return None
    for c in host.co_consts:
        if type(c) is _Marker:
            return c.guest
    return None


def check_locations(host) -> None:
    """Refuse to run guest code for `host`, a code.replace of a guest function's code
    object, whose co_linetable or co_firstlineno was replaced: CPython would then show
    other lines (tracebacks, f_lineno: None for a table without locations, shifted ones
    for another first line). protojit takes a guest function's lines from its source (its
    code object's own table has no locations: its bytecode is a trampoline's), so it says
    it cannot rather than show lines CPython would not."""
    guest = guest_code_of(host)
    if guest is None or not guest.is_function_like or guest.kind is ScopeKind.COMPREHENSION:
        return
    own = host_code(guest)
    for field in ("co_linetable", "co_firstlineno"):
        if getattr(host, field) != getattr(own, field):
            raise NotImplementedError(
                f"protojit does not support running a guest function's code object whose "
                f"{field} was replaced ({guest.qualname}, {guest.filename}:{guest.firstlineno})")


def _params(code) -> tuple[list[str], str]:
    """(parameter names in CPython's co_varnames order, the parameter list's source)."""
    names = list(code.varnames)
    argc, kwc = code.argcount, code.kwonlyargcount
    positional = names[:argc]
    kwonly = names[argc:argc + kwc]
    rest = argc + kwc
    varargs = names[rest] if code.has_varargs else None
    varkw = names[rest + code.has_varargs] if code.has_varkw else None
    parts = list(positional)
    if code.posonlyargcount:
        parts.insert(code.posonlyargcount, "/")
    if varargs is not None:
        parts.append("*" + varargs)
    elif kwonly:
        parts.append("*")
    parts.extend(kwonly)
    if varkw is not None:
        parts.append("**" + varkw)
    ordered = positional + kwonly + ([varargs] if varargs else []) + ([varkw] if varkw else [])
    return ordered, ", ".join(parts)


def _make(code) -> types.CodeType:
    params, signature = _params(code)
    nparams = len(params)
    locals_ = [n for n in code.co_varnames[nparams:]]
    cells = list(code.cellvars)
    free = list(code.freevars)
    # Dead code (`if 0:`) still names every local to the compiler: the other locals in
    # CPython's order, the cell variables (read by a nested lambda), the free variables.
    dead = [f"{n} = None" for n in locals_]
    if cells:     # (bound here, or they would be globals of the lambda)
        dead += [f"{n} = None" for n in cells if n not in params]
        dead.append(f"lambda: ({', '.join(cells)},)")
    cells_arg = f"lambda: ({', '.join(free)},)" if free else "None"
    call = (f'"{_ENTER}"("{_CURRENT}"(), "{_MARKER_SLOT}", "{_GLOBALS}"(), '
            f'({"".join(p + ", " for p in params)}), {cells_arg})')
    if code.is_generator and code.is_coroutine:
        # (an async generator cannot delegate without a local of its own, which would
        # show in co_varnames: made from host code, it says it cannot run)
        body = [f'"{_UNSUPPORTED}"("{_MARKER_SLOT}")', "yield"]
        kw = "async def"
    elif code.is_coroutine:
        body = [f"return await {call}"]
        kw = "async def"
    elif code.is_generator:
        body = [f"return (yield from {call})"]
        kw = "def"
    else:
        body = [f"return {call}"]
        kw = "def"
    body = ["try:"] + ["    " + line for line in body] + ["except BaseException:", f'    "{_HAND}"()', "    raise"]
    # (co_consts[0] is the docstring, or None without one, as CPython's: the compiler's own)
    doc = _docstring(code)
    inner = [f"{kw} __pj_fn({signature}):"] + ([f"    {doc!r}"] if doc is not None else []) + ["    if 0:"]
    inner += ["        " + line for line in (dead or ["pass"])]
    inner += ["    " + line for line in body]
    lines = ["def __pj_outer():"]
    if free:
        lines.append(f"    {' = '.join(free)} = None")
    lines += ["    " + line for line in inner]
    lines.append("    return __pj_fn")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # (calling a str constant: the placeholders)
        module = compile("\n".join(lines) + "\n", code.filename, "exec", dont_inherit=True)
    outer = next(c for c in module.co_consts if type(c) is types.CodeType)
    tramp = next(c for c in outer.co_consts if type(c) is types.CodeType)
    marker = _Marker(code)
    consts = tuple(_enter if c == _ENTER else _current if c == _CURRENT else _unsupported if c == _UNSUPPORTED
                   else _hand if c == _HAND else globals if c == _GLOBALS else marker if c == _MARKER_SLOT
                   else c for c in tramp.co_consts)
    flags = code.co_flags
    # (co_freevars and co_cellvars come out sorted by name, as CPython's and the guest's:
    # frontend/scope.py, so a closure tuple means the same cells to both.)
    # (no locations: the trampoline's lines are those of its own few lines of source, not
    # the guest's; and a traceback entry over a frame of this code, tracebacks.py's tb_frame,
    # takes its line from tb_lineno alone)
    return tramp.replace(co_name=code.name, co_qualname=code.qualname, co_firstlineno=code.firstlineno,
                         co_flags=flags, co_consts=consts, co_linetable=no_locations(tramp))


def no_locations(code) -> bytes:
    """A location table (CPython 3.11 format) that gives no instruction of `code` a
    location: entries of kind 15 (PY_CODE_LOCATION_INFO_NONE), at most 8 code units each.
    A traceback entry over a frame of such code (at tb_lasti 0) then takes its line from
    tb_lineno alone and has no column range, in the traceback module and in CPython's C
    printer (sys.excepthook, unraisable reports), which printed an empty caret line
    otherwise (with columns, or at tb_lasti -1)."""
    units = len(code.co_code) // 2
    table = bytearray()
    while units > 0:
        n = min(units, 8)
        table.append(0x80 | (15 << 3) | (n - 1))
        units -= n
    return bytes(table)


_MARKER_SLOT = "__pj_marker__"
_CURRENT = "__pj_current__"
_current = _pjentry.current_function
_UNSUPPORTED = "__pj_unsupported__"


def _docstring(code):
    node = code.node
    body = getattr(node, "body", None)
    if isinstance(body, list) and body:
        first = body[0]
        value = getattr(getattr(first, "value", None), "value", None)
        if type(first).__name__ == "Expr" and isinstance(value, str):
            return value
    return None


def _enter(face, marker, globals_, args, cells):
    """The trampoline's body, run when host bytecode calls a function whose code it is:
    `face` is that function (pjfunc.c current_function). A guest function's (its __code__
    assigned, or types.coroutine's) is called as host code calls it (host_call); any other
    (types.FunctionType(f.__code__, ...) in host code) runs the guest code in a new record,
    with the arguments CPython bound (defaults applied). `cells`: a lambda whose closure
    holds the function's cells (None without free variables)."""
    code = marker.guest
    argc, kwc = code.argcount, code.kwonlyargcount
    positional = list(args[:argc])
    kwargs = dict(zip(code.varnames[argc:argc + kwc], args[argc:argc + kwc]))
    k = argc + kwc
    if code.has_varargs:
        positional.extend(args[k])
        k += 1
    if code.has_varkw:
        kwargs.update(args[k])
    record = _record_of(face)
    if record is not None and record.code is code:
        return _host_call(record, tuple(positional), kwargs)
    check_locations(face.__code__)
    builtins_ = globals_.get("__builtins__", None)
    if isinstance(builtins_, types.ModuleType):
        builtins_ = builtins_.__dict__
    if builtins_ is None:
        import builtins as builtins_module
        builtins_ = builtins_module.__dict__
    closure = None
    if cells is not None:
        by_name = dict(zip(cells.__code__.co_freevars, cells.__closure__))
        closure = tuple(by_name[n] for n in code.freevars)
    fn = Function.new(code, globals_, builtins_, None, None, closure, None, {})
    return fn(*positional, **kwargs)


def placeholder(nfree: int) -> types.CodeType:
    """The code object a guest function (pjfunc.c make_function) is made with: it takes
    (*args, **kwargs) and has `nfree` free variables (the closure's length must match);
    host bytecode calling the function runs it, and it hands the call to the function's
    record as a call from C would (host_call: binding, CPython's errors). Never seen by
    host code: the function's __code__ is the record's code_object()."""
    code = _PLACEHOLDERS.get(nfree)
    if code is None:
        free = [f"__pj_free{i}" for i in range(nfree)]
        lines = ["def __pj_outer():"]
        if free:
            lines.append(f"    {' = '.join(free)} = None")
        lines.append("    def __pj_placeholder(*args, **kwargs):")
        if free:
            lines.append(f"        if 0: ({', '.join(free)},)")
        # (an exception leaving for the host caller: its traceback as CPython's, without
        # this frame and the engine's, which it has by now; `raise` adds no entry)
        lines += ["        try:",
                  f'            return "{_ENTER_ANY}"(args, kwargs)',
                  "        except BaseException:",
                  f'            "{_HAND}"()',
                  "            raise"]
        lines.append("    return __pj_placeholder")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = compile("\n".join(lines) + "\n", "<protojit placeholder>", "exec", dont_inherit=True)
        outer = next(c for c in module.co_consts if type(c) is types.CodeType)
        tramp = next(c for c in outer.co_consts if type(c) is types.CodeType)
        code = tramp.replace(co_consts=tuple(_pjentry.enter_placeholder if c == _ENTER_ANY
                                             else _hand if c == _HAND else c for c in tramp.co_consts))
        _PLACEHOLDERS[nfree] = code
        HIDDEN_CODES.add(code)
    return code


_PLACEHOLDERS: dict = {}
_ENTER_ANY = "__pj_enter_any__"
_HAND = "__pj_hand__"


def _hand():
    exc = sys.exc_info()[1]
    if not isinstance(exc, (StopIteration, StopAsyncIteration)):
        _hand_to_host(exc)
# Code objects of host frames that stand for no frame of the guest's (the placeholders):
# tracebacks leave them out.
HIDDEN_CODES: set = set()


def _enter_any(face, args, kwargs):
    """A placeholder's call with keywords (or of a function without a record): positional
    calls go straight to the record's tp_call (pjfunc.c enter_placeholder)."""
    record = _record_of(face)
    if record is None:
        raise SystemError(f"protojit: {face!r} lost its guest record (its __code__ was replaced)")
    if not kwargs:
        return record(*args)
    return _host_call(record, args, kwargs)


_pjentry.set_enter_slow(_enter_any)


def _unsupported(marker):
    raise NotImplementedError(f"protojit: the code object of guest async generator function "
                              f"{marker.guest.qualname}() cannot run as host code")


set_host_code(host_code)    # (frames.py's ExecutionFrame.f_code: the base layer cannot import this)
