"""Frames: the state of one running guest scope, and the per-thread frame stack.

The shared base of the engine: interp builds and runs frames, runtime (functions,
builtins, tracebacks, coroutines, the debugger), tiering and codegen read them, and
all of them import this module from below; it imports only frontend/code.py
(GuestCode, whose slot numbers index a frame).

A frame holds the code, the globals/builtins, the local slots (cells live in
the slots of cell and free variables), the namespace dict for module and
class bodies, the caller (F_BACK) and the current line. Statement closures
keep the line up to date, so tracebacks and locals() cost nothing extra at
the moment they are asked for. Programs see a frame through its
ExecutionFrame (f_code, f_globals, f_locals, f_lineno, f_back).
"""
from __future__ import annotations

import weakref

from protojit import _pjentry
from protojit.frontend.code import FRAME_HEADER, GuestCode, NameKind


# The value of a local slot that has no value yet (or was deleted). A bare object():
# instances of classes are tracked by the garbage collector, and a guest iterating over
# gc.get_objects() would bind the sentinel to a variable and then read it as unbound.
UNBOUND = object()


# A frame is a plain list: its first HEADER items are the frame's state, local slot k
# (the k-th of code.varnames) is frame[HEADER + k] -- GuestCode.slot() returns that index.
# The hot call paths (runtime/function.py: make_invokers) write this layout out as list
# displays; tests/unit/test_structure.py checks each against these constants.
#
# Why a bare list: reading a local is the hottest operation of tier 0, and CPython 3.11
# specialises `f[i]` only on an exact list (a list subclass cost 45 ns more per read);
# building one list display is also half the price of a subclass instance with its
# attributes set one by one (~200 vs ~400 ns per call).
F_CODE = 0          # the GuestCode
F_GLOBALS = 1       # globals dict
F_BUILTINS = 2      # builtins dict
F_LOCALS_DICT = 3   # the namespace of a module or class body (else None)
F_BACK = 4          # the calling frame (or None)
F_LINENO = 5        # current line, set by the statement closures
F_FUNCTION = 6      # the Function running in it (None for module/class bodies)
F_RETVAL = 7        # set only by a return statement, read only after one
F_VIEW = 8          # its ExecutionFrame, made the first time something asks for one
F_DEPTH = 9         # guest recursion depth: F_BACK's + 1 (a frame without a caller: 1)
HEADER = FRAME_HEADER
assert HEADER == F_DEPTH + 1

# The guest recursion limit (sys.setrecursionlimit). CPython counts every frame it pushes
# and fails the push that would make the depth exceed the limit; tier 0 counts the same
# way in F_DEPTH: the caller's depth + 1, known from the frame the call is handed, so a
# call pays two list reads and nothing on the way out (runtime/function.py _DEPTHS). Native code gets the room left below the limit
# from its C entry (runtime_c/capi/pjentry.c). Set by PythonEnvironment.set_recursion_limit.
recursion_limit = [1000]


def frame_depth(back) -> int:
    """The depth of a new frame whose caller is `back` (a frame list or None)."""
    return 1 if back is None else back[F_DEPTH] + 1


def recursion_error() -> RecursionError:
    """CPython's error when a Python frame push would exceed the limit."""
    return RecursionError("maximum recursion depth exceeded")


def check_depth(frame) -> None:
    """Raise CPython's RecursionError if `frame` (its F_DEPTH set) is beyond the limit
    (frames other than function calls: class bodies, comprehensions, modules)."""
    if frame[F_DEPTH] > recursion_limit[0]:
        raise recursion_error()


# Native code and the limit (runtime_c/capi/pjentry.c start_depth has the same rule and
# constants, for the C entry): native code counts its recursion from a start depth and
# deopts past NATIVE_MAX_DEPTH (codegen/lower.py MAX_DEPTH), running at most a few levels
# past it before a check sees it (DEPTH_STEP is that margin, lower.DEPTH_MARGIN); a call starts so that no level it runs natively is past the guest limit, and
# within NATIVE_MARGIN of the limit it runs in tier 0, which raises CPython's error.
NATIVE_MAX_DEPTH = 800
DEPTH_STEP = 8
NATIVE_MARGIN = 32


def native_start_depth(back) -> int | None:
    """The depth native code called from guest frame `back` (None: unknown) starts its
    count at, or None when the call must run in tier 0 (near the limit)."""
    base = back[F_DEPTH] if back is not None else 0
    room = recursion_limit[0] - base - 1
    if room < NATIVE_MARGIN:
        return None
    return max(0, NATIVE_MAX_DEPTH + DEPTH_STEP - room)


def new_frame(code, globals_, builtins, slots, locals_dict=None, back=None) -> list:
    """A frame over a list of local slots (the hot call path builds its list inline)."""
    return [code, globals_, builtins, locals_dict, back, code.entry_lineno or code.firstlineno,
            None, None, None, 1 if back is None else back[F_DEPTH] + 1, *slots]


