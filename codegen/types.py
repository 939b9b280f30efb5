"""Guest value types seen by the native tier.

In: host values or host types observed by the interpreter (`Type.from_value`,
`Type.from_host`). Out: `Type` instances used by type inference (typeinfer.py),
the typed IR printer (pprint.py) and lowering (lower.py), which maps each kind
to an LLVM type.

A `Type` is a small frozen value: equal types compare equal and hash alike, so
(function, argument types) can key a specialisation or a cache entry.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import Unsupported

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1

# Kinds (Type.kind)
K_INT = "int"            # Python int that fits in int64 (overflow -> guard)
K_FLOAT = "float"        # Python float (IEEE double, CPython's error rules)
K_BOOL = "bool"          # Python bool
K_NONE = "None"          # the None singleton
K_TUPLE = "tuple"        # fixed-length tuple; `items` holds element types
K_ARRAY = "array"        # numpy.ndarray; `dtype` is 'int64'/'float64', `ndim` 1 or 2
K_NPINT = "np.int64"     # numpy.int64 scalar (read from an int64 array)
K_NPFLOAT = "np.float64"  # numpy.float64 scalar (read from a float64 array)
# A local that holds a Python scalar on some paths and the numpy scalar on others
# (`t = 0.0; t += a[i]`): the value plus a run-time tag "is numpy" (lower.py).
K_INTX = "int|np.int64"
K_FLOATX = "float|np.float64"
# Any host object, as an owned PyObject* reference (object code only: build.py's
# object mode). What is not one of the unboxed kinds above is an object there.
K_OBJECT = "object"
# Object code only: a value that is often a number, kept unboxed while it is one. At run
# time it is tagged (lowerobj.py, NUMT): an exact int in int64, a float, a bool, or any
# host object (an owned reference; what a fast path's generic fallback gave). Results of
# int/float fast paths have it, and so do locals mixing numbers and objects, so a float
# stays a double across a chain of operations and a loop, boxed only where it escapes.
K_NUM = "num"


@dataclass(frozen=True)
class Type:
    kind: str
    items: tuple = ()
    dtype: str = ""
    ndim: int = 0

    def __str__(self) -> str:
        if self.kind == K_TUPLE:
            inner = ", ".join(str(t) for t in self.items)
            return f"tuple[{inner}]"
        if self.kind == K_ARRAY:
            return f"array[{self.dtype}, {self.ndim}d]"
        return self.kind

    @property
    def is_numeric(self) -> bool:
        """int-like or float-like scalars (bool counts as int, as in Python)."""
        return self.kind in (K_INT, K_FLOAT, K_BOOL, K_NPINT, K_NPFLOAT, K_INTX, K_FLOATX)

    @property
    def is_intlike(self) -> bool:
        return self.kind in (K_INT, K_BOOL, K_NPINT, K_INTX)

    @property
    def is_floatlike(self) -> bool:
        return self.kind in (K_FLOAT, K_NPFLOAT, K_FLOATX)

    @property
    def is_mixed(self) -> bool:
        """Python-or-numpy scalar (a tagged value)."""
        return self.kind in (K_INTX, K_FLOATX)

    @property
    def element(self) -> "Type":
        """Scalar type of one array element as Python sees it (numpy scalars)."""
        assert self.kind == K_ARRAY
        return NPINT if self.dtype == "int64" else NPFLOAT

    @staticmethod
    def from_host(t) -> "Type":
        """Map a host type (int, float, bool, NoneType) or a Type to a Type."""
        if isinstance(t, Type):
            return t
        simple = {int: INT, float: FLOAT, bool: BOOL, type(None): NONE}
        if t in simple:
            return simple[t]
        raise Unsupported(f"argument type {getattr(t, '__name__', t)!r} "
                          "(pass Type.from_value(v) for tuples and arrays)", "<args>", 0)

    @staticmethod
    def from_value(v, objects: bool = False) -> "Type":
        """The Type of a host value; Unsupported when the native tier has none.
        Only type(v) is consulted first: isinstance() would call a guest __class__.
        `objects` (object code): int64, float, bool and None stay unboxed, anything
        else (big ints, tuples, arrays, instances...) is an object."""
        t = type(v)
        if objects:
            if t is bool:
                return BOOL
            if t is int:
                return INT if INT64_MIN <= v <= INT64_MAX else OBJECT
            if t is float:
                return FLOAT
            return NONE if v is None else OBJECT
        if t is bool:
            return BOOL
        if t is int:
            if not INT64_MIN <= v <= INT64_MAX:
                raise Unsupported("int outside int64", "<args>", 0)
            return INT
        if t is float:
            return FLOAT
        if v is None:
            return NONE
        if t is tuple:
            return tuple_of(*(Type.from_value(x) for x in v))
        if t.__module__ == "numpy":
            import numpy as np
            if t is np.int64:
                return NPINT
            if t is np.float64:
                return NPFLOAT
            if t is np.ndarray:
                if v.dtype not in (np.int64, np.float64) or v.ndim not in (1, 2):
                    raise Unsupported(f"ndarray of {v.dtype} with {v.ndim} dims", "<args>", 0)
                return array_of(str(v.dtype), v.ndim)
        raise Unsupported(f"argument of type {type(v).__name__}", "<args>", 0)


INT = Type(K_INT)
FLOAT = Type(K_FLOAT)
BOOL = Type(K_BOOL)
NONE = Type(K_NONE)
NPINT = Type(K_NPINT)
NPFLOAT = Type(K_NPFLOAT)


INTX = Type(K_INTX)
FLOATX = Type(K_FLOATX)
OBJECT = Type(K_OBJECT)
NUM = Type(K_NUM)

# kinds that meet an int or a float as a tagged number in object code (a bool; None and
# objects as the tag's object case: `best = None` then `best = d` in a loop)
_NUM_JOINS = (K_INT, K_FLOAT, K_BOOL, K_NONE, K_OBJECT)

_FAMILY = {K_INT: "i", K_NPINT: "i", K_INTX: "i", K_FLOAT: "f", K_NPFLOAT: "f", K_FLOATX: "f"}


def join(a: Type, b: Type, objects: bool = False) -> Type | None:
    """The smallest type holding both (None: none). Numeric code does not box; in
    object code (`objects`) two types with no unboxed join meet as a tagged number
    (K_NUM: when one is a number or already one) or else as an object."""
    if a == b:
        return a
    if objects:
        kinds = (a.kind, b.kind)
        if K_NUM in kinds:
            return NUM
        if (K_INT in kinds or K_FLOAT in kinds) and all(k in _NUM_JOINS for k in kinds):
            return NUM
        return OBJECT
    if a.kind == K_TUPLE and b.kind == K_TUPLE and len(a.items) == len(b.items):
        items = [join(x, y) for x, y in zip(a.items, b.items)]
        return None if None in items else tuple_of(*items)
    fa, fb = _FAMILY.get(a.kind), _FAMILY.get(b.kind)
    if fa is not None and fa == fb:
        return INTX if fa == "i" else FLOATX
    return None


def tuple_of(*items: Type) -> Type:
    return Type(K_TUPLE, items=tuple(items))


def array_of(dtype: str, ndim: int) -> Type:
    assert dtype in ("int64", "float64") and ndim in (1, 2)
    return Type(K_ARRAY, dtype=dtype, ndim=ndim)
