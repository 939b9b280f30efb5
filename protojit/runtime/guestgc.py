"""The collector's object lists as guest code sees them: without tier 0's frame lists.

A tier-0 frame is a plain list (protojit/frames.py) holding the frame's locals, and the
collector tracks it like any list: gc.get_referrers(x) of a local x, gc.get_objects() and
gc.get_referents(...) handed such lists to the program, which never sees CPython's
running frames there (3.11 does not traverse an executing frame's locals), and a
comprehension iterating one bound a variable to the UNBOUND sentinel of an empty slot:
UnboundLocalError. install() wraps the host gc module's three functions so that they
return the lists without frames; protojit's own walks that want every object
(runner._order_by_age) call the host's through host_function.
"""
from protojit.frames import is_frame

_originals = {}   # name -> the host gc function replaced


def install(gc_module) -> None:
    """Filter frame lists out of gc_module's object lists (once)."""
    if _originals:
        return
    for name in ("get_referrers", "get_referents", "get_objects"):
        original = getattr(gc_module, name)
        _originals[name] = original
        setattr(gc_module, name, _without_frames(original))


def uninstall(gc_module) -> None:
    for name, original in _originals.items():
        setattr(gc_module, name, original)
    _originals.clear()


def host_function(gc_module, name: str):
    """gc_module's own function `name` (with the frame lists), installed or not."""
    return _originals.get(name) or getattr(gc_module, name)


def _without_frames(original):
    def filtered(*args, **kwargs):
        return [obj for obj in original(*args, **kwargs) if not is_frame(obj)]

    filtered.__name__ = filtered.__qualname__ = original.__name__
    filtered.__doc__ = original.__doc__
    filtered.__module__ = "gc"
    return filtered