# F_RETVAL of the guest frame of a native (object code) call: no tier-0 code runs in it, so
# no return statement ever sets it; it tells the frame walkers (runtime/hostframes.py) that
# no interpreter frame stands for this guest frame on the host stack.
NATIVE_FRAME = object()


def native_frame_header(fn) -> list:
    """The header that every call of native object code of guest function `fn` copies into
    its guest frame (codegen/compiler.py ObjectSpec, runtime_c/capi/pjentry.c), which then
    sets F_BACK (the caller) and F_FUNCTION; the machine code keeps F_LINENO current. A
    native frame has no local slots (locals() in it is {})."""
    code = fn.code
    frame = [code, fn.__globals__, fn.builtins, None, None, code.entry_lineno or code.firstlineno,
             fn, NATIVE_FRAME, None, 1]     # (F_DEPTH: the C entry sets the caller's + 1)
    assert len(frame) == HEADER
    return frame


def is_native_frame(frame) -> bool:
    return frame[F_RETVAL] is NATIVE_FRAME


def is_frame(obj) -> bool:
    """Is obj a guest frame (a frame list, as opposed to any other list)?"""
    return type(obj) is list and len(obj) >= HEADER and type(obj[F_CODE]) is GuestCode


class ExecutionFrame:
    """A guest frame as programs and tools see it (sys._getframe(), the debugger, a
    coroutine's cr_frame): a view of one frame list with CPython's attribute names.
    One per frame (frame_object), so frames compare and hash by identity.

    To host code it passes for a frame: its __class__ is types.FrameType (isinstance and
    inspect.isframe say yes: inspect.getframeinfo, getouterframes, getsourcelines take
    it), its type is named 'frame' (messages), its repr is CPython's, and f_code is a real
    code object. type(frame) is still this class (FrameType cannot be made from Python)."""
    __slots__ = ("frame", "__weakref__", "tb_locals")

    __class__ = property(lambda self: _FrameType)

    def __init__(self, frame: list):
        self.frame = frame

    def __del__(self):
        # The last holder of a returned frame's view let it go (the frame holds it weakly
        # from its return on: _pjentry.release_locals): the frame's locals go now, first
        # to last, as CPython's frame object releases them (the list's own deallocation
        # would go last to first). No-op while anything else holds the frame.
        try:
            frame = self.frame
        except AttributeError:
            return
        try:
            watchers = self.tb_locals or ()
        except AttributeError:
            watchers = ()
        for ref in watchers:     # (tracebacks._LiveLocals: they keep the locals as of now)
            live = ref()
            if live is not None:
                live.freeze(frame)
        del self.frame
        _pjentry.release_locals(frame)

    def watch_locals(self, live) -> None:
        """`live` (a traceback frame's f_locals that reads this frame's locals) is told
        (live.freeze(frame)) before this view goes and the frame's locals with it."""
        try:
            watchers = self.tb_locals
        except AttributeError:
            watchers = None
        if watchers is None:
            watchers = self.tb_locals = []
        watchers.append(weakref.ref(live))

    guest_code = property(lambda self: self.frame[F_CODE])   # the engine's view: the GuestCode

    @property
    def f_code(self):
        """The code object running, as programs see it: a function frame's is its
        function's __code__ (CPython: sys._getframe().f_code is f.__code__), a module or
        class body's a code object with its name, file and first line; real code objects
        either way (runtime/hostcode.py)."""
        code = self.frame[F_CODE]
        function = self.frame[F_FUNCTION]
        if function is not None and getattr(function, "code", None) is code:
            code_object = getattr(function, "code_object", None)
            if code_object is not None:
                return code_object()
        return _host_code(code)
    f_globals = property(lambda self: self.frame[F_GLOBALS])
    f_builtins = property(lambda self: self.frame[F_BUILTINS])
    f_locals_dict = property(lambda self: self.frame[F_LOCALS_DICT])
    f_back = property(lambda self: frame_object(self.frame[F_BACK]))
    function = property(lambda self: self.frame[F_FUNCTION])
    retval = property(lambda self: self.frame[F_RETVAL])

    # No instruction offsets in tier 0: -1, which inspect.getframeinfo and the traceback
    # module read as "no position" (CPython's own value for a frame not started).
    f_lasti = -1

    @property
    def f_lineno(self) -> int:
        return self.frame[F_LINENO]

    @f_lineno.setter
    def f_lineno(self, line: int) -> None:
        self.frame[F_LINENO] = line

    @property
    def f_locals(self) -> dict:
        """Module/class namespace itself, or the function frame's one locals dict, refreshed
        (what locals() returns, as CPython 3.11)."""
        return frame_locals(self.frame)

    def __repr__(self):
        code = self.frame[F_CODE]
        return f"<frame at {id(self):#x}, file {code.filename!r}, line {self.frame[F_LINENO]}, code {code.name}>"


