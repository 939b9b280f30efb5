"""protojit/ffi.py: call stubs, direct stubs, callback thunks and call plans; codegen/ffi.py:
native code calling a ctypes function directly.

Foreign functions come from libc/libm (looked up through the host's dlsym only to
get addresses); every call goes through the stubs under test. Callbacks double as
foreign functions of any signature, which checks both directions of the C ABI
(sign/zero extension of small ints, floats, stack-passed arguments).
"""
import ctypes
import gc
import os
import threading
import time

import pytest
from llvmlite import binding as llvm

from protojit import ffi
from protojit.codegen import ffi as native_ffi

LIBC = ctypes.CDLL("libc.so.6")
LIBM = ctypes.CDLL("libm.so.6")


def addr(lib, name):
    return ctypes.cast(getattr(lib, name), ctypes.c_void_p).value


def sig(res, args):
    return ffi.Signature.of(res, args)


BOTH = [ffi.make_invoker, ffi.make_direct_invoker]


def test_signature_normalises_ctypes_codes():
    s = ffi.Signature.of("l", "LcuzZ?P")
    assert s == ffi.Signature("q", ("Q", "B", "i", "P", "P", "B", "P"))
    assert ffi.format_signature(s) == "q(QBiPPBP)"
    assert ffi.Signature.of("v", "").key == "v_v"
    for bad_res, bad_args in (("i", "v"), ("i", "O"), ("X", "")):
        with pytest.raises(ffi.FFIError):
            ffi.Signature.of(bad_res, bad_args)
    assert ffi.Signature.of("g", "g").plain is False and s.plain


def _agg(size, align, fields):
    return ffi.Aggregate.of(size, align, fields)


def test_aggregates_are_classified_by_the_sysv_abi():
    # (class per eightbyte, LLVM type) or None for MEMORY
    def classes(agg):
        words = ffi._classify(agg)
        return None if words is None else [(c, str(t)) for c, t in words]
    assert classes(_agg(4, 2, [(0, "h"), (2, "h")])) == [("I", "i32")]
    assert classes(_agg(16, 8, [(0, "i"), (4, "f"), (8, "d")])) == [("I", "i64"), ("S", "double")]
    assert classes(_agg(12, 4, [(0, "f"), (4, "f"), (8, "f")])) == [("S", "<2 x float>"), ("S", "float")]
    assert classes(_agg(3, 1, [(0, "b"), (1, "b"), (2, "b")])) == [("I", "i24")]
    assert classes(_agg(24, 8, [])) is None                      # over 16 bytes
    assert classes(_agg(9, 1, [(0, "b"), (1, "d")])) is None     # a field out of alignment
    assert classes(_agg(16, 16, [(0, "g")])) is None             # long double inside


def test_structures_go_to_memory_when_registers_run_out():
    pair = _agg(16, 8, [(0, "q"), (8, "q")])
    abi = ffi._abi(ffi.Signature.of("v", ["q"] * 5 + [pair, "q"]))
    assert [p.kind for p in abi.args] == ["scalar"] * 5 + ["byval", "scalar"]
    abi = ffi._abi(ffi.Signature.of(_agg(32, 4, []), ["q"] * 4 + [pair]))
    assert abi.sret and abi.args[-1].kind == "byval"    # the hidden result pointer takes one
    abi = ffi._abi(ffi.Signature.of("v", ["q"] * 4 + [pair]))
    assert abi.args[-1].kind == "regs"


def test_structures_and_long_doubles_through_a_callback_and_a_stub():
    import struct
    mixed = _agg(16, 8, [(0, "i"), (4, "f"), (8, "d")])
    big = _agg(24, 8, [])
    sig = ffi.Signature.of("g", [mixed, "g", big, "b"])
    seen = []

    def target(m, ld, b, small):
        seen.append((struct.unpack("=ifd", m), struct.unpack("=3Q", b), small))
        return ld
    cb = ffi.Callback(sig, target, print)
    ld = bytes(ctypes.c_longdouble(2.5))
    out = ffi.invoker(sig)(cb.address, struct.pack("=ifd", 1, 2.5, 3.25), ld,
                           struct.pack("=3Q", 7, 8, 9), -4)
    assert seen == [((1, 2.5, 3.25), (7, 8, 9), -4)]
    assert ctypes.c_longdouble.from_buffer_copy(out).value == 2.5


@pytest.mark.parametrize("res,args", [("v", ""), ("i", "i"), ("d", "dd"), ("f", "fbBhH"),
                                      ("P", "PqQ"), ("B", "ddddddddddiiiiiiii")])
