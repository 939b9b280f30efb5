"""Foreign calls: llvmlite-generated call stubs and callback thunks, one per C signature.

In: a C signature written as type codes (the `_type_` letters of ctypes: `i` int,
`Q` unsigned long long, `d` double, `P` pointer, ...), the address of a foreign
function (from `pj_dlsym`, runtime_c/dl.c) and Python values. Out: the C result as a
Python value. The guest `ctypes` package (lib/ctypes/) does the ctypes semantics on
top of this module, which is why it sits in the engine's base layer, below codegen: guest
library code never imports the compiler. Native code calls a foreign function directly
by address (codegen/ffi.py: `native_callee`/`emit_native_call`, no stub needed there),
with this module's signatures and call plans.

Two kinds of call stub, both compiled once per signature and cached:

- direct (the default): `ret direct(<fn type>* fn, args...)` forwards its arguments
  to `fn` with the platform C ABI (LLVM lowers the call: registers, stack, sign/zero
  extension of small integers). Python enters it through one host
  `CFUNCTYPE(ret, c_void_p, args...)` prototype per signature, so the host converts
  each int/float/address straight into its register.
- buffer (`PJ_FFI_ENTRY=buffer`): `void stub(<fn type>* fn, i64* args, i64* ret)`
  loads each argument from an 8-byte slot, calls `fn`, stores the result; one host
  prototype `CFUNCTYPE(None, c_void_p, c_void_p, c_void_p)` enters every stub.
  perf/bench_ctypes.py measures both (direct is about 2x faster per call: the
  packing and unpacking in Python cost more than a typed host prototype).

In both, the host prototype is only the door from Python into machine code (ctypes
releases the GIL around it, so a blocking foreign call does not hold it); the
foreign function itself is never called through the host ctypes module.

Callbacks (`Callback`): for a C-ABI function pointer that calls a Python callable
(CFUNCTYPE callbacks, e.g. qsort's comparator) a thunk is compiled per callback:

    <ret> thunk(<args>) { i64 slots[2 + n]; store args in slots[2..];
                          dispatch(ident, &slots[2], &slots[0]); return load slots[0] }

`dispatch` is the single host `CFUNCTYPE` trampoline of this module (so the GIL is
taken by ctypes' callback machinery, from any thread); `ident` is a constant that
selects the Python callable in a registry. Each thunk needs its own code address
(C gives a callback nothing but its address), hence one small module per callback,
removed from the engine when the Callback is freed.

Call plans (`CallPlan`, `call_entry`): the common foreign call from guest code
(plain ints, floats, bytes, None, and ctypes objects of the declared types) is
checked and entered here, in host code, so tier 0 does not interpret the ctypes
conversion rules for it; anything else goes back to the guest's full conversion,
which raises CPython's errors. The ctypes object protocol the plans read is made by
protojit/ctypesprims.py (`new_object`/`object_at`: memory in host c_char arrays).
"""
from __future__ import annotations

import ctypes as _host_ctypes
import itertools
import os
import struct
import sys
import threading
import weakref
from dataclasses import dataclass

from llvmlite import binding as llvm
from llvmlite import ir

__all__ = [
    "CODES", "Signature", "FFIError", "format_signature", "llvm_function_type",
    "stub_address", "direct_stub_address", "make_invoker", "make_direct_invoker", "invoker",
    "errno_invoker", "Callback",
    "CallPlan", "ArgKind", "DefaultKinds", "STORED", "ADDRESS", "BYREF", "SLOW", "call_entry",
    "is_callback_address",
]


class FFIError(Exception):
    """A signature this layer cannot express (bad code, struct by value, ...)."""


@dataclass(frozen=True)
class _Kind:
    """How one C type crosses: LLVM type, slot format for struct, extension attribute."""
    llvm: ir.Type
    slot: str          # struct format of one 8-byte slot holding the value
    ext: str | None    # 'signext'/'zeroext' for small integers (the C ABI promotes them)


_I8, _I16, _I32, _I64 = ir.IntType(8), ir.IntType(16), ir.IntType(32), ir.IntType(64)
_F32, _F64, _PTR = ir.FloatType(), ir.DoubleType(), ir.PointerType()

# Type codes accepted in signatures: the ctypes `_type_` letters, LP64 (Linux x86-64 /
# aarch64). `v` is void (results only).
CODES = {
    "b": _Kind(_I8, "b7x", "signext"), "B": _Kind(_I8, "B7x", "zeroext"),
    "h": _Kind(_I16, "h6x", "signext"), "H": _Kind(_I16, "H6x", "zeroext"),
    "i": _Kind(_I32, "i4x", None), "I": _Kind(_I32, "I4x", None),
    "q": _Kind(_I64, "q", None), "Q": _Kind(_I64, "Q", None),
    "f": _Kind(_F32, "f4x", None), "d": _Kind(_F64, "d", None),
    "P": _Kind(_PTR, "Q", None),
}
# ctypes letters that are another code's C type here (long is 64-bit, bool and char
# are bytes, wchar_t is a 32-bit int on Linux, strings are pointers).
_ALIASES = {"l": "q", "L": "Q", "?": "B", "c": "B", "u": "i", "z": "P", "Z": "P", "O": None}


# C `long double` (x86-64: the x87 80-bit format in 16 bytes). Its values cross this
# layer as their 16 bytes of memory, never as Python floats (the guest converts).
LONGDOUBLE = "g"


class _X86FP80(ir.Type):
    """LLVM's `x86_fp80`, the type of C long double on x86-64 (llvmlite's ir has no class)."""

    def _to_string(self):
        return "x86_fp80"

    def __eq__(self, other):
        return isinstance(other, _X86FP80)

    def __hash__(self):
        return hash("x86_fp80")


_FP80 = _X86FP80()


