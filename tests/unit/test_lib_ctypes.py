"""lib/ctypes (the guest ctypes package) against the host's ctypes, in one process.

The guest package is loaded by file path under a private name (it shadows the host
`ctypes` only for guest code); each check does the same thing with both modules and
compares what a program could see. Addresses are compared through relations
(addressof/cast round trips), never as numbers.
"""
import ctypes as host
import gc
import importlib.util
import os
import subprocess
import sys
import threading

import pytest

LIB = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "ctypes")
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


@pytest.fixture(scope="module")
def gc_():
    name = "_pj_guest_ctypes_test"
    spec = importlib.util.spec_from_file_location(name, os.path.join(LIB, "__init__.py"),
                                                  submodule_search_locations=[LIB])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(name, None)


def outcome(fn):
    try:
        return ("ok", fn())
    except Exception as e:     # the exception's type name and message are what we compare
        return (type(e).__name__, str(e))


def both(gc_, fn):
    return outcome(lambda: fn(gc_)), outcome(lambda: fn(host))


SAME = [
    lambda m: [m.c_ubyte(v).value for v in (256, -1, 511)],
    lambda m: [m.c_short(v).value for v in (2 ** 15, -2 ** 15 - 1, 2 ** 40 + 3)],
    lambda m: (m.c_uint(-1).value, m.c_long(2 ** 64 + 1).value, m.c_ulonglong(-2).value),
    lambda m: (repr(m.c_int(5)), repr(m.c_double(2)), repr(m.c_char(b"q")), repr(m.c_bool(9))),
    lambda m: (repr(m.c_float(0.1)), repr(m.c_wchar("\u20ac")), repr(m.c_void_p(16))),
    lambda m: [m.sizeof(t) for t in (m.c_bool, m.c_char, m.c_wchar, m.c_short, m.c_int, m.c_long,
                                     m.c_longlong, m.c_size_t, m.c_float, m.c_double, m.c_void_p)],
    lambda m: [m.alignment(t) for t in (m.c_byte, m.c_short, m.c_int, m.c_double, m.c_char_p)],
    lambda m: m.c_int("1"),
    lambda m: m.c_double(None),
    lambda m: m.c_char(b"xy"),
    lambda m: m.c_wchar_p(5.0),
    lambda m: m.c_void_p(1.0),
    lambda m: m.sizeof(object),
    lambda m: m.c_int * -3,
    lambda m: repr(m.c_int.from_param(7)),
    lambda m: repr(m.c_double.from_param(1)),
    lambda m: m.c_int.from_param(1.0),
    lambda m: m.POINTER(m.c_int).from_param(3),
    lambda m: (m.c_int * 4).from_param(None),
    lambda m: m.cast(1, m.c_int),
    lambda m: m.byref(1),
    lambda m: m.create_string_buffer("text"),
    lambda m: (m.create_string_buffer(b"ab", 4).raw, m.create_string_buffer(b"ab").value),
    lambda m: (m.c_char * 2)(b"a", b"b", b"c"),
    lambda m: list((m.c_int * 3)(1, 2)),
    lambda m: (m.c_int * 3)(1, 2, 3)[1:],
    lambda m: (m.c_int * 3)(1, 2, 3)[3],
    lambda m: ((m.c_int * 2) * 2)()[1][0],
    lambda m: m.POINTER(m.c_int)().contents,
    lambda m: m.pointer(m.c_short(3)).contents.value,
    lambda m: m.CDLL("libprotojit_missing.so"),
    lambda m: m.CDLL("libc.so.6").protojit_missing_symbol,
    lambda m: m.CDLL("libc.so.6").abs(-3),
    lambda m: m.CDLL("libc.so.6").abs(1.0),
    lambda m: m.CDLL("libc.so.6").abs(2 ** 64),
    lambda m: m.CDLL("libc.so.6").strlen(b"four"),
    lambda m: m.CFUNCTYPE(m.c_int, m.c_int)(lambda x: x * 3)(14),
    lambda m: m.CFUNCTYPE(m.c_int)(3.5),
    lambda m: m.string_at(m.create_string_buffer(b"abc\0def", 8), 7),
    lambda m: m.wstring_at(m.create_unicode_buffer("w\u00e9")),
]


@pytest.mark.parametrize("index", range(len(SAME)))
def test_same_as_host(gc_, index):
    mine, theirs = both(gc_, SAME[index])
    assert mine == theirs


def test_struct_layout_matches_host(gc_):
    def layout(m):
        class Inner(m.Structure):
            _fields_ = [("c", m.c_char), ("d", m.c_double)]

        class Outer(m.Structure):
            _fields_ = [("a", m.c_short), ("inner", Inner), ("arr", m.c_int * 3), ("p", m.c_char_p),
                        ("b", m.c_bool)]

        class Packed(m.Structure):
            _pack_ = 2
            _fields_ = [("c", m.c_char), ("q", m.c_longlong), ("s", m.c_short)]

        class U(m.Union):
            _fields_ = [("a", m.c_int * 5), ("d", m.c_double)]
        return [(m.sizeof(t), m.alignment(t), [(n, getattr(t, n).offset, getattr(t, n).size)
                                              for n, _ in t._fields_]) for t in (Inner, Outer, Packed, U)]
    assert layout(gc_) == layout(host)