def test_emitted_modules_verify(res, args):
    s = sig(res, args)
    for module in (ffi.emit_stub(s), ffi.emit_direct_stub(s), ffi.emit_thunk(s, 7, "t")):
        module.triple = llvm.get_process_triple()
        llvm.parse_assembly(str(module)).verify()
    assert str(ffi.llvm_function_type(s)).startswith("void" if res == "v" else "")


@pytest.mark.parametrize("make", BOTH)
def test_libc_and_libm_calls(make):
    assert make(sig("i", "i"))(addr(LIBC, "abs"), -42) == 42
    assert make(sig("q", "q"))(addr(LIBC, "labs"), -(2 ** 40)) == 2 ** 40
    assert make(sig("d", "dd"))(addr(LIBM, "pow"), 2.0, 10.0) == 1024.0
    assert make(sig("f", "f"))(addr(LIBM, "sqrtf"), 2.0) == pytest.approx(1.41421353816986)
    text = ctypes.create_string_buffer(b"protojit")
    assert make(sig("Q", "P"))(addr(LIBC, "strlen"), ctypes.addressof(text)) == 8


def test_stubs_are_cached_per_signature():
    s = sig("i", "ii")
    assert ffi.stub_address(s) == ffi.stub_address(ffi.Signature.of("i", "ii"))
    assert ffi.direct_stub_address(s) == ffi.direct_stub_address(s)
    assert ffi.invoker(s) is ffi.invoker(s)


SMALL = [("b", [-128, -1, 0, 127]), ("B", [0, 1, 200, 255]), ("h", [-32768, -2, 32767]),
         ("H", [0, 40000, 65535]), ("i", [-2 ** 31, 2 ** 31 - 1]), ("I", [0, 2 ** 32 - 1]),
         ("q", [-2 ** 63, 2 ** 63 - 1]), ("Q", [0, 2 ** 64 - 1])]


@pytest.mark.parametrize("make", BOTH)
@pytest.mark.parametrize("code,values", SMALL)
def test_small_integers_round_trip_through_a_thunk(make, code, values):
    s = sig(code, code)
    cb = ffi.Callback(s, lambda v: v, pytest.fail)
    call = make(s)
    assert [call(cb.address, v) for v in values] == values
    cb.free()


@pytest.mark.parametrize("make", BOTH)
def test_many_arguments_use_the_stack(make):
    codes = "dddddddddd" + "iqiqiqiq" + "fP"
    s = sig("d", codes)
    seen = []

    def target(*values):
        seen.append(values)
        return sum(values[:18]) + values[18]
    cb = ffi.Callback(s, target, pytest.fail)
    args = [0.5 * i for i in range(10)] + [-1, 2 ** 40, -3, 4, 5, -6, 7, 8] + [0.25, 12345]
    assert make(s)(cb.address, *args) == sum(args[:18]) + 0.25
    assert seen[0][:19] == tuple(args[:19]) and seen[0][19] == 12345
    cb.free()