_FrameType = type(__import__("sys")._getframe())
# Named as CPython's frame type (messages say "'frame' object ..."); __module__ is not an
# attribute of a frame (inspect.getmodule finds a frame's module by its file name).
ExecutionFrame.__name__ = ExecutionFrame.__qualname__ = "frame"


def _no_module(self):
    raise AttributeError("'frame' object has no attribute '__module__'")


_pjentry.set_type_attr(ExecutionFrame, "__module__", property(_no_module))


_host_code = None     # runtime/hostcode.py's host_code (set there: the runtime layer is above)


def set_host_code(host_code) -> None:
    global _host_code
    _host_code = host_code


def frame_object(frame: list | None) -> ExecutionFrame | None:
    """The one ExecutionFrame of a frame list (None for None; itself for one)."""
    if frame is None or type(frame) is ExecutionFrame:
        return frame
    view = frame[F_VIEW]
    if type(view) is weakref.ReferenceType:
        view = view()    # (a returned frame holds its view weakly: release_locals)
    if view is None:
        view = frame[F_VIEW] = ExecutionFrame(frame)
    return view


# CPython 3.11 gives each function frame one locals() dict, refreshed in place by every
# locals()/vars()/dir() call: names bound now are (re)set, unbound ones removed, keys the
# program added itself stay. Keyed by the frame's ExecutionFrame: the dict dies with it.
_frame_locals: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _locals_layout(code) -> list[tuple[str, int, bool]]:
    """(name, frame index, is_cell) of each visible local in CPython's order: parameters and plain
    locals as in co_varnames, then the non-parameter cell variables sorted, then the free
    variables sorted. Cached on the code (its slots never move once it runs)."""
    cached = code._pj_locals_layout
    if cached is not None and cached[0] == len(code.varnames):
        return cached[1]
    nparams = (code.argcount + code.kwonlyargcount + int(code.has_varargs)
               + int(code.has_varkw))
    plain, cells, frees = [], [], []
    for i, name in enumerate(code.varnames):
        if name.startswith(".t"):        # protojit's own temporaries
            continue
        kind = code.names.get(name)
        is_cell = kind is NameKind.CELL or kind is NameKind.FREE
        entry = (name, HEADER + i, is_cell)
        if i < nparams or not is_cell:
            plain.append(entry)
        elif kind is NameKind.CELL:
            cells.append(entry)
        else:
            frees.append(entry)
    layout = plain + sorted(cells) + sorted(frees)
    code._pj_locals_layout = (len(code.varnames), layout)
    return layout


def slot_value(frame: list, i: int, is_cell: bool):
    """The value of the local in slot `i` of a frame list (a cell's contents for a cell
    variable), or UNBOUND if it has none."""
    value = frame[i] if i < len(frame) else UNBOUND
    if is_cell:
        try:
            return value.cell_contents
        except (ValueError, AttributeError):
            return UNBOUND
    return value


def frame_locals(frame) -> dict:
    """What locals() returns in `frame` (a frame list): the namespace of a module or class
    body itself, or the frame's one locals dict refreshed from its slots (as CPython 3.11).
    An ExecutionFrame stands for its frame list."""
    if type(frame) is ExecutionFrame:
        frame = frame.frame
    if frame[F_LOCALS_DICT] is not None:
        return frame[F_LOCALS_DICT]
    view = frame_object(frame)
    d = _frame_locals.get(view)
    if d is None:
        d = _frame_locals[view] = {}
    for name, i, is_cell in _locals_layout(frame[F_CODE]):
        value = slot_value(frame, i, is_cell)
        if value is UNBOUND:
            d.pop(name, None)
        else:
            d[name] = value
    return d



# Per-thread interpreter state (runtime_c/capi/pjentry.c ThreadState: C thread-locals, so
# that native object code publishes its frames with a pointer write):
#   tstate.frame       the guest frame published as "current" (a frame list, or None).
#     Calls between tier-0 functions link frames through f_back and do not touch it. It is
#     published where something may ask for it: at call sites of reflective builtins
#     (locals(), globals(), vars(), dir(), exec(), eval(), breakpoint(), sys._getframe()),
#     when a module or class body starts, and by every call of object code. Host code
#     calling a guest function links the new frame to it.
#   tstate.host_depth  guest calls entered from host code, nested (runtime/function.py).
ThreadState = _pjentry.ThreadState
tstate = ThreadState()

# The guest recursion limit, for calls entered from host code (set by the environment).
host_entry_limit = [1000]


_COMPARISONS = frozenset({"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"})


def host_recursion_error(name: str) -> RecursionError:
    """CPython's error for recursion through a C call (rich comparisons say so); kept as
    is by the traceback code."""
    where = "in comparison" if name in _COMPARISONS else "while calling a Python object"
    exc = RecursionError(f"maximum recursion depth exceeded {where}")
    _pjentry.exc_state_new(exc)["pj_keep_message"] = True   # (runtime/tracebacks.py reads it)
    return exc


def current_frame() -> list | None:
    """The thread's last published frame (a frame list)."""
    return tstate.frame
