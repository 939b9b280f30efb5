"""CPython's PyErr_WriteUnraisable for guest lib modules: an exception that cannot
propagate (raised by a callback that C code called, such as a SQLite user function)
goes to sys.unraisablehook with the object it came from, as CPython's C modules do.

sys.unraisablehook only accepts CPython's own UnraisableHookArgs, a type Python code
cannot name: it is taken once from a probe object whose __del__ raises.
"""
import sys

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
