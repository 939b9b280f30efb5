"""Slow paths of object code, written in Python (lowerobj.py calls them by address).

Object code (lowerobj.py) calls these host functions through the C API where a
path is rare and CPython's exact behaviour is easier to state here than in
LLVM IR: the NameError of a missing global, unpacking anything but a tuple of
the right length, `raise`. Each returns a value or raises CPython's exception,
with CPython's type and message; its own host frame never shows in a guest
traceback (tracebacks.py hides codegen/'s frames).
"""
from __future__ import annotations

import types

# (at module level: enter/leave_comprehension run twice per inlined comprehension, and an
# import statement in them took CPython's import machinery each time -- an AttributeError
# formatted and dropped per call: ~5% of pyperformance hexiom at --tier jit)
from protojit.frames import (F_BUILTINS, F_DEPTH, F_GLOBALS, F_LINENO, NATIVE_FRAME,
                             check_depth, tstate)


def name_error(name):
    raise NameError(f"name '{name}' is not defined", name=name)


def _is_sequence(t) -> bool:
    """PySequence_Check for a type: it has __getitem__ and is not a dict."""
    return hasattr(t, "__getitem__") and not issubclass(t, dict)


def _unpack_iter(value):
    """iter(value) for an unpacking, with CPython's message for a non-iterable."""
    try:
        return iter(value)
    except TypeError:
        t = type(value)
        if not hasattr(t, "__iter__") and not _is_sequence(t):
            raise TypeError(f"cannot unpack non-iterable {t.__name__} object") from None
        raise


def unpack(value, count):
    """The exact tuple of `count` items `a, b, ... = value` assigns (CPython's
    unpack_iterable: its errors, and it reads at most count + 1 items)."""
    t = type(value)
    if t is tuple or t is list:
        n = len(value)
        if n == count:
            return tuple(value)
        if n < count:
            raise ValueError(f"not enough values to unpack (expected {count}, got {n})")
        raise ValueError(f"too many values to unpack (expected {count})")
    it = _unpack_iter(value)
    items = []
    for _ in range(count):
        try:
            items.append(next(it))
        except StopIteration:
            raise ValueError(f"not enough values to unpack (expected {count}, "
                             f"got {len(items)})") from None
    try:
        next(it)
    except StopIteration:
        return tuple(items)
    raise ValueError(f"too many values to unpack (expected {count})")


def unpack_ex(value, before, after):
    """The tuple `a, *b, c = value` assigns: `before` items, the list of the rest, `after`
    items (CPython's unpack_iterable with a starred target: its errors)."""
    it = _unpack_iter(value)
    head = []
    for _ in range(before):
        try:
            head.append(next(it))
        except StopIteration:
            raise ValueError(f"not enough values to unpack (expected at least {before + after}, "
                             f"got {len(head)})") from None
    rest = list(it)
    if len(rest) < after:
        raise ValueError(f"not enough values to unpack (expected at least {before + after}, "
                         f"got {before + len(rest)})")
    tail = rest[len(rest) - after:] if after else []
    del rest[len(rest) - after:]
    return (*head, rest, *tail)


def del_global(globals_dict, name):
    """`del name` of a global: CPython's NameError when it is not bound. Returns None."""
    try:
        del globals_dict[name]
    except KeyError:
        raise NameError(f"name '{name}' is not defined", name=name) from None


def raise_(exc, frame=None):
    """`raise exc`: a class is instantiated, anything else not an exception is a TypeError.
    `frame` (the native call's guest frame, or None): an exception that already passed
    through it (`except E as e: raise e`) gets another entry for it, as in CPython."""
    try:
        raise exc
    except BaseException as e:
        if frame is not None:
            from protojit.runtime import tracebacks
            tracebacks.add_frame_again(e, frame)
        raise
    finally:
        # (the traceback holds this frame: `exc` left in it is an exc -> traceback ->
        # frame -> exc cycle, and the locals the exception keeps for its frames, pjexc.c
        # pj_frame_keep, would wait for a collection rather than the handler's end)
        exc = frame = None