def test_callback_errors_are_reported_and_return_zero():
    reports = []
    cb = ffi.Callback(sig("i", "i"), lambda v: 1 // 0, reports.append)
    assert ffi.invoker(sig("i", "i"))(cb.address, 5) == 0
    assert reports and reports[0][0] is ZeroDivisionError
    bad = ffi.Callback(sig("i", "i"), lambda v: "not an int", reports.append)
    assert ffi.invoker(sig("i", "i"))(bad.address, 5) == 0
    assert len(reports) == 2


def test_callback_registry_follows_the_callback_object():
    cb = ffi.Callback(sig("v", "P"), lambda p: None, pytest.fail)
    ident = cb.ident
    assert ffi._callbacks[ident] is cb
    del cb
    gc.collect()
    assert ident not in ffi._callbacks


def test_qsort_with_a_thunk():
    values = (ctypes.c_int * 6)(5, -1, 9, 0, 3, 3)

    def compare(pa, pb):
        a = ctypes.c_int.from_address(pa).value
        b = ctypes.c_int.from_address(pb).value
        return (a > b) - (a < b)
    cb = ffi.Callback(sig("i", "PP"), compare, pytest.fail)
    ffi.invoker(sig("v", "PQQP"))(addr(LIBC, "qsort"), ctypes.addressof(values), 6, 4, cb.address)
    assert list(values) == [-1, 0, 3, 3, 5, 9]
    cb.free()


_READ_SYSCALL = {"x86_64": 0, "aarch64": 63}.get(os.uname().machine)


def _blocked_in_read(thread, fd):
    """The thread sits in the kernel in read(fd, ...) (/proc/self/task/TID/syscall)."""
    try:
        with open(f"/proc/self/task/{thread.native_id}/syscall") as f:
            fields = f.read().split()
    except OSError:
        return False
    return len(fields) > 1 and fields[0] == str(_READ_SYSCALL) and int(fields[1], 16) == fd


@pytest.mark.skipif(_READ_SYSCALL is None, reason="read's syscall number unknown here")
def test_foreign_calls_release_the_gil():
    """Three threads block in a foreign read() at once, and this thread runs Python code
    meanwhile (the polling below, then the writes that free them): were the GIL held
    across the call, only one could be in read() and nothing would write: a hang."""
    read = ffi.invoker(sig("q", "iPQ"))
    fn = addr(LIBC, "read")
    pipes = [os.pipe() for _ in range(3)]
    bufs = [ctypes.create_string_buffer(1) for _ in pipes]
    got = [None] * len(pipes)

    def reader(i):
        got[i] = read(fn, pipes[i][0], ctypes.addressof(bufs[i]), 1)
    threads = [threading.Thread(target=reader, args=(i,)) for i in range(len(pipes))]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 30
        while not all(_blocked_in_read(t, r) for t, (r, _) in zip(threads, pipes)):
            assert time.monotonic() < deadline, "the readers never were all in read() at once"
            time.sleep(0.005)
    finally:
        for i, (_, w) in enumerate(pipes):
            os.write(w, bytes([65 + i]))
        for t in threads:
            t.join(10)
        for r, w in pipes:
            os.close(r)
            os.close(w)
    assert got == [1, 1, 1] and [b.raw for b in bufs] == [b"A", b"B", b"C"]


class _Func:
    """Stands for a guest foreign function object (what call_entry is installed on)."""

    def __init__(self, plan):
        self._pj_plan = plan
        self.slow_calls = []

    def _call_slow(self, args):
        self.slow_calls.append(args)
        return "slow"


def test_call_plan_fast_and_slow_paths():
    K = ffi.ArgKind
    f = _Func(ffi.CallPlan(addr(LIBC, "abs"), "i", [K("i")]))
    assert ffi.call_entry(f, -7) == 7
    assert ffi.call_entry(f, True) == 1
    assert ffi.call_entry(f, 2 ** 32 - 5) == 5            # masked to the C width, as ctypes
    for args in (("7",), (1.5,), (), (1, 2)):
        assert ffi.call_entry(f, *args) == "slow"
    assert f.slow_calls == [("7",), (1.5,), (), (1, 2)]
    pow_ = _Func(ffi.CallPlan(addr(LIBM, "pow"), "d", [K("d"), K("d")]))
    assert ffi.call_entry(pow_, 2, 0.5) == 2 ** 0.5
    assert ffi.call_entry(pow_, 10 ** 400, 1) == "slow"       # host conversion error -> slow path
    strlen = _Func(ffi.CallPlan(addr(LIBC, "strlen"), "Q", [K("z")], errcheck=lambda r, f, a: r * 2))
    assert ffi.call_entry(strlen, b"four") == 8


def test_call_plan_default_conversions():
    f = _Func(ffi.CallPlan(addr(LIBC, "abs"), "i", None))
    assert ffi.call_entry(f, -9) == 9
    assert ffi.call_entry(f, 2 ** 31) == -2 ** 31
    assert ffi.call_entry(f, 2 ** 64) == "slow"                # the slow path raises OverflowError
    strlen = _Func(ffi.CallPlan(addr(LIBC, "strlen"), "i", None))
    assert ffi.call_entry(strlen, b"hello") == 5
    assert ffi.call_entry(strlen, "str") == "slow"
    assert ffi.BYTES_DATA > 0


class _Obj:
    """A stand-in ctypes object: memory (`_b_buf`, `_b_off`) and its address."""

    def __init__(self, data: bytes):
        self._b_buf = ctypes.create_string_buffer(data, len(data))
        self._b_off = 0
        self._b_addr = ctypes.addressof(self._b_buf)


class _Simple(_Obj):
    pass


class _Arr(_Obj):
    _length_ = 4
    _type_ = _Simple


class _ByRef:
    def __init__(self, obj):
        self._tag, self._raw, self._obj = "P", obj._b_addr, obj


def test_call_plan_argkinds_read_ctypes_objects():
    K = ffi.ArgKind
    labs = _Func(ffi.CallPlan(addr(LIBC, "labs"), "q", [K("q", extras=((_Simple, ffi.STORED),))]))
    assert ffi.call_entry(labs, _Simple((-6).to_bytes(8, "little", signed=True))) == 6
    assert ffi.call_entry(labs, _Arr(b"x" * 8)) == "slow"
    strlen_kind = K("P", extras=((_Simple, ffi.ADDRESS),), array_elems=frozenset((_Simple,)),
                    byref_class=_ByRef, byref_targets=frozenset((_Simple,)), plain=frozenset())
    strlen = _Func(ffi.CallPlan(addr(LIBC, "strlen"), "Q", [strlen_kind]))
    assert ffi.call_entry(strlen, _Simple(b"abc\0")) == 3
    assert ffi.call_entry(strlen, _Arr(b"abcdef\0")) == 6
    assert ffi.call_entry(strlen, _ByRef(_Simple(b"ab\0"))) == 2
    assert ffi.call_entry(strlen, _ByRef(_Arr(b"ab\0"))) == "slow"
    assert ffi.call_entry(strlen, None) == "slow"
    assert ffi.call_entry(strlen, b"bytes") == "slow"


def _guest_ctypes():
    import importlib.util
    import os
    import sys
    lib = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "ctypes")
    name = "_pj_guest_ctypes_ffi_test"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, os.path.join(lib, "__init__.py"),
                                                      submodule_search_locations=[lib])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_native_code_calls_a_ctypes_function_directly():
    """What the native tier does for `total += abs_(-i)`: a loop in machine code that
    calls the foreign function by address, with the C wrapping of its argument."""
    from llvmlite import ir
    m = _guest_ctypes()
    libc = m.CDLL("libc.so.6")
    abs_ = libc["abs"]
    abs_.argtypes = [m.c_int]
    abs_.restype = m.c_int
    callee = native_ffi.native_callee(abs_)
    assert callee is not None and callee.sig == ffi.Signature("i", ("i",))
    i64 = ir.IntType(64)
    module = ir.Module("native_abs_loop")
    fn = ir.Function(module, ir.FunctionType(i64, [i64]), "loop")
    entry = fn.append_basic_block("entry")
    body = fn.append_basic_block("body")
    done = fn.append_basic_block("done")
    b = ir.IRBuilder(entry)
    b.branch(body)
    b.position_at_end(body)
    i = b.phi(i64)
    total = b.phi(i64)
    r = native_ffi.emit_native_call(b, callee, [b.sub(ir.Constant(i64, 0), i)])
    total2 = b.add(total, r)
    i2 = b.add(i, ir.Constant(i64, 1))
    i.add_incoming(ir.Constant(i64, 0), entry)
    i.add_incoming(i2, body)
    total.add_incoming(ir.Constant(i64, 0), entry)
    total.add_incoming(total2, body)
    b.cbranch(b.icmp_signed("<", i2, fn.args[0]), body, done)
    b.position_at_end(done)
    b.ret(total2)
    _mod, address = ffi._get_engine().add(module, "loop")
    loop = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(address)
    assert loop(1000) == sum(range(1000))
    assert callee.still_valid(abs_)
    abs_.restype = m.c_long
    assert not callee.still_valid(abs_)


