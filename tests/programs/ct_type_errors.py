"""ctypes errors as CPython's (its ctypes test_arrays/test_pointers/test_structures): array
type checks in CPython's order and words, no item deletion, a pointer class without its own
_type_ cannot make instances, set_type()'s checks, a structure or array field set from a
tuple wraps the error as RuntimeError("(Type) Error: message")."""
import sys
from ctypes import *
from ctypes import _Pointer
def attempt(label, f, *a):
    try: r = f(*a); print(label, "ok", r if not isinstance(r, (Array, _Pointer, Structure, type)) else "")
    except Exception as e: print(label, type(e).__name__, e)
for ns in ({'_type_': c_int}, {'_length_': 13}, {'_type_': c_int, '_length_': -1}, {'_type_': c_int, '_length_': 1.87}, {'_type_': c_int, '_length_': sys.maxsize*2}, {'_type_': 5, '_length_': 2}, {'_type_': c_int, '_length_': True}):
    attempt(sorted(ns), type(Array), 'T', (Array,), ns)
p = POINTER(c_int)(c_int(1))
a = (c_int*2)()
def d(o): del o[0]
attempt("del pointer item", d, p)
attempt("del array item", d, a)
class A(POINTER(c_ulong)): pass
attempt("pointer subclass", A, c_ulong(33))
attempt("pointer subclass, no args", A)
attempt("_Pointer()", _Pointer)
attempt("POINTER(c_ulong)(x)", lambda: POINTER(c_ulong)(c_ulong(22)).contents.value)
attempt("set_type abstract", _Pointer.set_type, 42)
attempt("set_type not a type", POINTER(c_int).set_type, 42)
class Phone(Structure):
    _fields_ = [("areacode", c_char*6), ("number", c_char*12)]
class Person(Structure):
    _fields_ = [("name", c_char * 12), ("phone", Phone), ("age", c_int)]
attempt("nested init, too many", Person, b"Someone", (b"a", b"b", b"c"))
attempt("nested init, ok", lambda: Person(b"Someone", (b"12", b"345")).phone.number)
class SomeInts(Structure):
    _fields_ = [("a", c_int * 4)]
attempt("array field too long", SomeInts, (1, 2, 3, 4, 5))
attempt("array field ok", lambda: SomeInts((1, 2)).a[:])