@dataclass(frozen=True)
class Aggregate:
    """A C structure or union passed or returned by value: its size, alignment and scalar
    fields as (offset, code) pairs, nested structures and arrays flattened (the guest
    ctypes layer describes its types so). Its values cross this layer as their bytes."""
    size: int
    align: int
    fields: tuple = ()

    @classmethod
    def of(cls, size: int, align: int, fields) -> "Aggregate":
        if size <= 0:
            raise FFIError("an empty structure passed by value")
        # Over 16 bytes the fields do not matter (always passed in memory).
        fields = () if size > 16 else tuple((off, _normalise(code, result=False))
                                            for off, code in fields)
        return cls(size, align, fields)

    @property
    def key(self) -> str:
        return f"S{self.size}a{self.align}" + "".join(f"o{o}{c}" for o, c in self.fields) + "E"


def _is_plain(code) -> bool:
    return isinstance(code, str) and code in CODES


def _normalise(code, *, result: bool):
    if isinstance(code, Aggregate):
        return code
    if code in CODES or code == LONGDOUBLE:
        return code
    if result and code == "v":
        return code
    alias = _ALIASES.get(code, "")
    if alias:
        return alias
    raise FFIError(f"unsupported C type code {code!r} in a foreign signature")


def _code_key(code) -> str:
    return code.key if isinstance(code, Aggregate) else code


@dataclass(frozen=True)
class Signature:
    """A C function type: result code (`v` for void) and argument codes, normalised.
    A code is a letter of CODES, `g` (long double) or an Aggregate (a structure by value)."""
    restype: object
    argtypes: tuple

    @classmethod
    def of(cls, restype, argtypes) -> "Signature":
        return cls(_normalise(restype, result=True),
                   tuple(_normalise(c, result=False) for c in argtypes))

    @property
    def key(self) -> str:
        return f"{_code_key(self.restype)}_{''.join(map(_code_key, self.argtypes)) or 'v'}"

    @property
    def plain(self) -> bool:
        """Only CODES letters: the direct stubs, thunks' slots and native code handle it as is."""
        return ((self.restype == "v" or _is_plain(self.restype))
                and all(_is_plain(c) for c in self.argtypes))


def format_signature(sig: Signature) -> str:
    """`i(iP)`-style text of a signature (for trace events and error messages)."""
    return f"{_code_key(sig.restype)}({''.join(map(_code_key, sig.argtypes))})"


def llvm_function_type(sig: Signature) -> ir.FunctionType:
    """The LLVM type of a C function of this signature (what native code calls)."""
    if not sig.plain:
        return _abi(sig).fnty
    ret = ir.VoidType() if sig.restype == "v" else CODES[sig.restype].llvm
    return ir.FunctionType(ret, [CODES[c].llvm for c in sig.argtypes])


# ---- the SysV x86-64 calling convention for aggregates and long double ---------------
#
# LLVM lowers scalar arguments by the C ABI, but a C structure by value is the front
# end's job (clang does it): a structure of at most 16 bytes whose fields are aligned
# is cut into eightbytes, each INTEGER (a general register, if any integer field lies
# in it) or SSE (a vector register: float, double or two floats), passed as that many
# scalar parameters -- all of them in registers, or, if the registers left do not
# suffice, the whole structure on the stack. Anything else (larger, unaligned fields,
# long double inside) goes in MEMORY: on the stack as a `byval` copy for an argument,
# and for a result into memory the caller provides (`sret`, the first parameter).
# A long double argument goes on the stack (x86_fp80 does that), a result in st(0).

_GPRS, _SSE_REGS = 6, 8
_INTEGER, _SSE = "I", "S"
_WIDTH = {"b": 1, "B": 1, "h": 2, "H": 2, "i": 4, "I": 4, "q": 8, "Q": 8, "f": 4, "d": 8,
          "P": 8, LONGDOUBLE: 16}


def _classify(agg: Aggregate):
    """[(class, llvm type)] per eightbyte of a structure passed in registers, or None
    (MEMORY: too large, a field out of its natural alignment, or a long double)."""
    if agg.size > 16:
        return None
    n = (agg.size + 7) // 8
    classes = [None] * n
    doubles = [False] * n
    for off, code in agg.fields:
        width = _WIDTH[code]
        if code == LONGDOUBLE or off % width:
            return None
        word = off // 8
        if code in ("f", "d"):
            classes[word] = classes[word] or _SSE
            doubles[word] = doubles[word] or code == "d"
        else:
            classes[word] = _INTEGER
    out = []
    for word, cls in enumerate(classes):
        nbytes = min(8, agg.size - 8 * word)
        if cls == _SSE:
            ty = _F64 if doubles[word] else (_F32 if nbytes <= 4 else ir.VectorType(_F32, 2))
        else:
            cls = _INTEGER      # (padding only: any class will do, the value is unused)
            ty = ir.IntType(8 * nbytes)
        out.append((cls, ty))
    return out


def _memory_type(agg: Aggregate) -> ir.PointerType:
    """A pointer whose pointee is the structure's bytes (`byval`/`sret` name the type)."""
    return ir.PointerType(ir.ArrayType(_I8, agg.size))


@dataclass
class _Part:
    """How one argument or the result of a C function crosses in machine terms.

    kind: "scalar" (a CODES value), "fp80" (long double), "regs" (a structure as the
    eightbyte parameters of `types`), "byval" (a structure on the stack: one pointer
    parameter), "sret" (a structure result in the caller's memory) or "void"."""
    kind: str
    types: list
    code: object


@dataclass
class _ABI:
    fnty: ir.FunctionType
    args: list          # _Part per C argument
    ret: _Part
    sret: bool          # the first LLVM parameter is the result's memory


