"""c_char and c_wchar array fields of a structure take bytes/str only, as CPython's
setfuncs: up to the first NUL plus a NUL if there is room, CPython's messages when too long
or of another type; a nested structure set from a tuple reports the field's error as
RuntimeError("(Type) TypeError: ...")."""
from ctypes import Structure, c_char, c_int, c_wchar


class P(Structure):
    _fields_ = [("a", c_char * 4), ("w", c_wchar * 3)]


p = P()
for v in (b"ab", b"abcd", b"abcde", b"a\x00bcdef", 1, (b"x",), (c_char * 4)(b"z"), "s"):
    try:
        p.a = v
        print(repr(v), bytes(p)[:4], p.a)
    except Exception as e:     # noqa: BLE001 - printed
        print(type(v).__name__, type(e).__name__, e)
for v in ("xy", "xyz", "wxyz", 5, b"q", "\U0001f600"):
    try:
        p.w = v
        print(repr(v), repr(p.w))
    except Exception as e:     # noqa: BLE001 - printed
        print(repr(v), type(e).__name__, e)


class Phone(Structure):
    _fields_ = [("areacode", c_char * 6), ("number", c_char * 12)]


class Person(Structure):
    _fields_ = [("name", c_char * 12), ("phone", Phone), ("age", c_int)]


for args in ((b"Someone", (1, 2)), (b"Someone", (b"a", b"b", b"c")), (b"Someone", (b"12", b"345"), 5)):
    try:
        person = Person(*args)
        print(person.name, person.phone.areacode, person.phone.number, person.age)
    except Exception as e:     # noqa: BLE001 - printed
        print(type(e).__name__, e)
