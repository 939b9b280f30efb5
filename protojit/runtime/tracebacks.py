"""Guest tracebacks: built from guest frames, never from interpreter internals.

As an exception leaves a guest frame, `add_frame` records (file, line, name)
on the exception; `format_exception` prints them CPython-style, including
chained exceptions (__cause__ / __context__), using the host `traceback`
module only for the exception-only lines and the chaining layout.
"""
from __future__ import annotations

import linecache
import sys
import traceback

from protojit.interp.frame import F_CODE, F_LINENO, is_frame

_ATTR = "_pj_frames"
_HOST_RECURSION_ARGS = {("maximum recursion depth exceeded while calling a Python object",),
                        ("maximum recursion depth exceeded in comparison",)}


def add_frame(exc: BaseException, frame) -> None:
    """Record that `exc` reached `frame` while unwinding (innermost frames first).

    Called when an except clause of the frame catches it and when it leaves the
    frame; as in CPython a frame gets one entry, at the line where the
    exception reached it.
    """
    code = frame[F_CODE]
    entry = (code.filename, frame[F_LINENO], code.name, id(frame))
    if type(exc) is RecursionError and exc.args in _HOST_RECURSION_ARGS \
            and not exc.__dict__.get("pj_keep_message"):
        # The host's limit tripped inside one of its C calls; the guest recursed through
        # guest calls, for which CPython says just this.
        exc.args = ("maximum recursion depth exceeded",)
    try:
        entries = exc.__dict__.get(_ATTR)
    except AttributeError:
        return
    if entries is None:
        try:
            exc.__dict__[_ATTR] = [entry]
        except (AttributeError, TypeError):
            pass
    elif entries[-1][3] != id(frame):
        entries.append(entry)


def hidden_frame_entry(frame):
    """An entry that keeps `frame` out of an exception's traceback (add_frame skips a
    frame already recorded last), for exceptions CPython re-raises without a new entry."""
    return (None, 0, None, id(frame))


def guest_frames(exc: BaseException) -> list[tuple[str, int, str]]:
    """Outermost first, like a printed traceback."""
    try:
        entries = exc.__dict__.get(_ATTR, [])
    except AttributeError:
        entries = []
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


def merged_frames(exc: BaseException) -> list[tuple[str, int, str]]:
    """The traceback CPython would print, outermost first: the guest frames, with the host
    library frames (json, asyncio, ...) that guest code called placed between them.

    The host traceback is the skeleton: each interpreter frame that runs a guest frame
    holds it in a local named `frame`, which ties it to that guest frame's entry; other
    interpreter frames are dropped, library frames after the first guest frame are kept."""
    try:
        entries = exc.__dict__.get(_ATTR) or []
    except AttributeError:
        entries = []
    guest = list(reversed(entries))
    where = {e[3]: i for i, e in enumerate(guest)}
    engine = _engine_dirs()
    out = []
    done = 0
    shown = False   # is the current run of library frames one that guest code called?
    for host, lineno in traceback.walk_tb(exc.__traceback__):
        filename = host.f_code.co_filename
        if filename.startswith(engine):
            gf = host.f_locals.get("frame")
            i = where.get(id(gf)) if is_frame(gf) else None
            if i is not None and i >= done:
                out.extend(guest[done:i + 1])
                done = i + 1
            # Guest code calls the host from interp/ closures (and imports foreign modules
            # through the importer); anything else is the engine's own use of a library.
            shown = filename.startswith(_GUEST_CALLERS)
            continue
        if done and shown and not filename.startswith("<frozen importlib"):
            out.append((filename, lineno, host.f_code.co_name, None))
    out.extend(guest[done:])
    return [e[:3] for e in out if e[0] is not None]


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
        if isinstance(value, SyntaxError):
            te_node.format_exception_only = lambda value=value: _syntax_error_lines(value)
        fix(te_node.__cause__, value.__cause__)
        fix(te_node.__context__, value.__context__)
        if getattr(te_node, "exceptions", None) and isinstance(value, BaseExceptionGroup):
            for te_sub, sub in zip(te_node.exceptions, value.exceptions):
                fix(te_sub, sub)

    fix(te, exc)
    return "".join(te.format())


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