def _abi(sig: Signature) -> _ABI:
    """The LLVM function type and parameter mapping of `sig` by the SysV x86-64 ABI."""
    gprs, sse = _GPRS, _SSE_REGS
    code = sig.restype
    params = []
    if code == "v":
        ret, rty = _Part("void", [], code), ir.VoidType()
    elif code == LONGDOUBLE:
        ret, rty = _Part("fp80", [_FP80], code), _FP80
    elif isinstance(code, Aggregate):
        words = _classify(code)
        if any(c == LONGDOUBLE for _, c in code.fields):
            raise FFIError("returning a structure that holds a long double")
        if words is None:
            ret, rty = _Part("sret", [_memory_type(code)], code), ir.VoidType()
            params.append(_memory_type(code))
            gprs -= 1
        else:
            types = [t for _, t in words]
            rty = types[0] if len(types) == 1 else ir.LiteralStructType(types)
            ret = _Part("regs", types, code)
    else:
        ret, rty = _Part("scalar", [CODES[code].llvm], code), CODES[code].llvm
    args = []
    for code in sig.argtypes:
        if isinstance(code, Aggregate):
            words = _classify(code)
            if words is not None:
                need_i = sum(1 for c, _ in words if c == _INTEGER)
                need_s = len(words) - need_i
                if need_i <= gprs and need_s <= sse:
                    gprs -= need_i
                    sse -= need_s
                    part = _Part("regs", [t for _, t in words], code)
                else:
                    words = None
            if words is None:
                part = _Part("byval", [_memory_type(code)], code)
        elif code == LONGDOUBLE:
            part = _Part("fp80", [_FP80], code)
        else:
            if code in ("f", "d"):
                sse = max(0, sse - 1)
            else:
                gprs = max(0, gprs - 1)
            part = _Part("scalar", [CODES[code].llvm], code)
        args.append(part)
        params.extend(part.types)
    return _ABI(ir.FunctionType(rty, params), args, ret, ret.kind == "sret")


def _param_attrs(abi: _ABI) -> dict:
    """{LLVM parameter index: attribute names} of a call or definition of `abi`."""
    attrs = {}
    index = 0
    if abi.sret:
        attrs[0] = ("sret",)
        index = 1
    for part in abi.args:
        if part.kind == "scalar" and CODES[part.code].ext:
            attrs[index] = (CODES[part.code].ext,)
        elif part.kind == "byval":
            attrs[index] = ("byval",)
        index += len(part.types)
    return attrs


def _set_param_attrs(fn: ir.Function, abi: _ABI, first: int = 0) -> None:
    """Put _param_attrs on the parameters of `fn` (from its parameter `first`), with the
    stack alignment of byval structures (8, or 16 for a 16-aligned one)."""
    for index, names in _param_attrs(abi).items():
        arg = fn.args[first + index]
        for name in names:
            arg.attributes.add(name)
    index = 1 if abi.sret else 0
    for part in abi.args:
        if part.kind == "byval":
            fn.args[first + index].attributes.align = max(8, part.code.align)
        index += len(part.types)
    if abi.ret.kind == "scalar" and CODES[abi.ret.code].ext:
        fn.return_value.attributes.add(CODES[abi.ret.code].ext)


def _byte_ptr(builder: ir.IRBuilder, base, offset: int):
    if offset == 0:
        return base
    return builder.gep(base, [ir.Constant(_I64, offset)], inbounds=True, source_etype=_I8)


# ---- the engine ---------------------------------------------------------------------

class _Engine:
    """One MCJIT engine for all stubs and thunks; llvmlite calls serialised by a lock."""

    def __init__(self):
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        target = llvm.Target.from_default_triple()
        self.triple = llvm.get_process_triple()
        self.machine = target.create_target_machine(opt=2)
        self.engine = llvm.create_mcjit_compiler(llvm.parse_assembly(""), self.machine)
        self.data_layout = str(self.machine.target_data)
        self.lock = threading.RLock()
        self.pending: list = []      # modules of freed callbacks, removed at the next add

    def add(self, module: ir.Module, name: str):
        """Verify, compile and link `module`; return (its llvm module, address of `name`)."""
        module.triple = self.triple
        module.data_layout = self.data_layout
        text = str(module)
        with self.lock:
            self._remove_pending()
            mod = llvm.parse_assembly(text)
            mod.verify()
            self.engine.add_module(mod)
            self.engine.finalize_object()
            return mod, self.engine.get_function_address(name)

    def remove(self, mod) -> None:
        """Drop a module's code later (at the next add): this may run inside a garbage
        collection that interrupted an engine call of this same thread."""
        self.pending.append(mod)

    def _remove_pending(self) -> None:
        while self.pending:
            self.engine.remove_module(self.pending.pop())


_engine: _Engine | None = None
_engine_lock = threading.Lock()


def _get_engine() -> _Engine:
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _Engine()
    return _engine


def _add_ext(attrs, code: str) -> None:
    ext = CODES[code].ext
    if ext:
        attrs.add(ext)


# ---- call stubs ---------------------------------------------------------------------

def emit_stub(sig: Signature) -> ir.Module:
    """The module holding `stub_<key>(fn, args, ret)` for this signature.

    `args` holds one 8-byte slot per argument: the value of a CODES argument, the
    address of the memory of a long double or structure argument. `ret` receives the
    result (its memory: at least 16 bytes, and a structure result's size)."""
    abi = _abi(sig)
    module = ir.Module(f"pj_ffi_stub_{sig.key}")
    # (a typed pointer where the call needs one: `sret`/`byval` name their pointee type)
    ret_ty = abi.ret.types[0] if abi.sret else _PTR
    stub = ir.Function(module, ir.FunctionType(ir.VoidType(), [abi.fnty.as_pointer(), _PTR, ret_ty]),
                       f"stub_{sig.key}")
    fn, args, ret = stub.args
    builder = ir.IRBuilder(stub.append_basic_block("entry"))
    values = []
    if abi.sret:
        values.append(ret)
    for i, part in enumerate(abi.args):
        slot = builder.gep(args, [ir.Constant(_I64, i)], inbounds=True, source_etype=_I64)
        if part.kind == "scalar":
            values.append(builder.load(slot, typ=part.types[0], name=f"a{i}"))
            continue
        if part.kind == "byval":
            values.append(builder.load(slot, typ=part.types[0], name=f"p{i}"))
            continue
        where = builder.load(slot, typ=_PTR, name=f"p{i}")
        for word, ty in enumerate(part.types):     # fp80: one "word" of 16 bytes
            values.append(builder.load(_byte_ptr(builder, where, 8 * word), typ=ty, align=1))
    result = builder.call(fn, values, arg_attrs=_param_attrs(abi) or None)
    if abi.ret.kind in ("scalar", "fp80"):
        builder.store(result, ret, align=1)
    elif abi.ret.kind == "regs":
        for word, ty in enumerate(abi.ret.types):
            value = result if len(abi.ret.types) == 1 else builder.extract_value(result, word)
            builder.store(value, _byte_ptr(builder, ret, 8 * word), align=1)
    builder.ret_void()
    return module


