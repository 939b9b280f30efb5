"""Guest tracebacks: built from guest frames, never from interpreter internals.

As an exception leaves a guest frame, `add_frame` records (file, line, name)
on the exception; `format_exception` prints them CPython-style, including
chained exceptions (__cause__ / __context__), using the host `traceback`
module only for the exception-only lines and the chaining layout.
"""
from __future__ import annotations

import linecache
import os
import sys
import traceback
import types
import weakref

from protojit import _pjentry
from protojit.frames import (F_CODE, F_DEPTH, F_GLOBALS, F_LINENO, F_VIEW, HEADER, UNBOUND, ExecutionFrame,
                             _locals_layout, frame_object, is_frame, is_native_frame, recursion_limit,
                             slot_value)
from protojit.runtime.hostcode import HIDDEN_CODES, guest_code_of, host_code, no_locations
from protojit.runtime.suggestions import suggestion

_ATTR = "_pj_frames"
FRAMES_KEY = _ATTR     # (interp/statements.py copies a group's frames to its split parts)

# The engine's bookkeeping on an exception (its guest frames under _ATTR, the traceback it
# built under _BUILT, statements.py's re-raise mark, frames.py's pj_keep_message) is a dict
# of its own per exception, which dies with it, out of the exception's __dict__: vars(e),
# dir(e), e.__reduce__(), pickle and copy see what CPython's show (runtime_c/capi/pjexc.c).
engine_state = _pjentry.exc_state            # exc -> the dict, or None
engine_state_new = _pjentry.exc_state_new    # exc -> the dict, made if missing
_HOST_RECURSION_ARGS = {("maximum recursion depth exceeded while calling a Python object",),
                        ("maximum recursion depth exceeded in comparison",)}


# lib/ modules that stand for modules CPython writes in C (_sqlite3, _socket, _thread,
# _hashlib, _datetime, ...): a CPython traceback has no lines of theirs, so theirs are
# not recorded either (a converter's error shows the program's lines only).
_LIB = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "lib")
_C_STANDINS = frozenset(os.path.join(_LIB, name) for name in (
    "sqlite3/__init__.py", "_socket.py", "_thread.py", "_hashlib.py", "datetime.py", "_pjspawn.py"))


def add_frame(exc: BaseException, frame, keep: bool = True) -> None:
    """Record that `exc` reached `frame` while unwinding (innermost frames first).

    Called when an except clause of the frame catches it and when it leaves the
    frame; as in CPython a frame gets one entry, at the line where the
    exception reached it.

    `keep` (the exception leaves the frame: the call is over) puts the frame's local
    slots in the entry: as CPython's traceback holds tb_frame, the exception then keeps
    the frame's locals alive until it is dropped (a local's __del__ runs after the
    handler, not at the raise). A copy of the slots, not the frame list: its F_BACK is
    the caller's frame, whose F_RETVAL may hold the exception (`except E as e: return e`),
    a cycle CPython does not have. Where it is caught (keep False) the frame still runs.
    """
    code = frame[F_CODE]
    if code.filename in _C_STANDINS:
        return
    entry = (code.filename, frame[F_LINENO], code.name, id(frame), frame[F_GLOBALS], code)
    state = engine_state_new(exc)
    if state is None:
        return
    if type(exc) is RecursionError and exc.args in _HOST_RECURSION_ARGS \
            and not state.get("pj_keep_message") \
            and (_pjentry.take_guest_recursion() or 2 * frame[F_DEPTH] >= recursion_limit[0]):
        # The host's limit (or the C stack) ran out inside one of its C calls and the
        # guest recursed through guest calls, for which CPython says just this. (Not a
        # C-level cycle with no guest frame in it, `Foo.__repr__ = Foo.__str__`, at a
        # shallow guest depth: CPython's message is the C one.)
        exc.args = ("maximum recursion depth exceeded",)
    entries = state.get(_ATTR)
    if entries is None:
        entries = state[_ATTR] = [entry]
    elif entries[-1][3] != id(frame):
        entries.append(entry)
    elif not keep or len(entries[-1]) > 6:
        return
    if keep:
        # (the frame's line as it is left: its tb_frame's f_lineno, which a finally clause
        # or an except clause that did not match has moved past the entry's line)
        state.setdefault(_EXIT_LINES, {})[len(entries) - 1] = frame[F_LINENO]
        if type(frame[F_VIEW]) is ExecutionFrame:
            _leave_view(frame)
    if keep and len(frame) > HEADER:
        entries[-1] += (_kept_locals(entries, frame),)
        built = state.get(_BUILT)
        if built is not None and len(entries) <= built[1]:
            # the frame caught it, a handler read the traceback (its tb_frame was made
            # then, without locals), and now it leaves: _convert gives that frame these
            state.setdefault(_LATE, []).append(len(entries) - 1)


