"""CPython's messages for failed calls, star-unpacking and `with`: one wording for tier 0
(interp/) and object code's slow paths (codegen/slowpaths.py), which both raise them."""
from __future__ import annotations


def function_str(fn) -> str:
    """CPython's _PyObject_FunctionStr: how call errors name the callee ("mod.qualname()")."""
    try:
        qualname = fn.__qualname__
    except AttributeError:
        return str(fn)
    module = getattr(fn, "__module__", None)
    if module is not None and module != "builtins":
        return f"{module}.{qualname}()"
    return f"{qualname}()"


def not_iterable(v) -> bool:
    """CPython's test before rewording a failed *-unpacking: no __iter__ and not a sequence."""
    t = type(v)
    return getattr(t, "__iter__", None) is None and (
        getattr(t, "__getitem__", None) is None or isinstance(v, dict))


def star_extend(out, v, funcstr=None):
    """out.extend(v) for `*v`, with CPython's message when v is not iterable at all."""
    try:
        out.extend(v)
        return
    except TypeError:
        if not not_iterable(v):
            raise
    if funcstr is not None:
        raise TypeError(f"{funcstr} argument after * must be an iterable, not {type(v).__name__}")
    raise TypeError(f"Value after * must be an iterable, not {type(v).__name__}")


def context_manager_error(cls, enter, is_async) -> str:
    """CPython's message for a `with`/`async with` on a non-context-manager (enter may be None)."""
    what = "asynchronous context manager" if is_async else "context manager"
    missed = " (missed __aexit__ method)" if is_async else " (missed __exit__ method)"
    return f"'{cls.__name__}' object does not support the {what} protocol" + (missed if enter is not None else "")


def merge_keywords(func, kwargs: dict, mapping) -> None:
    """`**mapping` in a call of `func`: its items into `kwargs`, with CPython's TypeErrors."""
    if not hasattr(mapping, "keys"):
        raise TypeError(f"{function_str(func)} argument after ** must be a mapping, "
                        f"not {type(mapping).__name__}")
    for key in mapping.keys():
        if not isinstance(key, str):
            raise TypeError("keywords must be strings")
        if key in kwargs:
            raise TypeError(f"{function_str(func)} got multiple values for keyword argument '{key}'")
        kwargs[key] = mapping[key]
