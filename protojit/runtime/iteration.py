"""Iterators that tier 0 hands to the host's own loops (a host `for`, chain, islice,
`yield from`) after taking them with iter() itself.

The host's loop calls iter() on what it is given; for an iterator of a guest class that
is a second call of its __iter__ (CPython's FOR_ITER steps the iterator GET_ITER made,
with no second call), which a guest __iter__ with side effects shows. steppable(it) is
`it` when a second iter() runs no guest code (every builtin iterator), else a host
iterator that only calls type(it).__next__ at each step.
"""
import types

_HOST_KINDS = (types.WrapperDescriptorType, types.MethodDescriptorType, types.BuiltinFunctionType,
               types.BuiltinMethodType)


class GuestIterator:
    """The host's view of an iterator whose class defines __iter__ in guest code."""
    __slots__ = ("it",)

    def __init__(self, it):
        self.it = it

    def __iter__(self):
        return self

    def __next__(self):
        it = self.it
        return type(it).__next__(it)   # (looked up at each step, as slot_tp_iternext does)


def steppable(it):
    """`it` (an iterator iter() returned), ready for a host loop: see the module docstring."""
    if type(getattr(type(it), "__iter__", None)) in _HOST_KINDS:
        return it
    return GuestIterator(it)