def _leave_view(frame) -> None:
    """An exception leaves `frame`, which has an ExecutionFrame: the _LiveLocals watching
    it keep its locals as they are now, and the view, if only the frame holds it, goes
    (frame and view hold each other until a return's release_locals: the frame would
    otherwise wait for a collection, its locals with it)."""
    view = frame[F_VIEW]
    if getattr(view, "tb_locals", None) is None:
        return
    for ref in view.tb_locals:
        live = ref()
        if live is not None:
            live.freeze(frame)
    view.tb_locals = None
    if sys.getrefcount(view) <= 3:      # (the frame, `view`, getrefcount's argument)
        frame[F_VIEW] = None
        del view


def _kept_locals(entries, frame) -> list:
    """The list an entry keeps for `frame`'s locals: [its index in entries, the number of
    slots, whether it is a native frame (its slots are then the values pj_frame_keep
    gave it, not named locals), the slots in reverse order], then the list of the frame inside it, moved from
    that entry (one chain, held by the outermost entry; _unchain takes it apart). When the
    exception goes, a list is released from its end: the inner frames' locals first, each
    frame's in slot order -- CPython's tb_dealloc order (tb_next first, then tb_frame,
    which clears its locals in order)."""
    slots = frame[HEADER:]
    slots.reverse()
    kept = [len(entries) - 1, len(slots), is_native_frame(frame)] + slots
    for i in range(len(entries) - 2, -1, -1):
        e = entries[i]
        if len(e) > 6:
            entries[i] = e[:6]
            kept.append(e[6])
            break
    return kept


def add_frame_again(exc: BaseException, frame) -> None:
    """`raise exc` in `frame`: CPython gives the frame a new traceback entry even when exc
    already has one for it (`except E as e: raise e` shows both lines), where add_frame
    keeps one entry per frame as it unwinds."""
    state = engine_state(exc)
    entries = state.get(_ATTR) if state is not None else None
    if entries and entries[-1][3] == id(frame):
        code = frame[F_CODE]
        entries.append((code.filename, frame[F_LINENO], code.name, id(frame), frame[F_GLOBALS], code))


def hidden_frame_entry(frame):
    """An entry that keeps `frame` out of an exception's traceback (add_frame skips a
    frame already recorded last), for exceptions CPython re-raises without a new entry."""
    return (None, 0, None, id(frame), None, None)


def guest_frames(exc: BaseException) -> list[tuple[str, int, str]]:
    """Outermost first, like a printed traceback."""
    state = engine_state(exc)
    entries = state.get(_ATTR, []) if state is not None else []
    return [e[:3] for e in reversed(entries) if e[0] is not None]


_ENGINE_DIRS = None
_GUEST_CALLERS = ()


def _engine_dirs() -> tuple[str, ...]:
    """Folders whose host frames are interpreter internals (never shown to the guest)."""
    global _ENGINE_DIRS
    if _ENGINE_DIRS is None:
        import os
        import protojit
        dirs = [os.path.dirname(os.path.abspath(protojit.__file__))]
        try:
            import protojit.codegen as codegen
            dirs.append(os.path.dirname(os.path.abspath(codegen.__file__)))
        except Exception:   # noqa: BLE001 - the native tier is optional here
            pass
        _ENGINE_DIRS = tuple(d + os.sep for d in dirs)
        global _GUEST_CALLERS
        _GUEST_CALLERS = (os.path.join(dirs[0], "interp") + os.sep,
                          os.path.join(dirs[0], "runtime", "importer.py"))
    return _ENGINE_DIRS


def prepare_for_shutdown() -> None:
    """Resolve what the traceback code imports lazily, before the host's finalization
    takes the import system away (a guest __del__ may still raise then)."""
    _engine_dirs()


