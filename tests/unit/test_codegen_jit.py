"""codegen/jit.py around the LLVM engine.

- The code generator's switches (_set_codegen_switches): LLVM's options are global to the
  process, so object code's lean settings (FastISel, four machine passes off) must be undone
  before numeric code is made: numeric machine code made after object code is byte for byte
  the machine code made before any.
- release: a compiled module's llvmlite objects are freed by reference counts, with the
  collector off (no cycle left for it).
"""
import gc
import struct
import weakref

import llvmlite.ir as L

from protojit.codegen import jit

F64 = L.DoubleType()
I64 = L.IntType(64)


def _numeric_module(n: int) -> L.Module:
    """A float loop with a call and a select: code whose instruction selection, scheduling
    and register allocation all show in the machine code."""
    m = L.Module(f"switches{n}")
    fn = L.Function(m, L.FunctionType(F64, [F64, I64]), name=f"sw{n}")
    sqrt = m.declare_intrinsic("llvm.sqrt", [F64])
    entry, loop, done = (fn.append_basic_block(x) for x in ("entry", "loop", "done"))
    b = L.IRBuilder(entry)
    b.branch(loop)
    b.position_at_end(loop)
    i = b.phi(I64)
    acc = b.phi(F64)
    x = b.fadd(b.fmul(acc, fn.args[0]), b.sitofp(i, F64))
    y = b.select(b.fcmp_ordered(">", x, L.Constant(F64, 1e6)), b.call(sqrt, [x]), x)
    i2 = b.add(i, L.Constant(I64, 1))
    i.add_incoming(L.Constant(I64, 0), entry)
    i.add_incoming(i2, loop)
    acc.add_incoming(L.Constant(F64, 0.5), entry)
    acc.add_incoming(y, loop)
    b.cbranch(b.icmp_signed("<", i2, fn.args[1]), loop, done)
    b.position_at_end(done)
    b.ret(y)
    return m


def _object_module(n: int) -> L.Module:
    m = L.Module(f"switches_obj{n}")
    ptr = L.PointerType()
    fn = L.Function(m, L.FunctionType(ptr, [ptr]), name=f"swobj{n}")
    incref = L.Function(m, L.FunctionType(L.VoidType(), [ptr]), name="Py_IncRef")
    b = L.IRBuilder(fn.append_basic_block("entry"))
    b.call(incref, [fn.args[0]])
    b.ret(fn.args[0])
    return m


def _code_sections(elf: bytes) -> list[bytes]:
    """The contents of an ELF-64 object's executable sections (symbol and string tables
    differ between two compiles: names, their order)."""
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    out = []
    for k in range(shnum):
        _, _, flags, _, offset, size = struct.unpack_from("<IIQQQQ", elf, shoff + k * shentsize)
        if flags & 0x4:   # SHF_EXECINSTR
            out.append(elf[offset:offset + size])
    return out


def _machine_code(monkeypatch, n: int) -> list[bytes]:
    """The machine code level 3 makes for _numeric_module (its object file caught on its
    way to the cache)."""
    made = []
    monkeypatch.setattr(jit.cache, "load", lambda key: None)
    monkeypatch.setattr(jit.cache, "store", lambda key, payload: made.append(payload))
    name = f"sw{n}"
    compiled = jit.compile_module(_numeric_module(n), [name], use_cache=True, level=3)
    assert compiled.addresses[name] and len(made) == 1
    code = _code_sections(made[0])
    assert code and all(code)
    return code


def test_numeric_code_unchanged_after_object_code(monkeypatch):
    before = _machine_code(monkeypatch, 0)
    for level in (1, 0):
        jit.compile_module(_object_module(level), [f"swobj{level}"], level=level)
        assert jit._switches_lean[0] is True
        after = _machine_code(monkeypatch, 2 + level)
        assert jit._switches_lean[0] is False
        assert after == before


RELEASE_SRC = """
class P:
    def __init__(self, x):
        self.x = x

def total(ps, k):
    s = 0
    for p in ps:
        if p.x > k:
            s += p.x
        else:
            s -= 1
    return s
"""


def test_compiled_modules_are_freed_without_the_collector(monkeypatch):
    from conftest import run_guest
    from protojit.codegen import compiler
    g = run_guest(RELEASE_SRC)
    ps = [g["P"](i) for i in range(5)]
    refs = []
    real = jit._compile_module

    def keep(module_ir, *args):
        fns = [v for v in module_ir.globals.values() if getattr(v, "blocks", None)]
        refs.extend(weakref.ref(x) for x in [module_ir, *fns, *fns[0].blocks,
                                             *fns[0].blocks[-1].instructions])
        return real(module_ir, *args)
    monkeypatch.setattr(jit, "_compile_module", keep)
    enabled = gc.isenabled()
    gc.disable()
    try:
        spec = compiler.compile_objects(g["total"], (ps, 2))
        assert len(refs) > 4
        assert [r for r in refs if r() is not None] == []
    finally:
        if enabled:
            gc.enable()
    assert spec.call((ps, 2)) == 3 + 4 - 3
