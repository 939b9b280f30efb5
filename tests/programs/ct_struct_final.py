"""Structure _fields_ rules of CPython's ctypes: a structure cannot contain itself, a type
used as a field is final (its _fields_ cannot be set afterwards), _fields_ set once is final,
_pack_ must fit a C int."""
from ctypes import Structure, Union, c_byte, c_int


def attempt(label, f):
    try:
        f()
    except Exception as e:     # noqa: BLE001 - printed
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "-> ok")


class Recursive(Structure):
    pass


def contain_itself():
    Recursive._fields_ = [("next", Recursive)]


attempt("contains itself", contain_itself)


class First(Structure):
    pass


class Second(Structure):
    pass


class U(Union):
    pass


def first():
    First._fields_ = [("second", Second), ("u", U)]


def second():
    Second._fields_ = [("first", First)]


def union():
    U._fields_ = [("x", c_int)]


def again():
    First._fields_ = [("x", c_int)]


attempt("first", first)
attempt("second after first", second)
attempt("union used as a field", union)
attempt("first again", again)
for pack in (2 ** 31, 2 ** 32 + 1, -1, 0x7FFFFFFF, 3):
    attempt(f"_pack_ {pack}", lambda: type(Structure)("X", (Structure,),
                                                      {"_fields_": [("a", c_byte)], "_pack_": pack}))