def running_guest_frame(host_frame):
    """The guest frame (a frame list) an interpreter frame runs: its local `frame`, or `f`
    in a closure; None if it holds neither."""
    local = host_frame.f_locals
    for name in ("frame", "f"):
        gf = local.get(name)
        if is_frame(gf):
            return gf
    return None


def _merged(entries: list, host: list) -> list:
    """The frames CPython would show, outermost first: guest entries (tuples, `entries` is
    innermost first) with the host library frames of `host` (tracebacks, outermost first:
    json, asyncio, ...) that guest code called placed between them.

    The host traceback is the skeleton: each interpreter frame that runs a guest frame
    holds it in a local named `frame` (or `f`, in closures), which ties it to that guest
    frame's entry; other interpreter frames are dropped, library frames after the first
    guest frame are kept."""
    guest = list(reversed(entries))
    engine = _engine_dirs()
    # (the host frames of a guest function's own code objects, hostcode.py: a host caller's
    # call runs them on the way in; they stand for nothing CPython would show)
    host = [tb for tb in host if not is_hidden_code(tb.tb_frame.f_code)]
    if all(tb.tb_frame.f_code.co_filename.startswith(engine) for tb in host):
        return [e for e in guest if e[0] is not None]     # no library frames to place
    where = {e[3]: i for i, e in enumerate(guest)}
    out = []
    done = 0
    shown = False   # is the current run of library frames one that guest code called?
    for tb in host:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(engine):
            gf = running_guest_frame(tb.tb_frame)
            i = where.get(id(gf)) if gf is not None else None
            if i is not None and i >= done:
                out.extend(guest[done:i + 1])
                done = i + 1
            # Guest code calls the host from interp/ closures (and imports foreign modules
            # through the importer), or from native object code (whose guest frame the
            # engine frame that ran it or raised its exception holds: the library frames
            # after it are its callees); anything else is the engine's own use of a library.
            shown = filename.startswith(_GUEST_CALLERS) or (gf is not None and is_native_frame(gf))
            continue
        if done and shown and not filename.startswith("<frozen importlib"):
            out.append(tb)
    out.extend(guest[done:])
    return [e for e in out if type(e) is not tuple or e[0] is not None]


def is_hidden_code(code) -> bool:
    """A placeholder or trampoline of a guest function (runtime/hostcode.py)."""
    return code in HIDDEN_CODES or guest_code_of(code) is not None


def merged_frames(exc: BaseException) -> list[tuple[str, int, str]]:
    """The traceback CPython would print, outermost first, as (file, line, name)."""
    out = []
    tb = guest_traceback(exc)
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    return out


# ---- the traceback objects guest code sees ------------------------------------------------
#
# Guest code reads tracebacks through host machinery: e.__traceback__, sys.exc_info(),
# traceback.print_exc(), logging.exception(). So when a guest handler catches an exception,
# its __traceback__ becomes the one CPython would have: real traceback objects whose frames
# stand for the guest frames (their code has the guest file and function name, their
# globals are the guest module's; the line is the traceback's own). Column positions are
# not known: the stub's instructions have no location at all, so every printer (the C one
# at exit and in sys.excepthook, the traceback module, inspect) takes the traceback's line
# and draws no ^^^ markers (with columns, or with tb_lasti -1, the C printer wrote an empty
# marker line under each source line).

_BUILT = "_pj_tb"          # engine_state(exc)[_BUILT] = (head it set, guest entries it covers)
_STUB_CODES: set = set()   # the code objects of the frames standing for guest frames
_stub_frames: dict = {}    # (file, name, first line, qualname, id(globals)) -> (frame, globals)
_STUB_LIMIT = 4096


_no_locations = no_locations     # (the stub's instructions have no location: hostcode.py)
_LATE = "_pj_tb_late"     # engine_state(exc)[_LATE]: entries given locals after _convert built them
_FRAME_IDS = "_pj_tb_frames"   # engine_state(exc)[_FRAME_IDS]: entry index -> id of its tb_frame
_EXIT_LINES = "_pj_tb_exit_lines"   # engine_state(exc)[_EXIT_LINES]: entry index -> line its frame was left at