def test_nested_objects_share_memory(gc_):
    class P(gc_.Structure):
        _fields_ = [("x", gc_.c_int), ("y", gc_.c_int)]

    class R(gc_.Structure):
        _fields_ = [("a", P), ("b", P * 2)]
    r = R()
    inner = r.b[1]
    inner.y = 9
    assert r.b[1].y == 9
    assert gc_.addressof(inner) == gc_.addressof(r) + 16
    p = gc_.pointer(r.a)
    p.contents.x = 4
    assert r.a.x == 4
    ip = gc_.cast(gc_.pointer(r), gc_.POINTER(gc_.c_int))
    assert [ip[i] for i in range(6)] == [4, 0, 0, 0, 0, 9]


def test_keepalive_of_converted_objects(gc_):
    s = gc_.c_char_p(b"kept" * 4)
    gc.collect()
    assert s.value == b"kept" * 4
    w = gc_.c_wchar_p("wide")
    gc.collect()
    assert w.value == "wide"
    arr = (gc_.c_char_p * 2)(b"one", b"two")
    gc.collect()
    assert arr[1] == b"two"
    p = gc_.pointer(gc_.c_int(77))
    gc.collect()
    assert p.contents.value == 77


def test_custom_from_param_as_parameter_and_callable_restype(gc_):
    libc = gc_.CDLL("libc.so.6")

    class Wrapped:
        def __init__(self, v):
            self._as_parameter_ = v

    class Doubling:
        @classmethod
        def from_param(cls, obj):
            return obj * 2
    f = libc.abs
    f.argtypes = [Doubling]
    assert f(-4) == 8
    del f.argtypes
    assert f(Wrapped(-6)) == 6
    f.restype = lambda r: ("wrapped", r)
    assert f(-2) == ("wrapped", 2)


def test_restype_pointer_and_errcheck(gc_):
    libc = gc_.CDLL("libc.so.6")
    buf = gc_.create_string_buffer(b"hello world")
    libc.strchr.restype = gc_.POINTER(gc_.c_char)
    libc.strchr.argtypes = [gc_.c_char_p, gc_.c_int]
    hit = libc.strchr(buf, ord("w"))
    assert gc_.addressof(hit.contents) == gc_.addressof(buf) + 6
    assert hit[0] == b"w" and hit[1] == b"o"
    calls = []
    libc.strchr.errcheck = lambda result, func, args: calls.append(args) or bool(result)
    assert libc.strchr(buf, ord("z")) is False
    assert calls == [(buf, ord("z"))]


def test_plain_calls_use_the_plan(gc_):
    libc = gc_.CDLL("libc.so.6")
    f = libc.labs
    f.argtypes = [gc_.c_long]
    f.restype = gc_.c_long
    assert f._pj_plan is not None
    assert f(-(2 ** 40)) == 2 ** 40
    f.argtypes = [gc_.c_wchar]
    assert f._pj_plan is None          # wchar arguments take the full conversion path
    f.argtypes = [gc_.c_long]
    f.errcheck = lambda r, fn, a: -r
    assert f(-5) == -5


def test_plan_converts_ctypes_objects_like_the_full_path(gc_):
    libc = gc_.CDLL("libc.so.6")
    strtol = libc.strtol
    strtol.argtypes = [gc_.c_char_p, gc_.POINTER(gc_.c_char_p), gc_.c_int]
    strtol.restype = gc_.c_long
    assert strtol._pj_plan is not None
    end = gc_.c_char_p()
    buf = gc_.create_string_buffer(b"42xyz")
    assert strtol(b"7abc", gc_.byref(end), 10) == 7 and end.value == b"abc"
    assert strtol(buf, gc_.pointer(end), gc_.c_int(10)) == 42 and end.value == b"xyz"
    assert strtol(b"99", end, 10) == 99          # a c_char_p where a pointer to it is expected
    assert strtol(b"5", None, 10) == 5
    for bad in (gc_.byref(gc_.c_int()), gc_.pointer(gc_.c_int()), 5, b"x"):
        with pytest.raises(gc_.ArgumentError, match="argument 2: TypeError"):
            strtol(b"1", bad, 10)
    with pytest.raises(gc_.ArgumentError, match="argument 3: TypeError: wrong type"):
        strtol(b"1", None, gc_.c_long(10))
    qsort = libc.qsort
    CMP = gc_.CFUNCTYPE(gc_.c_int, gc_.POINTER(gc_.c_int), gc_.POINTER(gc_.c_int))
    qsort.argtypes = [gc_.c_void_p, gc_.c_size_t, gc_.c_size_t, CMP]
    qsort.restype = None
    assert qsort._pj_plan is not None
    values = (gc_.c_int * 4)(3, 1, 2, 0)
    assert qsort(values, 4, 4, CMP(lambda a, b: a[0] - b[0])) is None
    assert list(values) == [0, 1, 2, 3]
    with pytest.raises(gc_.ArgumentError, match="argument 4"):
        qsort(values, 4, 4, b"not a function")


