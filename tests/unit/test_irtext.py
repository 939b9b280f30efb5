"""codegen/irtext.py prints exactly llvmlite's text (str(module)) for the modules that
numeric code, object code (with handlers, with, comprehensions, unpacking, f-strings)
and generators make, and for instruction classes it does not print itself."""
import llvmlite.ir as L

from protojit.codegen import compiler, irtext, jit
from conftest import run_guest
from test_codegen_objects import SRC, TRY_SRC

MORE_SRC = """
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def floats(n):
    x = 0.5
    for i in range(n):
        x = x * 1.0001 + i / 3
    return x

def gen(xs):
    for x in xs:
        yield f"{x!r}:{x:>4}"

def unpack(seq):
    a, *b, c = seq
    d = {k: v for k, v in zip(b, b)}
    return a, c, d, {a, c}, [b, a]
"""


def _modules(monkeypatch):
    seen = []
    real = jit._compile_module

    def keep(module_ir, *args):
        # (compared here: after its compile a module is released, jit.release)
        seen.append((irtext.module_text(module_ir), str(module_ir)))
        return real(module_ir, *args)
    monkeypatch.setattr(jit, "_compile_module", keep)
    return seen


def test_text_equals_llvmlites_for_compiled_modules(monkeypatch):
    seen = _modules(monkeypatch)
    g = run_guest(SRC)
    xs = [g["P"](1, 2), g["P"](3, 4)]
    compiler.compile_objects(g["total"], (xs,))
    compiler.compile_objects(g["build"], (3, "t"))
    compiler.compile_objects(g["pick"], ({"a": 1}, "a"))
    compiler.compile_objects(g["attr_error"], (xs[0],))
    compiler.compile_objects(g["big"], (3,))
    g2 = run_guest(TRY_SRC)
    compiler.compile_objects(g2["catches"], ([0, 1], "t"))
    compiler.compile_objects(g2["reraises"], ("t",))
    compiler.compile_objects(g2["withs"], ("t", 0))
    compiler.compile_objects(g2["gens"], ([0, 1], "t"))
    g3 = run_guest(MORE_SRC)
    compiler.compile_function(g3["fib"], (10,))
    compiler.compile_function(g3["floats"], (10,))
    compiler.compile_objects(g3["gen"], ([1, 2],))
    compiler.compile_objects(g3["unpack"], ([1, 2, 3, 4],))
    assert len(seen) == 13
    for ours, llvmlites in seen:
        assert ours == llvmlites


def test_unknown_instruction_classes_are_printed_by_llvmlite():
    """A subclass of a known class (it may override descr: lower.py's volatile load) and
    classes without a printer here (atomics, switch) keep llvmlite's text."""
    from protojit.codegen.lower import load_volatile
    m = L.Module("t")
    i64 = L.IntType(64)
    g = L.GlobalVariable(m, i64, "g")
    f = L.Function(m, L.FunctionType(i64, [i64]), "f")
    b = L.IRBuilder(f.append_basic_block("entry"))
    v = load_volatile(b, g, i64, 8)
    w = b.load_atomic(g, "unordered", 8)
    other = f.append_basic_block("other")
    sw = b.switch(f.args[0], other)
    sw.add_case(3, other)
    b.position_at_end(other)
    r = b.add(v, w, flags=["nsw"])
    b.ret(b.select(b.icmp_signed("<", r, i64(0)), r, f.args[0]))
    text = irtext.module_text(m)
    assert "load volatile i64" in text and "load atomic" in text and "switch i64" in text
    assert text == str(m)