def _unchain(entries, start: int) -> dict:
    """{entry index: (its frame's slots in slot order, is native)} from the chains of kept locals
    (_kept_locals) held by entries[start:]; strips those entries of them (their frames
    in the traceback hold the locals from now on: one holder only)."""
    out = {}
    for i in range(len(entries) - 1, start - 1, -1):
        e = entries[i]
        if len(e) <= 6:
            continue
        entries[i] = e[:6]
        node = e[6]
        while node is not None:
            index, n, native = node[0], node[1], node[2]
            slots = node[3:3 + n]
            slots.reverse()
            out[index] = (slots, native)
            node = node[3 + n] if len(node) > 3 + n else None
    return out


def _local_values(code, kept) -> tuple:
    """({name: value} of a guest frame's locals that have a value (a cell or free
    variable's: its cell), by CPython's names, or None; the tuple of the other values it
    kept (protojit's temporaries; a native frame's values, pj_frame_keep's), last first,
    or None) from `kept`, _unchain's (slots, is native), or None."""
    if kept is None:
        return None, None
    slots, native = kept
    if native and code.is_function_like and slots and type(slots[0]) is tuple:
        return _native_values(code, slots[0], slots[1:])
    if native or not code.is_function_like:
        rest = [v for v in slots if v is not UNBOUND]
        return None, tuple(reversed(rest)) if rest else None
    values = {}
    named = set()
    for name, i, _is_cell in _locals_layout(code):
        k = i - HEADER
        named.add(k)
        if k < len(slots):
            value = slots[k]
            if value is not UNBOUND:
                values[name] = value
    rest = [v for k, v in enumerate(slots) if k not in named and v is not UNBOUND]
    return values, tuple(reversed(rest)) if rest else None


def _native_values(code, names: tuple, slots: list) -> tuple:
    """_local_values for a native (object code) frame: `slots` are the values its error
    exit kept, `names` their local names (pjexc.c pj_frame_keep; None: the engine's own)."""
    visible = {name for name, _i, _is_cell in _locals_layout(code)}
    values = {}
    rest = []
    for name, value in zip(names, slots):
        if name in visible and name not in values:
            values[name] = value
        else:
            rest.append(value)
    rest.extend(slots[len(names):])
    return values or None, tuple(reversed(rest)) if rest else None


def _entry_frame(e, slots, live=None, exit_line=None):
    """The tb_frame of guest traceback entry `e` (a real frame: types.TracebackType takes
    no other): a frame of the guest code's own code object (f.__code__, a module or class
    body's code), its line the entry's, holding the frame's locals when the exception left
    the frame (`slots`), its f_lineno the line the frame was left at (`exit_line`, when it
    was; else the entry's). `live`: the entry's frame still runs (it caught the exception):
    the tb_frame's f_locals reads that frame's locals as they are when read, and then as
    they were when it returned (_LiveLocals), as CPython's running frame; not a copy,
    which would keep values alive that the running frame lets go."""
    code = e[5] if len(e) > 5 else None
    globals_ = e[4] if e[4] is not None else {}
    if code is None or not hasattr(code, "is_function_like"):
        return _stub_frame(e[0], e[2], globals_, None, code)
    locals_ = None
    if not code.is_function_like and code.kind.value == "module":
        locals_ = globals_
    elif live is not None and slots is None and _live_locals_fit(code, live):
        locals_ = _LiveLocals(live)
    values, hidden = _local_values(code, slots)
    line = exit_line if exit_line and exit_line > 0 else e[1]
    return _pjentry.tb_frame(host_code(code), globals_, values, max(line or 1, 1), locals_, hidden)


def _live_locals_fit(code, frame) -> bool:
    """Can `frame` (running code `code`) give its tb_frame live locals? A tier-0 function
    frame whose end something notices: its return's release_locals (runtime/function.py:
    two locals or more, or free variables), or an ExecutionFrame it already has. (With one
    local, its return does not call release_locals, and the view _LiveLocals makes would
    keep the frame, its caller's and its result until a collection: no locals shown.)"""
    if not code.is_function_like or is_native_frame(frame):
        return False
    return len(code.varnames) > 1 or bool(code.freevars) or frame[F_VIEW] is not None