def test_callbacks_from_many_threads(gc_):
    libc = gc_.CDLL("libc.so.6")
    libc.qsort.restype = None
    CMP = gc_.CFUNCTYPE(gc_.c_int, gc_.POINTER(gc_.c_int), gc_.POINTER(gc_.c_int))
    cmp = CMP(lambda a, b: a[0] - b[0])
    errors = []

    def work(seed):
        try:
            values = (gc_.c_int * 50)(*[(seed * 7919 + i * 104729) % 1000 for i in range(50)])
            libc.qsort(values, 50, 4, cmp)
            assert list(values) == sorted(values)
        except Exception as e:   # collected, asserted below
            errors.append(e)
    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors and not any(t.is_alive() for t in threads)


def test_callback_exception_goes_to_stderr(gc_, capsys, monkeypatch):
    # (CPython hands it to sys.unraisablehook, which pytest replaces: the default one here)
    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)
    proto = gc_.CFUNCTYPE(gc_.c_int, gc_.c_int)

    def boom(x):
        raise ValueError("nope")
    assert proto(boom)(1) == 0
    err = capsys.readouterr().err
    assert "Exception ignored on calling ctypes callback function" in err
    assert "ValueError: nope" in err


def test_unsupported_features_say_so(gc_):
    libc = gc_.CDLL("libc.so.6")
    with pytest.raises(NotImplementedError, match="bit fields"):
        class B(gc_.Structure):
            _fields_ = [("x", gc_.c_int, 3)]
    with pytest.raises(NotImplementedError, match="returning an array"):
        libc.abs.restype = gc_.c_int * 2


def test_structures_by_value_match_the_host(gc_):
    # div() returns a structure of two ints in one register; lldiv() two longs in two
    results = []
    for m in (host, gc_):
        class div_t(m.Structure):
            _fields_ = [("quot", m.c_int), ("rem", m.c_int)]

        class lldiv_t(m.Structure):
            _fields_ = [("quot", m.c_longlong), ("rem", m.c_longlong)]
        libc = m.CDLL("libc.so.6")
        libc.div.restype = div_t
        libc.lldiv.restype = lldiv_t
        libc.lldiv.argtypes = [m.c_longlong, m.c_longlong]
        d, ld = libc.div(-47, 5), libc.lldiv(-(2 ** 40) - 3, 7)
        results.append((d.quot, d.rem, ld.quot, ld.rem))
    assert results[0] == results[1]


def test_find_library_is_the_hosts(gc_):
    import ctypes.util
    spec = importlib.util.spec_from_file_location("_pj_guest_ctypes_util", os.path.join(LIB, "util.py"))
    util = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(util)
    for name in ("c", "m", "protojit_surely_missing"):
        assert util.find_library(name) == ctypes.util.find_library(name)


def test_guest_program_gets_the_guest_package(tmp_path):
    prog = tmp_path / "prog.py"
    prog.write_text("import ctypes, ctypes.util\n"
                    "print(ctypes.__file__.endswith('lib/ctypes/__init__.py'))\n"
                    "print(ctypes.CDLL(ctypes.util.find_library('c')).abs(-21))\n")
    env = dict(os.environ, PYTHONPATH=REPO)
    out = subprocess.run([sys.executable, "-m", "protojit", str(prog)], capture_output=True,
                         text=True, timeout=50, env=env)
    assert out.stdout == "True\n21\n", out.stderr


def test_runtime_dl_edges():
    """runtime_c/dl.c through protojit.native: error codes, messages, truncation."""
    import errno
    from protojit import native
    lib = native.lib()
    handle = host.c_void_p()
    assert lib.pj_dlopen(b"libc.so.6", 0, host.byref(handle)) == -errno.EINVAL
    assert lib.pj_dlopen(b"libc.so.6", os.RTLD_NOW, None) == -errno.EINVAL
    assert lib.pj_dlopen(b"libpj_none.so", os.RTLD_NOW, host.byref(handle)) == -errno.ENOENT
    buf = host.create_string_buffer(8)
    n = host.c_size_t()
    assert lib.pj_dlerror(buf, 8, host.byref(n)) == 0
    with pytest.raises(OSError) as host_error:      # the C library's own dlerror() text
        host.CDLL("libpj_none.so")
    assert buf.value == b"libpj_n" and n.value == len(str(host_error.value).encode())
    assert lib.pj_dlopen(b"libc.so.6", os.RTLD_NOW, host.byref(handle)) == 0
    addr = host.c_void_p()
    assert lib.pj_dlsym(handle, None, host.byref(addr)) == -errno.EINVAL
    assert lib.pj_dlsym(handle, b"pj_no_symbol", host.byref(addr)) == -errno.ENOENT
    assert lib.pj_dlsym(handle, b"abs", host.byref(addr)) == 0 and addr.value
    assert lib.pj_dlsym(None, b"abs", host.byref(addr)) == 0 and addr.value
    assert lib.pj_dlclose(handle) == 0
    assert lib.pj_dlclose(None) == -errno.EINVAL
    assert lib.pj_dlerror(None, 0, None) == -errno.EINVAL