_stubs: dict[Signature, int] = {}
_stub_modules = []          # keep the compiled modules referenced


def _cached_stub(cache: dict, sig: Signature, emit, prefix: str) -> int:
    """Address of the stub `emit(sig)` builds, compiled once per `sig` into `cache`
    (looked up again under the engine's lock: another thread may have compiled it)."""
    addr = cache.get(sig)
    if addr is None:
        engine = _get_engine()
        with engine.lock:
            addr = cache.get(sig)
            if addr is None:
                mod, addr = engine.add(emit(sig), f"{prefix}_{sig.key}")
                _stub_modules.append(mod)
                cache[sig] = addr
    return addr


def stub_address(sig: Signature) -> int:
    """Address of the compiled call stub for `sig` (compiled on first use, then cached)."""
    return _cached_stub(_stubs, sig, emit_stub, "stub")


# One prototype enters every stub: void (*)(void *fn, void *args, void *ret).
_ENTRY = _host_ctypes.CFUNCTYPE(None, _host_ctypes.c_void_p, _host_ctypes.c_void_p,
                                _host_ctypes.c_void_p)
_RET_BYTES = 16


def _buffer(size: int):
    """A pinned bytearray of `size` bytes and its address (the view keeps it pinned)."""
    data = bytearray(size)
    view = (_host_ctypes.c_char * size).from_buffer(data)
    return data, _host_ctypes.addressof(view), view


def _slot_format(code) -> str:
    return CODES[code].slot if _is_plain(code) else "Q"


def _size(code) -> int:
    return code.size if isinstance(code, Aggregate) else 16