class _LiveLocals(dict):
    """tb_frame.f_locals of a guest function frame that was still running when its
    traceback entry's frame was made (the frame whose except clause caught the exception).

    CPython's tb_frame there is the running frame itself: f_locals shows its locals as
    they are at each read, and, once it has returned, as they were then (the frame object
    took them). Each read of a frame's f_locals (PyFrame_FastToLocalsWithError) sets or
    deletes every local name of its code in this mapping, from the tb_frame's own fast
    locals, which are empty here: each such write re-reads that name from the guest frame
    instead. The guest frame is reached through its ExecutionFrame, held weakly (the
    values stay the frame's to release); when the view goes (the frame returned, or was
    collected) it calls `freeze` first, which keeps the locals as they are then."""

    def __init__(self, frame):
        super().__init__()
        view = frame_object(frame)
        self._layout = {name: (i, is_cell) for name, i, is_cell in _locals_layout(frame[F_CODE])}
        self._view = weakref.ref(view)
        view.watch_locals(self)

    def __setitem__(self, name, _value):
        self._refresh(name)

    def __delitem__(self, name):
        self._refresh(name)

    def _refresh(self, name) -> None:
        view = self._view() if self._view is not None else None
        frame = getattr(view, "frame", None)
        if frame is not None:
            self._read(frame, name)

    def _read(self, frame, name) -> None:
        where = self._layout.get(name)
        value = UNBOUND
        if where is not None:
            value = slot_value(frame, *where)
        if value is UNBOUND:
            dict.pop(self, name, None)
        else:
            dict.__setitem__(self, name, value)

    def freeze(self, frame) -> None:
        """The guest frame is done (its view is going): keep its locals as they are."""
        if self._view is None:
            return
        self._view = None
        for name in self._layout:
            self._read(frame, name)


def _stub_frame(filename: str, name: str, globals_, keep=None, code=None):
    """A finished host frame standing for guest function `name` of `filename`. With `keep`
    (the guest frame it stands for) the frame is made for this traceback entry alone and
    holds `keep` among its locals: as CPython's tb_frame, a traceback that outlives its
    exception (sys.exc_info()[2] kept in a variable) keeps the frame's locals alive.
    `code` (the GuestCode, when known): the frame's code object says the function's first
    line and qualified name, as CPython's tb_frame.f_code (pytest and inspect find the
    source by them)."""
    globals_ = globals_ if globals_ is not None else {}
    firstlineno = getattr(code, "firstlineno", 1) or 1
    qualname = getattr(code, "qualname", name)
    varnames = _co_varnames(code)
    key = (filename, name, firstlineno, qualname, id(globals_))
    if keep is None:
        cached = _stub_frames.get(key)
        if cached is not None and cached[1] is globals_:
            return cached[0]
    # A two-line generator function compiled under the guest's file name and renamed; its
    # first step yields its own frame. Not guest code: only its name, file and globals are
    # shown. A generator, closed at once, so that the frame keeps no f_back: a plain
    # function's finished frame holds its caller's, and with it every engine frame up the
    # stack and their locals (the exception being handled, the objects its frames
    # reference) for as long as the frame stays in the cache below: their __del__ and
    # finally clauses never ran. (A finished frame keeps its arguments: `keep`.)
    code_key = (filename, name, firstlineno, qualname)
    code = _stub_codes.get(code_key)
    if code is None:
        code = compile("def stub(here, keep):\n    yield here()\n", filename, "exec").co_consts[0]
        code = code.replace(co_name=name, co_qualname=qualname, co_firstlineno=firstlineno,
                            co_linetable=_no_locations(code), co_varnames=varnames,
                            co_nlocals=len(varnames))
        _STUB_CODES.add(code)
        if len(_stub_codes) >= _STUB_LIMIT:
            _stub_codes.clear()
        _stub_codes[code_key] = code
    gen = types.FunctionType(code, globals_, name)(sys._getframe, keep)
    frame = next(gen)
    gen.close()
    if keep is None:
        if len(_stub_frames) >= _STUB_LIMIT:
            _stub_frames.clear()
        _stub_frames[key] = (frame, globals_)
    return frame


_stub_codes: dict = {}