def test_native_callee_refuses_what_native_code_cannot_pass():
    m = _guest_ctypes()
    libc = m.CDLL("libc.so.6")
    f = libc["strlen"]
    assert native_ffi.native_callee(f) is None                     # no argtypes: types decided per call
    f.argtypes = [m.c_char_p]
    assert native_ffi.native_callee(f) is None                     # pointers are not native values
    g = libc["abs"]
    g.argtypes = [m.c_int]
    g.errcheck = lambda r, fn, a: r
    assert native_ffi.native_callee(g) is None
    h = libc["llabs"]
    h.argtypes = [m.c_longlong]
    h.restype = m.c_ulonglong
    assert native_ffi.native_callee(h) is None                     # may not fit an int64
    h.restype = m.c_longlong
    assert native_ffi.native_callee(h).sig == ffi.Signature("q", ("q",))
    assert native_ffi.native_callee(len) is None
    for code in ("c_bool", "c_char"):                         # not plain C numbers in ctypes
        k = libc["abs"]
        k.argtypes = [getattr(m, code)]
        assert native_ffi.native_callee(k) is None
        k.argtypes = [m.c_int]
        k.restype = getattr(m, code)
        assert native_ffi.native_callee(k) is None
    cb = m.CFUNCTYPE(m.c_int, m.c_int)(lambda v: v)
    assert native_ffi.native_callee(cb) is None                      # a callback runs guest code