def make_invoker(sig: Signature):
    """A function `invoke(fnaddr, *values)` calling foreign functions of signature `sig`.

    Values must already be C-ready: ints in range of their code (wrapped by the
    caller), floats for `f`/`d`, addresses (ints, 0 for NULL) for `P`, the bytes of
    the value for a long double or a structure (which is also how such a result comes
    back). Argument buffers come from a free list, so concurrent and re-entrant calls
    (a callback calling a foreign function) each use their own. A closure, not an
    object with `__call__`: this is the innermost path of every foreign call.
    """
    entry = _ENTRY(stub_address(sig))
    nargs = len(sig.argtypes)
    pack = struct.Struct("=" + "".join(_slot_format(c) for c in sig.argtypes)).pack_into
    # Structures and long doubles: their bytes are copied into the buffer after the slots.
    memory = []
    ret_bytes = _RET_BYTES if _is_plain(sig.restype) or sig.restype == "v" else \
        max(_RET_BYTES, (_size(sig.restype) + 15) // 16 * 16)
    size = ret_bytes + 8 * nargs
    for i, code in enumerate(sig.argtypes):
        if not _is_plain(code):
            memory.append((i, size, _size(code)))
            size += (_size(code) + 15) // 16 * 16
    if sig.restype == "v":
        unpack = None
    elif _is_plain(sig.restype):
        unpack = struct.Struct("=" + CODES[sig.restype].slot).unpack_from
    else:
        unpack = struct.Struct(f"={_size(sig.restype)}s").unpack_from
    free: list = []
    new_buffer = _buffer

    if memory:
        def invoke(fnaddr, *values):
            try:
                buf = free.pop()
            except IndexError:
                buf = new_buffer(size + 16)
            data, addr, _view = buf
            base = addr + (-addr % 16)      # 16-byte aligned, as a long double wants
            skew = base - addr
            values = list(values)
            for i, at, length in memory:
                raw = values[i]
                if len(raw) != length:
                    raise ValueError(f"argument {i + 1}: {len(raw)} bytes for a {length}-byte value")
                data[skew + at:skew + at + length] = raw
                values[i] = base + at
            pack(data, skew + ret_bytes, *values)
            entry(fnaddr, base + ret_bytes, base)
            result = None if unpack is None else unpack(data, skew)[0]
            free.append(buf)
            return result
    elif unpack is None:
        def invoke(fnaddr, *values):
            try:
                buf = free.pop()
            except IndexError:
                buf = new_buffer(size)
            data, addr, _view = buf
            pack(data, ret_bytes, *values)
            entry(fnaddr, addr + ret_bytes, addr)
            free.append(buf)
    else:
        def invoke(fnaddr, *values):
            try:
                buf = free.pop()
            except IndexError:
                buf = new_buffer(size)
            data, addr, _view = buf
            pack(data, ret_bytes, *values)
            entry(fnaddr, addr + ret_bytes, addr)
            result = unpack(data, 0)[0]
            free.append(buf)
            return result
    invoke.signature = sig
    return invoke


def emit_direct_stub(sig: Signature) -> ir.Module:
    """The module holding `direct_<key>(fn, args...)`: a C-ABI function that calls `fn(args...)`.

    Entered through a host `CFUNCTYPE(restype, c_void_p, *argtypes)` prototype of this
    signature, so the host converts each Python int/float/address straight into its
    C register; the stub only forwards them to `fn` with the C ABI."""
    fnty = llvm_function_type(sig)
    module = ir.Module(f"pj_ffi_direct_{sig.key}")
    stubty = ir.FunctionType(fnty.return_type, [fnty.as_pointer(), *fnty.args])
    stub = ir.Function(module, stubty, f"direct_{sig.key}")
    for arg, code in zip(stub.args[1:], sig.argtypes):
        _add_ext(arg.attributes, code)
    if sig.restype != "v" and CODES[sig.restype].ext:
        stub.return_value.attributes.add(CODES[sig.restype].ext)
    builder = ir.IRBuilder(stub.append_basic_block("entry"))
    arg_attrs = {i: (CODES[c].ext,) for i, c in enumerate(sig.argtypes) if CODES[c].ext}
    result = builder.call(stub.args[0], list(stub.args[1:]), arg_attrs=arg_attrs or None)
    if sig.restype == "v":
        builder.ret_void()
    else:
        builder.ret(result)
    return module


_direct_stubs: dict[Signature, int] = {}


def direct_stub_address(sig: Signature) -> int:
    """Address of the compiled forwarding stub for `sig` (compiled once, cached)."""
    return _cached_stub(_direct_stubs, sig, emit_direct_stub, "direct")


def _symbol(name: str) -> int:
    """Address of a symbol of the process (libc) through runtime_c/dl.c's pj_dlsym."""
    from protojit import native
    address = _host_ctypes.c_void_p()
    rc = native.lib().pj_dlsym(None, name.encode(), _host_ctypes.byref(address))
    if rc != 0 or not address.value:
        raise FFIError(f"the C library has no {name}")
    return address.value


def _errno_location_address() -> int:
    return _symbol("__errno_location")


def emit_errno_stub(sig: Signature, errno_location: int) -> ir.Module:
    """`errno_<key>(fn, int *saved, args...)`: ctypes' use_errno around one call.

    Swaps the thread's C errno with `*saved` before the call and after it (CPython's
    ctypes does the same), so the value a program set with set_errno is what the
    function sees, and get_errno returns what the function left."""
    fnty = llvm_function_type(sig)
    module = ir.Module(f"pj_ffi_errno_{sig.key}")
    stubty = ir.FunctionType(fnty.return_type, [fnty.as_pointer(), _PTR, *fnty.args])
    stub = ir.Function(module, stubty, f"errno_{sig.key}")
    for arg, code in zip(stub.args[2:], sig.argtypes):
        _add_ext(arg.attributes, code)
    if sig.restype != "v" and CODES[sig.restype].ext:
        stub.return_value.attributes.add(CODES[sig.restype].ext)
    builder = ir.IRBuilder(stub.append_basic_block("entry"))
    where_ty = ir.FunctionType(_PTR, [])
    where = builder.inttoptr(ir.Constant(_I64, errno_location), where_ty.as_pointer())
    saved = stub.args[1]

    def swap():
        location = builder.call(where, [])
        current = builder.load(location, typ=_I32)
        builder.store(builder.load(saved, typ=_I32), builder.bitcast(location, _I32.as_pointer()))
        builder.store(current, builder.bitcast(saved, _I32.as_pointer()))
    swap()
    arg_attrs = {i: (CODES[c].ext,) for i, c in enumerate(sig.argtypes) if CODES[c].ext}
    result = builder.call(stub.args[0], list(stub.args[2:]), arg_attrs=arg_attrs or None)
    swap()
    if sig.restype == "v":
        builder.ret_void()
    else:
        builder.ret(result)
    return module


_errno_invokers: dict = {}


def errno_invoker(sig: Signature):
    """`invoke(fnaddr, saved_errno_address, *values)`: a call with use_errno (cached)."""
    if not sig.plain or len(sig.argtypes) >= _MAX_DIRECT_ARGS:
        raise FFIError(f"use_errno for a function of signature {format_signature(sig)} "
                       "(structures or long doubles by value, or over 1000 arguments)")
    inv = _errno_invokers.get(sig)
    if inv is None:
        engine = _get_engine()
        with engine.lock:
            inv = _errno_invokers.get(sig)
            if inv is None:
                mod, addr = engine.add(emit_errno_stub(sig, _errno_location_address()),
                                       f"errno_{sig.key}")
                _stub_modules.append(mod)
                proto = _host_ctypes.CFUNCTYPE(_HOST_RESULT[sig.restype], _host_ctypes.c_void_p,
                                               _host_ctypes.c_void_p,
                                               *[_HOST_ARG[c] for c in sig.argtypes])
                inv = _errno_invokers[sig] = proto(addr)
    return inv


_h = _host_ctypes
# How the host prototype of a direct stub receives each code. Pointers come back as
# unsigned ints (0 for NULL), never None, so callers see one type.
_HOST_ARG = {"b": _h.c_int8, "B": _h.c_uint8, "h": _h.c_int16, "H": _h.c_uint16,
             "i": _h.c_int32, "I": _h.c_uint32, "q": _h.c_int64, "Q": _h.c_uint64,
             "f": _h.c_float, "d": _h.c_double, "P": _h.c_void_p}
_HOST_RESULT = dict(_HOST_ARG, P=_h.c_uint64, v=None)


def make_direct_invoker(sig: Signature):
    """`invoke(fnaddr, *values)` through the signature's own host prototype and direct stub.

    The returned object is the host CFUNCTYPE instance itself: no Python frame between
    the caller and the stub. Values as for make_invoker; ints are also masked to their
    C width by the host conversion, as ctypes does."""
    proto = _host_ctypes.CFUNCTYPE(_HOST_RESULT[sig.restype], _host_ctypes.c_void_p,
                                   *[_HOST_ARG[c] for c in sig.argtypes])
    return proto(direct_stub_address(sig))


# PJ_FFI_ENTRY=buffer selects the generic buffer stubs (one host prototype for all
# signatures) instead of the direct ones; perf/bench_ctypes.py measures both.
ENTRY_KIND = "buffer" if os.environ.get("PJ_FFI_ENTRY") == "buffer" else "direct"
_invokers: dict = {}


def invoker(sig: Signature):
    """The cached invoke function of `sig` (direct stub, or buffer stub per ENTRY_KIND)."""
    key = (ENTRY_KIND, sig)
    inv = _invokers.get(key)
    if inv is None:
        # Structures, long doubles and very long argument lists (the host's prototypes
        # take at most 1024 arguments) only have the buffer stub.
        direct = ENTRY_KIND == "direct" and sig.plain and len(sig.argtypes) < _MAX_DIRECT_ARGS
        make = make_direct_invoker if direct else make_invoker
        inv = _invokers.setdefault(key, make(sig))
    return inv


_MAX_DIRECT_ARGS = 1000


# ---- callbacks ----------------------------------------------------------------------

_DISPATCH_PROTO = _host_ctypes.CFUNCTYPE(None, _host_ctypes.c_int64, _host_ctypes.c_void_p,
                                         _host_ctypes.c_void_p)
_callbacks: "weakref.WeakValueDictionary[int, Callback]" = weakref.WeakValueDictionary()
_idents = itertools.count(1)


def _dispatch(ident: int, args: int, ret: int) -> None:
    """Host trampoline entered by every thunk (with the GIL): run the Python target."""
    cb = _callbacks.get(ident)
    if cb is None:      # freed while C still held its pointer: a bug in the guest program
        return
    size = 8 * len(cb.sig.argtypes)
    try:
        values = cb.unpack_args(_host_ctypes.string_at(args, size)) if size else ()
        if cb.memory_args:
            values = list(values)
            for i, length in cb.memory_args:
                values[i] = _host_ctypes.string_at(values[i], length)
        result = cb.target(*values)
        if cb.keep_result:
            result, cb.kept = result
        if cb.pack_ret is not None:
            window = (_host_ctypes.c_char * _RET_BYTES).from_address(ret)
            cb.pack_ret(window, 0, result)
    except BaseException:   # nothing can cross back into C: report like CPython, return 0
        cb.report(sys.exc_info())


_dispatch_ptr = _DISPATCH_PROTO(_dispatch)
_dispatch_addr = _host_ctypes.cast(_dispatch_ptr, _host_ctypes.c_void_p).value


def _to_slot(builder: ir.IRBuilder, value, code: str):
    """`value` (C type `code`) as the i64 of its slot; the low bytes hold the value."""
    ty = CODES[code].llvm
    if code == "P":
        return builder.ptrtoint(value, _I64)
    if ty is _F64:
        return builder.bitcast(value, _I64)
    if ty is _F32:
        return builder.zext(builder.bitcast(value, _I32), _I64)
    if ty is _I64:
        return value
    return builder.zext(value, _I64)


def _from_slot(builder: ir.IRBuilder, word, code: str):
    """The C value of type `code` held in the low bytes of slot word `word` (an i64)."""
    ty = CODES[code].llvm
    if code == "P":
        return builder.inttoptr(word, _PTR)
    if ty is _F64:
        return builder.bitcast(word, _F64)
    if ty is _F32:
        return builder.bitcast(builder.trunc(word, _I32), _F32)
    if ty is _I64:
        return word
    return builder.trunc(word, ty)


def emit_thunk(sig: Signature, ident: int, name: str) -> ir.Module:
    """The module holding the C-ABI thunk `name` that forwards to `_dispatch(ident, ...)`.

    A long double or structure argument reaches `_dispatch` as the address of its
    memory (a copy in the thunk's frame, or the caller's byval copy), valid during
    the call; a long double result is read from the 16 bytes of the result slots."""
    abi = _abi(sig)
    if abi.ret.kind in ("regs", "sret"):
        raise FFIError("a callback that returns a structure")
    module = ir.Module(name)
    thunk = ir.Function(module, abi.fnty, name)
    _set_param_attrs(thunk, abi)
    builder = ir.IRBuilder(thunk.append_basic_block("entry"))
    nslots = 2 + len(sig.argtypes)
    base = builder.alloca(_I64, size=ir.Constant(_I32, nslots), name="slots")
    base.align = 16
    builder.store(ir.Constant(_I64, 0), base)
    builder.store(ir.Constant(_I64, 0), builder.gep(base, [ir.Constant(_I64, 1)], inbounds=True,
                                                    source_etype=_I64))
    params = iter(thunk.args)
    for i, part in enumerate(abi.args):
        slot = builder.gep(base, [ir.Constant(_I64, 2 + i)], inbounds=True, source_etype=_I64)
        if part.kind == "scalar":
            word = _to_slot(builder, next(params), part.code)
        elif part.kind == "byval":
            word = builder.ptrtoint(next(params), _I64)
        else:       # fp80, regs: store the registers into memory of the thunk's frame
            # (eightbytes: only the last may be under 8 bytes, so the fields fall at 0 and 8)
            memory = builder.alloca(ir.LiteralStructType(part.types), name=f"m{i}")
            memory.align = 16
            for word_index, _ty in enumerate(part.types):
                field = builder.gep(memory, [ir.Constant(_I32, 0), ir.Constant(_I32, word_index)],
                                    inbounds=True)
                builder.store(next(params), field)
            word = builder.ptrtoint(memory, _I64)
        builder.store(word, slot)
    dispatch_ty = ir.FunctionType(ir.VoidType(), [_I64, _PTR, _PTR])
    dispatch = builder.inttoptr(ir.Constant(_I64, _dispatch_addr), dispatch_ty.as_pointer())
    argp = builder.gep(base, [ir.Constant(_I64, 2)], inbounds=True, source_etype=_I64)
    builder.call(dispatch, [ir.Constant(_I64, ident), argp, base])
    if abi.ret.kind == "void":
        builder.ret_void()
    elif abi.ret.kind == "fp80":
        builder.ret(builder.load(builder.inttoptr(builder.ptrtoint(base, _I64), _PTR),
                                 typ=_FP80, align=16))
    else:
        builder.ret(_from_slot(builder, builder.load(base, typ=_I64), sig.restype))
    return module


class Callback:
    """A C function pointer (`address`) of signature `sig` that calls `target(*values)`.

    `target` receives the raw C values (ints, floats, addresses; the bytes of a long
    double or structure) and returns the raw result -- with `keep_result`, a pair
    (raw result, an object kept alive until the next call: what the result points
    to); `report(exc_info)` is called when it raises (the C caller then sees 0).
    Call `free()` (or drop the object) once C can no longer call it.
    """

    def __init__(self, sig: Signature, target, report, keep_result: bool = False):
        self.sig = sig
        self.target = target
        self.report = report
        self.keep_result = keep_result
        self.kept = None
        self.unpack_args = struct.Struct("=" + "".join(_slot_format(c) for c in sig.argtypes)).unpack
        # long double and structure arguments arrive as an address: read their bytes
        self.memory_args = tuple((i, _size(c)) for i, c in enumerate(sig.argtypes)
                                 if not _is_plain(c))
        if sig.restype == "v":
            self.pack_ret = None
        elif _is_plain(sig.restype):
            self.pack_ret = struct.Struct("=" + CODES[sig.restype].slot).pack_into
        else:
            self.pack_ret = struct.Struct(f"={_size(sig.restype)}s").pack_into
        self.ident = next(_idents)
        name = f"pj_ffi_thunk_{self.ident}"
        _callbacks[self.ident] = self
        self._mod, self.address = _get_engine().add(emit_thunk(sig, self.ident, name), name)

    def free(self) -> None:
        mod, self._mod = self._mod, None
        if mod is not None:
            _callbacks.pop(self.ident, None)
            if _engine is not None:
                _engine.remove(mod)

    def __del__(self):
        try:
            self.free()
        except Exception:   # interpreter shutdown: the engine may be gone already
            pass


# ---- call plans: the common case of a foreign call, without the guest interpreter ----------

SLOW = object()     # "this call needs the full (guest) conversion path"
_MASK64 = (1 << 64) - 1


def _probe_bytes_offset() -> int:
    probe = b"protojit"
    return _host_ctypes.cast(_host_ctypes.c_char_p(probe), _host_ctypes.c_void_p).value - id(probe)


# A bytes object's characters (NUL-terminated) start this far from its id (CPython keeps
# them inline after a fixed header); checked once against the host's own conversion.
BYTES_DATA = _probe_bytes_offset()


_NONE = type(None)
# Python types a call plan passes straight to the host conversion, per argument code
# (what ctypes' own from_param of that simple type accepts without a conversion of ours).
_PLAIN = {code: frozenset((int, bool)) for code in "bBhHiIlLqQ"}
_PLAIN.update({"f": frozenset((float, int)), "d": frozenset((float, int)),
               "z": frozenset((bytes, _NONE)), "P": frozenset((int, _NONE, bytes))})
# (an int is no c_char_p argument: CPython says "wrong type"; as an address it would crash)
_CONVERSION_ERRORS = (_host_ctypes.ArgumentError, struct.error, OverflowError, TypeError)


# How an argument that is a ctypes object gives its C value (ArgKind.extras):
STORED = "stored"      # the value stored in the object's memory (a simple or pointer object)
ADDRESS = "address"    # the address of the object's memory (a structure, or an array)
BYREF = "byref"        # a byref() argument object: its address (`_raw`), if it refers to a target

# struct formats of a simple value stored in a ctypes object's memory, per code
_STORED_FORMAT = {"b": "b", "B": "B", "h": "h", "H": "H", "i": "i", "I": "I", "l": "q", "L": "Q",
                  "q": "q", "Q": "Q", "f": "f", "d": "d", "z": "Q", "P": "Q"}


@dataclass(frozen=True)
class ArgKind:
    """What a call plan accepts for one declared argument, besides plain Python values.

    The guest ctypes layer describes its types with it (ffi never imports lib/ctypes):
    ctypes objects are recognised by exact class (`extras`), by being an array of an
    element class (`array_elems`; None: any array), a pointer object of any pointer
    class (`pointer_base`), or a byref() object (`byref_class`, whose `_obj` must be an
    instance of exactly one of `byref_targets`; None: anything). Objects expose
    `_b_buf`/`_b_off` (their memory), `_b_addr` (its address); arrays have `_length_`
    and `_type_`; byref objects `_tag`, `_raw`, `_obj`.
    """
    code: str
    extras: tuple = ()
    array_elems: frozenset | None = frozenset()
    pointer_base: type | None = None
    byref_class: type | None = None
    byref_targets: frozenset | None = frozenset()
    plain: frozenset | None = None      # plain Python types accepted; None: the code's default


def _buffer_value(code: str, value):
    """A plain value as the buffer stubs need it (they take no Python objects)."""
    if code in "zP":
        if value is None:
            return 0
        if type(value) is bytes:
            return id(value) + BYTES_DATA
        return value & _MASK64
    if code in _INT_WIDTHS:
        bits, signed = _INT_WIDTHS[code]
        value &= (1 << bits) - 1
        if signed and value >> (bits - 1):
            value -= 1 << bits
    return value


_INT_WIDTHS = {"b": (8, True), "B": (8, False), "h": (16, True), "H": (16, False),
               "i": (32, True), "I": (32, False), "l": (64, True), "L": (64, False),
               "q": (64, True), "Q": (64, False)}


def _converter(kind: ArgKind, buffered: bool):
    """conv(value) -> the C-ready value of one argument, or SLOW."""
    code = kind.code
    plain = _PLAIN[code] if kind.plain is None else kind.plain
    unpack = struct.Struct("=" + _STORED_FORMAT[code]).unpack_from
    unpack_p = struct.Struct("=Q").unpack_from
    extras = dict(kind.extras)
    arrays, pointer_base = kind.array_elems, kind.pointer_base
    byref_class, byref_targets = kind.byref_class, kind.byref_targets

    def conv(value):
        t = type(value)
        if t in plain:
            return _buffer_value(code, value) if buffered else value
        how = extras.get(t)
        if how is STORED:
            return unpack(value._b_buf, value._b_off)[0]
        if how is ADDRESS:
            return value._b_addr
        if t is byref_class:
            if value._tag == "P" and (byref_targets is None or type(value._obj) in byref_targets):
                return value._raw
            return SLOW
        if pointer_base is not None and isinstance(value, pointer_base):
            return unpack_p(value._b_buf, value._b_off)[0]
        if hasattr(t, "_length_") and (arrays is None or getattr(t, "_type_", None) in arrays):
            return value._b_addr
        return SLOW
    return conv


def CallPlan(fnaddr: int, restype: str, argkinds, convert=None, errcheck=None, defaults=None):
    """How to call one foreign function without the guest's full conversion path.

    Built by the guest ctypes layer from the function's argtypes (a list of ArgKind,
    or None for CPython's default conversions, with `defaults` the DefaultKinds), its
    result code, an optional result converter and errcheck; `call_entry` runs it. A
    call with an argument the plan does not know (another type, a wrong type) goes to
    the guest's full conversion path, which also raises CPython's errors.

    The plan is a tuple (entry, fnaddr, plain kinds, convert, errcheck, restype,
    per-codes invokers, converters, signature); with argkinds None, `entry` is the
    DefaultKinds and `converters` None."""
    if argkinds is None:
        return (defaults, fnaddr, None, convert, errcheck, restype, {}, None, None)
    for kind in argkinds:
        if kind.code not in _PLAIN:
            raise FFIError(f"no fast conversion for argument code {kind.code!r}")
    buffered = ENTRY_KIND == "buffer" or len(argkinds) >= _MAX_DIRECT_ARGS
    plain = None if buffered else tuple(_PLAIN[k.code] if k.plain is None else k.plain
                                        for k in argkinds)
    converters = tuple(_converter(k, buffered) for k in argkinds)
    argcodes = "".join(k.code for k in argkinds)
    sig = Signature.of(restype, argcodes)
    return (invoker(sig), fnaddr, plain, convert, errcheck, restype, None, converters, sig)


@dataclass(frozen=True)
class DefaultKinds:
    """The ctypes classes CPython's default conversions (no argtypes) treat specially:
    byref objects (`_tag`, `_raw`), simple objects (their `_type_` and stored value),
    objects passed by address (arrays) and objects holding an address (pointers,
    function pointers). Given by the guest ctypes layer."""
    byref_class: type
    simple_base: type
    address_bases: tuple
    stored_bases: tuple


def _default_call(fnaddr: int, restype: str, by_codes: dict, args, kinds):
    """CPython's conversions without argtypes: int -> C int, bytes -> char *, None -> NULL,
    ctypes objects -> their C value; SLOW for anything else (str, float, _as_parameter_)."""
    codes = ""
    values = []
    for value in args:
        kind = type(value)
        if kind is int:
            if not -(1 << 63) <= value <= _MASK64:
                return SLOW
            codes += "i"
        elif kind is bytes or value is None:
            codes += "P"
        elif kinds is None:
            return SLOW
        elif kind is kinds.byref_class:
            codes += value._tag
            value = value._raw
        elif isinstance(value, kinds.simple_base):
            code = kind._type_
            if code not in _STORED_FORMAT:
                return SLOW
            codes += code
            value = struct.unpack_from("=" + _STORED_FORMAT[code], value._b_buf, value._b_off)[0]
        elif isinstance(value, kinds.address_bases):
            codes += "P"
            value = value._b_addr
        elif isinstance(value, kinds.stored_bases):
            codes += "P"
            value = struct.unpack_from("=Q", value._b_buf, value._b_off)[0]
        else:
            return SLOW
        values.append(value)
    inv = by_codes.get(codes)
    if inv is None:
        inv = by_codes[codes] = invoker(Signature.of(restype, codes))
    if ENTRY_KIND == "buffer" or len(codes) >= _MAX_DIRECT_ARGS:
        values = [_buffer_value(c, v) for c, v in zip(codes, values)]
    return inv(fnaddr, *values)


def call_entry(func, *args, **kwargs):
    """`__call__` of guest foreign function objects: the plan first, else `func._call_slow`.

    One host frame for the common call: check each argument's type against the plan's
    kinds and enter the stub with the arguments as they are. Keyword arguments are
    ignored, as CPython does for functions without paramflags."""
    plan = func._pj_plan
    if plan is not None:
        entry, fnaddr, plain, convert, errcheck, restype, by_codes, converters, _sig = plan
        result = SLOW
        try:
            if converters is None:
                result = _default_call(fnaddr, restype, by_codes, args, entry)
            elif len(args) == len(converters):
                if plain is not None:
                    for value, kind in zip(args, plain):
                        if type(value) not in kind:
                            break
                    else:
                        result = entry(fnaddr, *args)
                if result is SLOW:
                    values = [conv(value) for conv, value in zip(converters, args)]
                    if SLOW not in values:
                        result = entry(fnaddr, *values)
        except _CONVERSION_ERRORS:    # raised before the call; the slow path raises CPython's error
            result = SLOW
        if result is not SLOW:
            if convert is not None:
                result = convert(result)
            if errcheck is not None:
                result = errcheck(result, func, args)
            return result
    return func._call_slow(args)


def is_callback_address(address: int) -> bool:
    """True if `address` is the thunk of a live Callback (a C function that runs Python)."""
    return any(cb.address == address for cb in list(_callbacks.values()))