# The stub's own two parameters (here, keep), first in its co_varnames: names no NameError
# suggestion comes near (the guest's names after them stay unbound: frame.f_locals of a
# stub shows none of them with a value of the stub's).
_STUB_PARAMS = ("__pj_stub_frame_getter__", "__pj_stub_frame_keeps__")


def _co_varnames(code) -> tuple:
    """The stub code's co_varnames: the guest function's, as CPython's co_varnames
    (parameters, then locals that are not cells; no free variables, no hidden temporaries),
    so that a C-level printer (sys.__excepthook__, the exit's) offers a NameError the
    suggestions CPython's does, after the stub's own two parameters."""
    names = []
    if code is not None and getattr(code, "is_function_like", False):
        nparams = (code.argcount + code.kwonlyargcount + bool(code.has_varargs)
                   + bool(code.has_varkw))
        free, cells = set(code.freevars), set(code.cellvars)
        for i, n in enumerate(code.varnames):
            if n.isidentifier() and n not in free and (i < nparams or n not in cells):
                names.append(n)
    return _STUB_PARAMS + tuple(n for n in names if n not in _STUB_PARAMS)


def forget_stub_frames() -> None:
    """Drop the cache of stub frames: each holds its guest function's module globals, which
    finalization (runner.finalize) lets the collector reclaim."""
    _stub_frames.clear()


def share_traceback(exc: BaseException, like: BaseException) -> None:
    """exc, a part split from the group `like` (except*), has like's traceback object
    itself, as BaseExceptionGroup.split gives its parts: the guest frames recorded so
    far and the traceback built from them."""
    head = guest_traceback(like)
    like_state = engine_state(like) or {}
    state = engine_state_new(exc)
    if state is None:
        return
    state[_ATTR] = list(like_state.get(_ATTR, ()))
    if _BUILT in like_state:
        state[_BUILT] = like_state[_BUILT]
    try:
        exc.__traceback__ = head
    except (AttributeError, TypeError):
        pass


def guest_traceback(exc: BaseException, catcher=None):
    """Give exc the __traceback__ CPython would have here (see _convert), and the
    exceptions chained to it (__cause__, __context__) theirs where they passed guest frames
    without being handed on since (a GeneratorExit that a finally clause replaced): the
    traceback module and the printers show the whole chain. Returns exc's.
    `catcher`: the tier-0 frame (a frame list) whose except clause catches exc now: its
    tb_frame's f_locals are that frame's live locals (_LiveLocals)."""
    head = _convert(exc, catcher)
    links = [exc.__cause__, exc.__context__]
    seen = {id(exc)}
    while links and len(seen) < 64:
        x = links.pop()
        if x is None or id(x) in seen:
            continue
        seen.add(id(x))
        state = engine_state(x)
        entries = state.get(_ATTR) if state is not None else None
        if entries:
            built = state.get(_BUILT)
            if built is None or built[1] != len(entries) or x.__traceback__ is not built[0]:
                _convert(x)
        links.append(x.__cause__)
        links.append(x.__context__)
    return head


