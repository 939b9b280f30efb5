# Every argtype against a table of wrong (and a few right) values: each bad value raises
# CPython's ctypes.ArgumentError (type and message), never a crash. The C function is
# labs, which reads its argument register and nothing else, so a value that converts is
# harmless whatever it is; only "ok" is printed for those (an address is not stable).
import ctypes

libc = ctypes.CDLL(None)
f = libc.labs
f.restype = ctypes.c_long


class S(ctypes.Structure):
    _fields_ = [("a", ctypes.c_int), ("b", ctypes.c_int)]


class U(ctypes.Union):
    _fields_ = [("i", ctypes.c_int), ("d", ctypes.c_double)]


CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)
OTHER_CB = ctypes.CFUNCTYPE(ctypes.c_double)
IntArray3 = ctypes.c_int * 3

VALUES = [
    ("None", None), ("int", 42), ("negative int", -1), ("big int", 2 ** 70), ("bool", True),
    ("float", 1.5), ("str", "text"), ("bytes", b"bytes"), ("bytes of one", b"x"),
    ("bytearray", bytearray(b"ba")), ("list", [1, 2]), ("tuple", (1,)), ("dict", {}),
    ("object", object()), ("c_int", ctypes.c_int(5)), ("c_double", ctypes.c_double(2.5)),
    ("c_char_p", ctypes.c_char_p(b"cp")), ("c_wchar_p", ctypes.c_wchar_p("wp")),
    ("c_void_p", ctypes.c_void_p(None)), ("int array", IntArray3(1, 2, 3)),
    ("char buffer", ctypes.create_string_buffer(b"buf")),
    ("wchar buffer", ctypes.create_unicode_buffer("wbuf")),
    ("pointer to int", ctypes.pointer(ctypes.c_int(7))), ("byref int", ctypes.byref(ctypes.c_int(8))),
    ("byref double", ctypes.byref(ctypes.c_double(9.0))), ("structure", S(1, 2)),
    ("byref structure", ctypes.byref(S(3, 4))), ("union", U(1)),
    ("callback", CB(lambda x: x)), ("other callback", OTHER_CB(lambda: 1.0)),
]

ARGTYPES = [ctypes.c_bool, ctypes.c_char, ctypes.c_wchar, ctypes.c_byte, ctypes.c_ubyte,
            ctypes.c_short, ctypes.c_ushort, ctypes.c_int, ctypes.c_uint, ctypes.c_long,
            ctypes.c_ulong, ctypes.c_longlong, ctypes.c_ulonglong, ctypes.c_float,
            ctypes.c_double, ctypes.c_char_p, ctypes.c_wchar_p, ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(S), IntArray3, CB]
# (a structure by value is left out: CPython itself crashes passing one to labs)

for argtype in ARGTYPES:
    f.argtypes = [argtype]
    for name, value in VALUES:
        if argtype is CB and name.startswith("byref"):
            continue   # (CPython itself crashes on a byref() object for a function pointer)
        try:
            f(value)
            outcome = "ok"
        except ctypes.ArgumentError as e:
            outcome = f"ArgumentError: {e}"
        except Exception as e:   # noqa: BLE001 - any other exception is part of the answer
            outcome = f"{type(e).__name__}: {e}"
        print(f"{argtype.__name__:<13} {name:<16} {outcome}", flush=True)

# too few / too many arguments
f.argtypes = [ctypes.c_int]
for args in [(), (1, 2)]:
    try:
        f(*args)
    except TypeError as e:
        print("TypeError:", e)