def raise_from(exc, cause, frame=None):
    try:
        raise exc from cause
    except BaseException as e:
        if frame is not None:
            from protojit.runtime import tracebacks
            tracebacks.add_frame_again(e, frame)
        raise
    finally:
        exc = cause = frame = None   # (see raise_)


def star_only(func, v):
    """The positional arguments of `func(*v)` (tier 0's `positional`, CPython's message
    for a non-iterable)."""
    if type(v) is tuple:
        return list(v)
    from protojit.runtime.callerrors import function_str, not_iterable
    try:
        return list(v)
    except TypeError:
        if not not_iterable(v):
            raise
    raise TypeError(f"{function_str(func)} argument after * must be an iterable, "
                    f"not {type(v).__name__}")


def star_extend(out, v):
    """`*v` among other positional arguments: out.extend(v), CPython's message when v is
    not iterable (tier 0's star_extend)."""
    from protojit.runtime.callerrors import star_extend as extend
    extend(out, v)


def add_keyword(func, kwargs, name, value):
    """One keyword argument (`name` None: a ** mapping merged in) of a call of `func`, with
    tier 0's and CPython's TypeErrors (interp/expressions.py run_call)."""
    from protojit.runtime.callerrors import function_str, merge_keywords
    if name is not None:
        if name in kwargs:
            raise TypeError(f"{function_str(func)} got multiple values for keyword argument '{name}'")
        kwargs[name] = value
        return
    merge_keywords(func, kwargs, value)


def call_ex(func, args, kwargs):
    """func(*args, **kwargs) (a guest function: through its keyword entry, with the
    native caller's frame as the caller, as every call from object code)."""
    return func(*args, **kwargs)


CAUGHT_TRACEBACK = 1    # caught(): build the guest traceback now
CAUGHT_NO_ENTRY = 2     # caught(): no traceback entry for the frame


def caught(exc, frame, line, flags):
    """An exception raised at `line` is caught in native code running in guest `frame`
    (runtime_c/capi/pjexc.c pj_catch): the frame's traceback entry at that line (as tier
    0's add_frame at an except clause; not with CAUGHT_NO_ENTRY), the frame published as
    current again (an inlined comprehension it came from had published its own), and,
    with CAUGHT_TRACEBACK (the handler may read it), the guest traceback CPython's
    would be."""
    from protojit.runtime import tracebacks
    if frame is not None:
        frame[F_LINENO] = line
        if not flags & CAUGHT_NO_ENTRY:
            tracebacks.add_frame(exc, frame, keep=False)
        if tstate.frame is not frame:
            tstate.frame = frame
    if flags & CAUGHT_TRACEBACK:
        tracebacks.guest_traceback(exc)


def with_enter(mgr):
    """A with statement starts (tier 0's run_with): (__exit__ as found on the type, the
    result of __enter__), or CPython's TypeError for a non-context-manager."""
    cls = type(mgr)
    enter = getattr(cls, "__enter__", None)
    exit_ = getattr(cls, "__exit__", None)
    if enter is None or exit_ is None:
        from protojit.runtime.callerrors import context_manager_error
        raise TypeError(context_manager_error(cls, enter, False))
    return exit_, enter(mgr)


def with_exit(exit_, mgr, exc):
    """`exc` leaves a with body: __exit__(type, exc, tb) with the traceback CPython's has;
    True when it suppresses exc (tier 0's run_with)."""
    from protojit.runtime import tracebacks
    mark = tracebacks.before_exit(exc)
    if exit_(mgr, type(exc), exc, exc.__traceback__):
        return True
    tracebacks.after_exit(exc, mark)
    return False


def default_arg(func, given, i):
    """Parameter `i` of a call of `func` giving `given` positional arguments, when its
    defaults tuple is not the one compiled against: the default, or CPython's
    TypeError for the missing arguments (bind_arguments' message)."""
    defaults = func.__defaults__ or ()
    first = func.code.argcount - len(defaults)
    if i >= first:
        return defaults[i - first]
    from protojit.runtime.function import bind_arguments
    bind_arguments(func, (None,) * given, {})
    raise AssertionError("bind_arguments accepted a missing argument")