def _convert(exc: BaseException, catcher=None):
    """Give exc the __traceback__ CPython would have here (guest frames, and the library
    frames guest code called) and return it.

    Called again as the exception propagates, it only converts what was added since: the
    host entries in front of the chain it set last, and the guest entries recorded since
    (both are outer frames), so a deep recursion does not rebuild its whole chain at
    every level."""
    d = engine_state_new(exc)
    if d is None:
        return exc.__traceback__
    entries = d.get(_ATTR) or []
    built = d.get(_BUILT)
    head, covered = built if built is not None else (None, 0)
    prefix = []
    tb = exc.__traceback__
    tail = None
    while tb is not None and tb is not head:
        if _is_built(tb.tb_frame):
            # a guest traceback the exception carried in (`raise e.with_traceback(tb)`):
            # the new entries go in front of it, as CPython's raise puts them
            tail = tb
            break
        code = tb.tb_frame.f_code
        if code not in _STUB_CODES and not is_hidden_code(code):   # a guest frame of someone else's chain
            prefix.append(tb)
        tb = tb.tb_next
    if tb is not head:
        head, covered = tail, 0   # the program set another traceback: start from it
        d.pop(_LATE, None)
    late = d.pop(_LATE, None)
    if late and head is not None:
        _fill_late(head, entries, late, d.get(_FRAME_IDS) or {}, d.get(_EXIT_LINES) or {})
    # The traceback now holds the locals the entries kept (its frames): one holder only,
    # so that they go in CPython's order when the exception does (_kept_locals)
    kept = _unchain(entries, covered)
    if not covered:
        before = len(entries)
        entries = _unstarted_generator(d, entries, prefix)
        shift = len(entries) - before      # (an entry put innermost: the indexes move)
        if shift:
            kept = {i + shift: v for i, v in kept.items()}
    index_of = {id(e): i for i, e in enumerate(entries[covered:], covered)}
    exit_lines = d.get(_EXIT_LINES) or {}
    frame_ids = d.setdefault(_FRAME_IDS, {})
    for e in reversed(_merged(entries[covered:], prefix)):
        if type(e) is tuple:
            i = index_of.get(id(e))
            live = catcher if catcher is not None and e[3] == id(catcher) else None
            frame = _entry_frame(e, kept.get(i), live, exit_lines.get(i))
            if i is not None:
                frame_ids[i] = id(frame)
            head = types.TracebackType(head, frame, 0, e[1])
        else:
            head = types.TracebackType(head, e.tb_frame, e.tb_lasti, e.tb_lineno)
    try:
        exc.__traceback__ = head
        d[_BUILT] = (head, len(entries))
    except (AttributeError, TypeError):
        pass
    return head


def _is_built(frame) -> bool:
    """Is `frame` one this module made for a guest traceback entry (_entry_frame's, a stub)?
    Those are finished frames of a guest function's own code (or a stub's) with no f_back;
    a running trampoline of the same code has its caller."""
    code = frame.f_code
    return frame.f_back is None and (code in _STUB_CODES or guest_code_of(code) is not None)


# The code objects of the host generators that run guest generators (coroutines.py
# registers them): an interpreter frame of one holds its guest frame in `frame`.
GENERATOR_RUNNERS: set = set()


def _unstarted_generator(d, entries: list, host: list) -> list:
    """entries, with the frame of a guest generator that never ran put innermost when the
    exception came out of it: throw() into an unstarted generator raises at its first line
    before any of its code runs (its runner's try has not begun), so no add_frame saw it,
    and CPython's traceback ends with that frame at the def line."""
    for tb in host:
        # (at the runner's def line: raised before its first instruction; a guest
        # StopIteration's RuntimeError comes from a later line of it, without the frame)
        if tb.tb_frame.f_code in GENERATOR_RUNNERS and tb.tb_lineno == tb.tb_frame.f_code.co_firstlineno:
            gf = running_guest_frame(tb.tb_frame)
            if gf is not None and not any(e[3] == id(gf) for e in entries):
                code = gf[F_CODE]
                entries = [(code.filename, gf[F_LINENO], code.name, id(gf), gf[F_GLOBALS], code),
                           *entries]
                d[_ATTR] = entries
    return entries


def _fill_late(head, entries, late, frame_ids, exit_lines) -> None:
    """Entries `late` got their frames' locals after their tb_frames were made (the frame
    caught the exception, its handler read the traceback, and then the exception left it):
    give those frames the locals now, and the entries none."""
    kept = {}
    for i in late:
        if i < len(entries) and len(entries[i]) > 6:
            kept.update(_unchain(entries[:i + 1], i))
            entries[i] = entries[i][:6]
    wanted = {frame_ids[i]: i for i in kept if i in frame_ids}
    tb = head
    while tb is not None and wanted:
        i = wanted.pop(id(tb.tb_frame), None)
        if i is not None:
            values, hidden = _local_values(entries[i][5], kept[i])
            _pjentry.tb_frame_fill(tb.tb_frame, values or {}, hidden, max(exit_lines.get(i) or 0, 0))
        tb = tb.tb_next


def _stack(exc):
    return traceback.StackSummary.from_list(
        [traceback.FrameSummary(fn, ln, name, line=linecache.getline(fn, ln).strip() or None)
         for fn, ln, name in merged_frames(exc)])


