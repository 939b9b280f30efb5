"""ctypes._endian: the byte-order variants of Structure and Union. Native order is
little-endian on the platforms protojit runs on (x86-64, aarch64), so the little-endian
ones are Structure and Union themselves; the big-endian ones are not supported and say
so when a class is derived from them."""
import sys
from ._impl import Structure, Union
from ._impl import _unsupported


class _Unsupported:
    def __init_subclass__(cls, **kwargs):
        if _Unsupported in cls.__bases__:     # BigEndianStructure/BigEndianUnion themselves
            return
        raise _unsupported("big-endian structures and unions")


class BigEndianStructure(_Unsupported, Structure):
    """Structure with big endian byte order"""


class BigEndianUnion(_Unsupported, Union):
    """Union with big endian byte order"""


LittleEndianStructure = Structure
LittleEndianUnion = Union