def yield_from_iter(x):
    """CPython's GET_YIELD_FROM_ITER in a generator that is not a coroutine: a generator
    as it is, a coroutine refused, anything else iter(x)."""
    from protojit.runtime.coroutines import Coroutine
    if type(x) is types.GeneratorType:
        return x
    if isinstance(x, (Coroutine, types.CoroutineType)):
        raise TypeError("cannot 'yield from' a coroutine object in a non-coroutine generator")
    return iter(x)


def dict_update_item(d, item, i):
    """Element `i` of dict(iterable) (object code's inlined dict(x for ...)): CPython's
    PyDict_MergeFromSeq2 step, with its messages (a TypeError from converting the item is
    replaced, not chained, as PyErr_Format replaces it)."""
    bad = False
    if type(item) is tuple or type(item) is list:
        seq = item
    else:
        try:
            seq = list(item)
        except TypeError:
            bad = True
    if bad:
        raise TypeError(f"cannot convert dictionary update sequence element #{i} to a sequence")
    if len(seq) != 2:
        raise ValueError(f"dictionary update sequence element #{i} has length {len(seq)}; "
                         "2 is required")
    d[seq[0]] = seq[1]


def enter_comprehension(code, line):
    """An inlined comprehension starts: its guest frame (as CPython's <listcomp> frame,
    one recursion level below the function's) is published as the thread's current
    frame, so what it calls sees it as the caller and counts its depth; CPython's
    RecursionError at the limit. Returns the frame to publish again when it ends (an
    exception leaving the function restores the caller's frame anyway: pjentry.c)."""
    back = tstate.frame
    if back is None:
        return None
    frame = [code, back[F_GLOBALS], back[F_BUILTINS], None, back, line, None, NATIVE_FRAME,
             None, back[F_DEPTH] + 1]
    check_depth(frame)
    tstate.frame = frame
    return back


def leave_comprehension(back):
    if back is not None:
        tstate.frame = back


_comprehension_frames: list = []


def comprehension_frame(exc, code, line):
    """`exc` leaves an inlined comprehension (GuestCode `code`) at `line`: its traceback
    entry, as the comprehension's own frame gives in CPython and tier 0. The frame list
    stays referenced for a while: tracebacks.add_frame tells frames apart by id()."""
    from protojit.frames import F_CODE, F_LINENO, HEADER
    from protojit.runtime import tracebacks
    frame = [None] * HEADER
    frame[F_CODE] = code
    frame[F_LINENO] = line
    _comprehension_frames.append(frame)
    del _comprehension_frames[:-64]
    tracebacks.add_frame(exc, frame)


def _native_comprehension_frames():
    """runtime_c/capi/pjcomp.c's enter_comprehension and leave_comprehension: builtin
    functions doing what the two above do (the first calls the Python one for what is
    rare: no frame published, the recursion limit reached), so an inlined comprehension
    or generator expression costs two C calls instead of two Python frames."""
    import ctypes
    from protojit import _pjentry
    from protojit.frames import NATIVE_FRAME, recursion_limit
    make = ctypes.PYFUNCTYPE(ctypes.py_object, ctypes.py_object, ctypes.py_object, ctypes.py_object)(
        ("pj_comprehension_functions", ctypes.PyDLL(_pjentry.__file__)))
    return make(enter_comprehension, NATIVE_FRAME, recursion_limit)


ENTER_COMPREHENSION, LEAVE_COMPREHENSION = _native_comprehension_frames()


# Everything object code refers to by address: kept alive by this module.
HELPERS = {"name_error": name_error, "unpack": unpack, "raise": raise_, "raise_from": raise_from,
           "caught": caught, "with_enter": with_enter, "with_exit": with_exit,
           "star_only": star_only, "star_extend": star_extend, "add_keyword": add_keyword,
           "call_ex": call_ex,
           "default_arg": default_arg, "comprehension_frame": comprehension_frame,
           "enter_comprehension": enter_comprehension, "leave_comprehension": leave_comprehension,
           "ENTER_COMPREHENSION": ENTER_COMPREHENSION, "LEAVE_COMPREHENSION": LEAVE_COMPREHENSION}