def format_exception(exc: BaseException) -> str:
    te = traceback.TracebackException(type(exc), exc, None, compact=True)
    seen = set()

    def fix(te_node, value):
        if te_node is None or value is None or id(value) in seen:
            return
        seen.add(id(value))
        te_node.stack = _stack(value)
        _with_suggestion(te_node, value)
        if isinstance(value, SyntaxError):
            te_node.format_exception_only = lambda value=value: _syntax_error_lines(value)
        fix(te_node.__cause__, value.__cause__)
        fix(te_node.__context__, value.__context__)
        if getattr(te_node, "exceptions", None) and isinstance(value, BaseExceptionGroup):
            for te_sub, sub in zip(te_node.exceptions, value.exceptions):
                fix(te_sub, sub)

    fix(te, exc)
    return "".join(te.format())


def _with_suggestion(te_node, value):
    """Give the exception's line CPython's ". Did you mean: 'x'?" (runtime/suggestions.py)."""
    if type(value) is not NameError and type(value) is not AttributeError:
        return
    found = suggestion(value, *_innermost_names(value))
    if found is None:
        return
    lines_of = te_node.format_exception_only

    def format_exception_only():
        lines = iter(lines_of())
        first = next(lines)
        yield first[:-1] + f". Did you mean: '{found}'?\n" if first.endswith("\n") else first
        yield from lines
    te_node.format_exception_only = format_exception_only


def _innermost_names(exc):
    """(co_varnames, globals, builtins) of the innermost frame of exc's traceback."""
    tb = exc.__traceback__
    if tb is None:
        return None, None, None
    while tb.tb_next is not None:
        tb = tb.tb_next
    frame = tb.tb_frame
    varnames = frame.f_code.co_varnames
    if frame.f_code in _STUB_CODES:     # a guest frame: its code's names
        state = engine_state(exc)
        for e in (state.get(_ATTR) or ()) if state is not None else ():
            if e[0] is not None:
                varnames = e[5].co_varnames if len(e) > 5 else ()
                break
    return varnames, frame.f_globals, frame.f_builtins


def _syntax_error_lines(exc: SyntaxError) -> list[str]:
    """A SyntaxError's own lines exactly as CPython's top-level printer writes them.

    The host `traceback` module lays out the source line and caret differently from the
    C printer the interpreter uses at exit (tabs, caret ranges), so use the C printer:
    a chain-free copy of the exception through sys.__excepthook__."""
    import io
    try:
        if exc.lineno is not None:
            clone = type(exc)(exc.msg, (exc.filename, exc.lineno, exc.offset, exc.text,
                                        exc.end_lineno, exc.end_offset))
        else:
            clone = type(exc)(*exc.args)
    except Exception:   # noqa: BLE001 - a guest subclass with another signature
        return list(traceback.format_exception_only(type(exc), exc))
    buf = io.StringIO()
    saved = sys.stderr
    sys.stderr = buf
    try:
        sys.__excepthook__(type(clone), clone, None)
    finally:
        sys.stderr = saved
    return buf.getvalue().splitlines(keepends=True)


def print_exception(exc: BaseException, file=None) -> None:
    file = file if file is not None else sys.stderr
    file.write(format_exception(exc))
    file.flush()


def before_exit(exc: BaseException):
    """exc reaches a `with` statement's __exit__: give it CPython's traceback, which
    __exit__ receives, and return a mark for `after_exit`."""
    hand_to_host(exc)
    state = engine_state(exc)
    entries = state.get(_ATTR) if state is not None else None
    return exc.__traceback__, (len(entries) if entries is not None else 0)


def after_exit(exc: BaseException, mark) -> None:
    """__exit__ returned without suppressing exc. If it left exc.__traceback__ as it got
    it (contextlib's generator managers restore it after throwing exc into their
    generator), the guest frames exc passed through inside __exit__ are not part of
    its traceback: forget them, as CPython's traceback never had them."""
    tb, count = mark
    state = engine_state(exc)
    entries = state.get(_ATTR) if state is not None else None
    if exc.__traceback__ is tb and entries is not None and len(entries) > count:
        del entries[count:]
        state[_BUILT] = (tb, count)


def hand_to_host(exc: BaseException) -> None:
    """exc leaves guest code for host code (a library's except clause, unittest, asyncio's
    handler): give it the traceback CPython would have. At the recursion limit, leave it."""
    try:
        guest_traceback(exc)
    except RecursionError:
        pass