# ---- the native tier calls guest ctypes functions -------------------------------------

NATIVE_SRC = """
import ctypes

libc = ctypes.CDLL("libc.so.6")
libm = ctypes.CDLL("libm.so.6")
abs_ = libc.abs
abs_.argtypes = [ctypes.c_int]
cos = libm.cos
cos.argtypes = [ctypes.c_double]
cos.restype = ctypes.c_double
getpid = libc.getpid
getpid.argtypes = []
libc.labs.argtypes = [ctypes.c_long]
libc.labs.restype = ctypes.c_long

def loop(n):
    total = 0
    for i in range(n):
        total += abs_(i - 5000000000)      # wraps to a C int first, as ctypes does
    return total

def attr(n):
    total = 0
    for i in range(n):
        total += libc.labs(-i)
    return total

def fsum(n):
    t = 0.0
    for i in range(n):
        t += cos(i)
    return t

def pids(n):
    total = 0
    for i in range(n):
        total += getpid()
    return total

def pid_floats(n):
    t = 0.0
    for i in range(n):
        t += getpid() * 0.5
    return t

def wrong(x):
    return abs_(x)
"""


@pytest.fixture(scope="module")
def native_guest(guest):
    return guest(NATIVE_SRC)


def _c_int(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


def test_native_tier_calls_the_foreign_function_directly(native_guest):
    from protojit.codegen.compiler import NOT_APPLICABLE, compile_function
    g = native_guest
    spec = compile_function(g["loop"], (1000,), keep_ir=True)
    assert "foreign abs_(" in spec.typed_ir and "i(i)" in spec.typed_ir
    address = ctypes.cast(LIBC.abs, ctypes.c_void_p).value
    assert f"inttoptr (i64 {address} to" in spec.llvm_ir or f"i64 {address}" in spec.llvm_ir
    assert "call" in spec.llvm_ir
    assert spec.call((1000,)) == sum(abs(_c_int(i - 5000000000)) for i in range(1000))
    g["abs_"].restype = g["ctypes"].c_long            # a new plan: the guard sends it to tier 0
    assert spec.call((1000,)) is NOT_APPLICABLE
    g["abs_"].restype = g["ctypes"].c_int
    assert spec.call((1000,)) is NOT_APPLICABLE       # a new plan again, even if equal
    assert compile_function(g["loop"], (10,)).call((10,)) == sum(abs(_c_int(i - 5000000000))
                                                                 for i in range(10))


def test_library_attribute_and_float_results(native_guest):
    from protojit.codegen.compiler import NOT_APPLICABLE, compile_function
    g = native_guest
    spec = compile_function(g["attr"], (100,), keep_ir=True)
    assert "foreign libc.labs(" in spec.typed_ir
    assert spec.call((100,)) == sum(range(100))
    import math
    assert compile_function(g["fsum"], (50,)).call((50,)) == sum(math.cos(i) for i in range(50))
    labs = g["libc"].labs
    g["libc"].labs = g["libc"].abs                    # the attribute is a dependency too
    assert spec.call((100,)) is NOT_APPLICABLE
    g["libc"].labs = labs


def test_impure_foreign_call_before_a_guard_is_refused(native_guest):
    from protojit.codegen.compiler import compile_function, compile_numeric
    from protojit.codegen.errors import Unsupported
    g = native_guest
    with pytest.raises(Unsupported, match="foreign call"):
        compile_numeric(g["pids"], (10,))        # the += overflow guard after getpid()
    # object code calls the ctypes function generically and its += never deopts
    spec = compile_function(g["pids"], (10,), objects=True)
    assert spec.objects and spec.call((10,)) == os.getpid() * 10
    spec = compile_function(g["pid_floats"], (10,), keep_ir=True)
    assert "effect" in spec.typed_ir
    assert spec.call((10,)) == sum(os.getpid() * 0.5 for _ in range(10))


def test_wrong_argument_types_stay_in_tier0(native_guest):
    from protojit.codegen.compiler import compile_function, compile_numeric
    from protojit.codegen.errors import Unsupported
    with pytest.raises(Unsupported, match="argument of type float"):
        compile_numeric(native_guest["wrong"], (1.5,))
