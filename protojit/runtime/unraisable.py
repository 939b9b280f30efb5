"""CPython's PyErr_WriteUnraisable for guest lib modules: an exception that cannot
propagate (raised by a callback that C code called, such as a SQLite user function)
goes to sys.unraisablehook with the object it came from, as CPython's C modules do.

sys.unraisablehook only accepts CPython's own UnraisableHookArgs, a type Python code
cannot name: it is taken once from a probe object whose __del__ raises.
"""
import sys
import types

_args_type = None


def _unraisable_args_type():
    global _args_type
    if _args_type is None:
        seen = []

        class _Probe:
            def __del__(self):
                raise RuntimeError("probe")
        hook = sys.unraisablehook
        sys.unraisablehook = seen.append
        try:
            _Probe()
        finally:
            sys.unraisablehook = hook
        _args_type = type(seen[0])
    return _args_type


def write_unraisable(exc: BaseException, obj, err_msg=None) -> None:
    """Report exc ("Exception ignored in: obj" by the default hook)."""
    args = _unraisable_args_type()((type(exc), exc, exc.__traceback__, err_msg, obj))
    try:
        sys.unraisablehook(args)
    except Exception as hook_error:     # as CPython: report the hook's own failure
        sys.__unraisablehook__(_unraisable_args_type()(
            (type(hook_error), hook_error, hook_error.__traceback__,
             "Exception ignored in sys.unraisablehook", sys.unraisablehook)))


def _guest_stack_traceback(host_frame):
    """The traceback CPython's PyErr_WriteUnraisable makes from the current frame when the
    exception has none: the guest frames running at `host_frame` (the engine's frames
    that run them hold them, tracebacks.running_guest_frame), outermost first; None when
    no guest code runs (at exit, where CPython has no frame either)."""
    from protojit.frames import F_BACK, F_CODE, F_GLOBALS, F_LINENO
    from protojit.runtime import tracebacks
    engine = tracebacks._engine_dirs()
    guest = None
    f = host_frame
    while f is not None and guest is None:
        if f.f_code.co_filename.startswith(engine):
            guest = tracebacks.running_guest_frame(f)
        f = f.f_back
    head = None
    while guest is not None:
        code = guest[F_CODE]
        head = types.TracebackType(head, tracebacks._stub_frame(code.filename, code.name, guest[F_GLOBALS]),
                                   0, guest[F_LINENO])
        guest = guest[F_BACK]
    return _reversed_traceback(head)


def _reversed_traceback(tb):
    """tb's entries in the opposite order (the walk above goes innermost first)."""
    entries = []
    while tb is not None:
        entries.append(tb)
        tb = tb.tb_next
    head = None
    for e in entries:
        head = types.TracebackType(head, e.tb_frame, e.tb_lasti, e.tb_lineno)
    return head


def _engine_only(tb) -> bool:
    from protojit.runtime import tracebacks
    engine = tracebacks._engine_dirs()
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(engine):
            return False
        tb = tb.tb_next
    return True


def _unraisablehook(args):
    """sys.unraisablehook while protojit runs a program: an exception that the host made
    with the traceback of the current *host* frame (CPython's C code reporting, e.g.,
    "generator ignored GeneratorExit" when a guest generator is collected) is reported
    with the guest frames instead, as CPython shows the program's frames; then CPython's
    own hook prints it."""
    tb = args.exc_traceback
    if tb is not None and _engine_only(tb):
        tb = _guest_stack_traceback(sys._getframe(1))
        try:
            args = _unraisable_args_type()((args.exc_type, args.exc_value, tb, args.err_msg, args.object))
        except Exception:   # noqa: BLE001 - report it as it came rather than not at all
            pass
    if _phase == 1:
        # Finalization has emptied sys.modules: CPython's traceback printer cannot import
        # io to read source lines, so the report has none.
        saved = sys.modules.get("io")
        sys.modules["io"] = None
        try:
            _HOST_HOOK(args)
        finally:
            sys.modules["io"] = saved
        return
    _HOST_HOOK(args)


_HOST_HOOK = sys.__unraisablehook__
_phase = 0


def shutdown_phase(phase: int) -> None:
    """Where the guest's finalization is (runner.finalize): 1 once its modules are dropped
    from sys.modules (reports lose their source lines), 2 once sys's dict is wiped (CPython
    finds no sys.unraisablehook and no sys.stderr: nothing is reported any more)."""
    global _phase
    _phase = phase
    if phase == 2:
        sys.unraisablehook = _silent


def _silent(args) -> None:
    pass


def install() -> None:
    """Report unraisable exceptions with guest tracebacks (see _unraisablehook). It
    stands in for sys.__unraisablehook__ too: the default hook is still the default (a
    program's `sys.unraisablehook = sys.__unraisablehook__` restores it, lib/ modules that
    print the default's report themselves still recognise it)."""
    _unraisable_args_type()
    sys.unraisablehook = sys.__unraisablehook__ = _unraisablehook
