"""The machine-code engine: LLVM module -> optimised machine code in this process.

In: an `llvmlite.ir.Module` from lower.py and the names of its C entries.
Out: addresses of those entries (compiler.py wraps them in ctypes functions).
One MCJIT engine per machine-code level (3 numeric code, 1 object code, 0
--tier jit's object code and object code too big for level 1 at first: recompile_bitcode
makes it again at level 1 once it is hot) serves the whole process; each compilation unit is a
new module with unique symbol names added to it. Optimisation uses the new pass
manager at O3 for the host CPU (a short pass list for object code). External symbols (libm) are checked before
the module is finalised, since an unresolved symbol aborts the process.
An optional on-disk object cache (cache.py) skips codegen on a second run.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import os
import re
import threading
import time

import llvmlite
import llvmlite.binding as llvm

from . import cache, hotpaths, irtext
from .errors import Unsupported

_lock = threading.Lock()
_engines: dict = {}   # machine-code level (3, 1 or 0) -> its MCJIT engine (_engine_at)
_tm = None            # level 3's target machine: data layout and passes of every module
_CODEMODEL = "small"


def _init_process() -> None:
    """Once per process: LLVM's native target, and the libraries whose symbols native code
    refers to by name."""
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()
    # Block placement: weigh a loop's rotation by its branch probabilities, which our
    # cold paths carry as weights (lower.py). Without it LLVM laid a recursion check's
    # rare slow path inside fib's loop, between the check and the loop's header, and
    # every iteration jumped over it (perf/bench_signal_poll.py: fib(32) with the signal
    # poll +9% against -6% with this). Block order only: the code does the same.
    llvm.set_option("protojit", "-force-precise-rotation-cost")
    # libm by glibc's soname first: the process has it loaded already (libpython needs it).
    # find_library runs `ldconfig -p` in a child process, which under protojit went through
    # the guest os's process functions in tier 0 (importing lib/_pjspawn.py): ~0.1 s of
    # every program's first compile.
    try:
        llvm.load_library_permanently("libm.so.6")
    except RuntimeError:
        libm = ctypes.util.find_library("m")
        if libm:
            llvm.load_library_permanently(libm)
    # the runtime's pj_* symbols that native code refers to by name (signal.c's flag)
    from protojit import native
    llvm.load_library_permanently(native.path())
    # object code's inline caches (runtime_c/capi/pjobj.c: pj_getattr, pj_load_global, ...)
    from protojit import _pjentry
    llvm.load_library_permanently(_pjentry.__file__)


def _engine_at(level: int):
    """The engine whose target machine generates code at `level` (made at first use; the
    caller holds _lock). 3: numeric code, with the on-disk object cache. 1: object code,
    mostly calls of the C API (most of its time per function was instruction selection
    at -O3). 0: FastISel and the fast register allocator, for code that must compile
    quickly (--tier jit's object code). Levels below 3 generate PIC: a double constant
    is loaded from a constant pool through a 32-bit absolute address otherwise, which
    RuntimeDyld cannot place above 4 GB (an assertion that kills the process)."""
    global _tm
    engine = _engines.get(level)
    if engine is not None:
        return engine
    if level != 3:
        _engine_at(3)   # (its target machine lays out and optimises every module)
    elif not _engines:
        _init_process()
    target = llvm.Target.from_default_triple()
    tm = target.create_target_machine(cpu=llvm.get_host_cpu_name(),
                                      features=llvm.get_host_cpu_features().flatten(),
                                      opt=level, codemodel=_CODEMODEL,
                                      **({} if level == 3 else {"reloc": "pic"}))
    backing = llvm.parse_assembly("")
    backing.triple = llvm.get_process_triple()
    engine = llvm.create_mcjit_compiler(backing, tm)
    if level == 3:
        _tm = tm
        engine.set_object_cache(_notify, _getbuffer)
    _engines[level] = engine
    return engine


# module name -> (cache key or None, cached object or None), for the object-cache hooks
_pending: dict[str, tuple] = {}
_names = itertools.count()


def _getbuffer(mod):
    entry = _pending.get(mod.name)
    return entry[1] if entry else None


def _notify(mod, buf):
    entry = _pending.get(mod.name)
    if entry and entry[0] and entry[1] is None:
        cache.store(entry[0], bytes(buf))


def target_id() -> str:
    return "/".join([llvmlite.__version__, ".".join(map(str, llvm.llvm_version_info)),
                     llvm.get_host_cpu_name(), llvm.get_host_cpu_features().flatten(), _CODEMODEL,
                     "O3"])


def target_machine():
    with _lock:
        _engine_at(3)
        return _tm


def optimise(mod, level: int = 3) -> None:
    pto = llvm.create_pipeline_tuning_options(speed_level=max(level, 1))
    pb = llvm.create_pass_builder(_tm, pto)
    if level <= 1:
        # Object code: mostly calls of the C API. Slots to SSA, folding and a tidy CFG are
        # what it needs; LLVM's whole O1 pipeline took twice the CPU (at --tier jit every
        # function compiles: tests/programs/ctl_try_nested.py, 289 functions with
        # try/finally, 52 s -> 26 s) for machine code no faster (an attribute-and-int
        # loop ran at the same speed).
        pm = llvm.create_new_module_pass_manager()
        pm.add_always_inliner_pass()   # (level 1: hotpaths.link_into's bodies)
        pm.add_sroa_pass()
        pm.add_instruction_combine_pass()
        pm.add_simplify_cfg_pass()
        pm.run(mod, pb)
        return
    pb.getModulePassManager().run(mod, pb)


# LLVM's code generator reads these switches (cl::opt: global to the process) each time it
# makes machine code, so they are set before every finalize_object, under _lock, for the
# level at hand. Object code (levels 0 and 1) selects instructions with FastISel and skips
# four machine passes that its code -- calls of the C API with short inline checks between
# them -- has little use for (scheduling, machine LICM, CSE and sinking). Level 1 keeps the
# greedy register allocator and the machine passes that make its code faster than level
# 0's. Its machine code cost half the CPU so: pyperformance go's object-code modules at
# level 1, 2.15 s -> 1.13 s (the whole level-1 codegen; FastISel alone 1.53 s). Level 3
# (numeric code) gets LLVM's defaults: SelectionDAG (-fast-isel=false is the O3 default;
# level 0's FastISel is what -fast-isel=true asks for, O0's own default). Other LLVM users in
# the process (protojit/ffi.py's callback engine) may see the lean settings: they only
# change how fast machine code is, never what it does.
_CODEGEN_SWITCHES = {
    True: ("-fast-isel=true", "-enable-misched=false", "-disable-machine-licm=true",
           "-disable-machine-cse=true", "-disable-machine-sink=true"),
    False: ("-fast-isel=false", "-enable-misched=true", "-disable-machine-licm=false",
            "-disable-machine-cse=false", "-disable-machine-sink=false"),
}
# PJ_LEAN_CODEGEN=0: LLVM's default code generator for object code too (a development
# switch: measures what the lean settings cost in machine-code speed)
_LEAN_OBJECT_CODEGEN = os.environ.get("PJ_LEAN_CODEGEN", "1") == "1"
_switches_lean = [None]   # the switches last set (None: LLVM's defaults, never set yet)


def _set_codegen_switches(level: int) -> None:
    """Set the code generator's switches for machine code at `level` (caller holds _lock)."""
    lean = level <= 1 and _LEAN_OBJECT_CODEGEN
    if _switches_lean[0] is lean or (_switches_lean[0] is None and not lean):
        return
    for switch in _CODEGEN_SWITCHES[lean]:
        llvm.set_option("protojit", switch)
    _switches_lean[0] = lean


def _check_externals(mod) -> None:
    for f in mod.functions:
        if f.is_declaration and not f.name.startswith("llvm."):
            if not llvm.address_of_symbol(f.name):
                raise Unsupported(f"external symbol {f.name} not found")


# Every function gets "no-jump-tables": a `switch` (LLVM makes one of an if/elif chain on an
# int) lowers to a table of absolute 32-bit addresses under the small code model, which
# RuntimeDyld cannot relocate to where the JIT maps code (an assertion kills the process).
_NO_JUMP_TABLES = re.compile(r'^(define [^\n]*)\n\{', re.M)


def _register_poll_limit(engine, name) -> None:
    """Hand the module's depth limit (lower.py poll_limit) to the C runtime, which cuts
    it when a signal arrives; a module whose limit it cannot take would never poll."""
    if name is None:
        return
    from protojit import native
    addr = engine.get_global_value_address(name)
    if not addr or native.lib().pj_signal_register_limit(ctypes.c_void_p(addr)) != 0:
        raise Unsupported("internal: the signal poll's limit could not be registered")


# PJ_PERF_MAP=1: name machine code for `perf report` (perf reads /tmp/perf-PID.map, one
# "start size name" line per symbol). MCJIT does not say how long a function is: each
# runs to the next function's start (the module's last gets 4 KB).
_PERF_MAP = os.environ.get("PJ_PERF_MAP") == "1"


def _write_perf_map(engine, mod) -> None:
    starts = sorted((engine.get_function_address(f.name), f.name)
                    for f in mod.functions if not f.is_declaration)
    starts = [(a, n) for a, n in starts if a]
    with open(f"/tmp/perf-{os.getpid()}.map", "a") as out:
        for (addr, name), nxt in zip(starts, starts[1:] + [(0, "")]):
            size = nxt[0] - addr if nxt[0] > addr else 4096
            out.write(f"{addr:x} {size:x} {name}\n")


# PJ_DUMP_LLVM=DIR: write each module's LLVM IR text (before optimising) to DIR/pjmodN.ll,
# for measuring IR size and compile time outside a run (a development switch).
_DUMP_DIR = os.environ.get("PJ_DUMP_LLVM")
_dumped = itertools.count()


def _dump(text: str, level: int) -> None:
    os.makedirs(_DUMP_DIR, exist_ok=True)
    path = os.path.join(_DUMP_DIR, f"m{os.getpid()}_{next(_dumped)}_L{level}.ll")
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


class Compiled:
    """Machine code for one unit: entry name -> address; timings for the trace."""

    def __init__(self, addresses: dict[str, int], llvm_ir: str, optimised_ir: str, times: dict,
                 cached: bool = False):
        self.cached = cached
        self.addresses = addresses
        self.llvm_ir = llvm_ir
        self.optimised_ir = optimised_ir
        self.times = times
        # object code made at level 0 (asked, or for its size: codegen_level): the
        # module optimised, as bitcode, for a level-1 compile of the same code once it
        # proves hot (recompile_bitcode; the caller decides), else None
        self.level0_bitcode = None
        self.lines = 0   # its LLVM instructions before optimising (compile_module's)


_in_compile = threading.local()     # .active: this thread is inside compile_module


def compile_module(module_ir, entries: list[str], keep_ir: bool = False,
                   use_cache: bool = False, level: int = 3, text: str | None = None) -> Compiled:
    """Verify, optimise and finalise `module_ir` (an llvmlite.ir.Module); with
    `use_cache`, machine code from an earlier run is reused (cache.py); `text`: its
    module_text, when the caller made it already."""
    if getattr(_in_compile, "active", False):
        # Guest code run inside a compile (a __del__ called by a collection) made a function
        # or loop hot: the engine and _lock are not re-entrant (waiting here deadlocked).
        from .errors import Unsupported
        raise Unsupported("a compile started while this thread was compiling (a finalizer "
                          "ran guest code inside the compiler)")
    _in_compile.active = True
    try:
        return _compile_module(module_ir, entries, keep_ir, use_cache, level, text)
    finally:
        _in_compile.active = False


def release(module_ir) -> None:
    """Break the reference cycles of a compiled `module_ir` (an llvmlite.ir.Module nothing
    reads any more): each instruction refers to its block, each block and argument to its
    function, each function to the module, and back through their lists. Freed by reference counts
    at once, its objects never reach the collector: collecting the garbage of 20 small
    object-code compiles took 42-65 ms of CPU, dropping it after this 9-15 ms and the
    collection then 3-5 ms; a compile on the background thread (where the collector stays
    on) no longer leaves that garbage in the oldest generation for a full collection."""
    for value in module_ir.globals.values():
        for block in getattr(value, "blocks", ()):
            block.instructions = []
            block.terminator = None
        value.__dict__.clear()   # (a function's blocks, arguments and return value)
    module_ir.__dict__.clear()


# Object code (level 1) whose module has more LLVM IR instructions than this (before
# optimising) gets level 0's machine code. Level 1's instruction selection, register
# coalescing and greedy allocation grow faster than the function (hexiom's 7800-line
# constraint_pass: 1.1 s at level 1, 0.08 s at level 0; a 1300-line method 0.09 s against
# 0.014 s), while a big function's time is mostly its calls of the C API. Small functions
# -- the hot methods, called most -- keep level 1 (richards at --tier jit: ~10% faster
# there than at level 0). At --tier auto such code is made again at level 1 once it proves
# hot (protojit/tiering.py _UpgradeJob). PJ_OBJECT_LEVEL1_MAX=N: another limit (a
# development switch: 0 sends every object-code module through that upgrade).
OBJECT_LEVEL1_MAX = int(os.environ.get("PJ_OBJECT_LEVEL1_MAX", "2000"))


def codegen_level(text: str, level: int) -> int:
    """The machine-code level for module text `text` asked at `level`."""
    if level == 1 and text.count("\n  ") > OBJECT_LEVEL1_MAX \
            and not getattr(_any_size, "active", False):
        return 0
    return level


_any_size = threading.local()   # .active: level 1 whatever the module's size (any_size_at_level1)


@contextlib.contextmanager
def any_size_at_level1():
    """On this thread, object code asked at level 1 gets level 1 whatever its size: code
    known hot whose compile nothing waits for (the compile worker's entry compile of a
    function a whole-function OSR spec serves meanwhile, protojit/tiering.py), where
    level 0 and then the upgrade cost more, and ran slower until the upgrade came."""
    _any_size.active = True
    try:
        yield
    finally:
        _any_size.active = False


# PJ_CHECK_IRTEXT=1: compare irtext's text of every module with llvmlite's own (str) and
# raise on a difference (a development switch: run the programs with it after changing
# irtext.py or the IR classes lowering uses)
_CHECK_IRTEXT = os.environ.get("PJ_CHECK_IRTEXT") == "1"


def _module_text(module_ir) -> str:
    text = irtext.module_text(module_ir)
    if _CHECK_IRTEXT and text != str(module_ir):
        import sys
        print(f"protojit: PJ_CHECK_IRTEXT: irtext differs for {module_ir.name}", file=sys.stderr)
        raise AssertionError(f"irtext differs from llvmlite's text for {module_ir.name}")
    return text


def module_text(module_ir) -> str:
    """The LLVM IR text of `module_ir` as it is compiled (every function "no-jump-tables")."""
    return _NO_JUMP_TABLES.sub(r'\1 "no-jump-tables"="true"\n{', _module_text(module_ir))


def _compile_module(module_ir, entries, keep_ir, use_cache, level, text=None) -> Compiled:
    t0 = time.perf_counter()
    if text is None:
        text = module_text(module_ir)
    asked, level = level, codegen_level(text, level)
    poll_limit = getattr(module_ir, "poll_limit", None)
    compiled = _compile_text(text, entries, keep_ir, use_cache, level, poll_limit, t0,
                             keep_bitcode=asked <= 1 and level == 0)
    compiled.lines = text.count("\n  ")   # (LLVM instructions, as codegen_level counts)
    return compiled


def recompile_bitcode(bitcode: bytes, entry: str, poll_limit: str | None) -> int:
    """Machine code at level 1 for a module made at level 0 before (its optimised bitcode,
    Compiled.level0_bitcode: levels 0 and 1 optimise alike, so only the code generator
    runs again; it took a tenth of pyperformance nbody's level-1 compile of `advance` to
    parse its text and optimise it again): the address of `entry` in the new code. Its
    symbols are the old module's, in level 1's engine, which has none of them (a module
    is recompiled once); `poll_limit` names its signal poll's limit (lower.py). The
    constants and caches the code points at are the old code's own (the spec keeps
    them), so old and new code may run side by side."""
    if getattr(_in_compile, "active", False):
        raise Unsupported("a compile started while this thread was compiling (a finalizer "
                          "ran guest code inside the compiler)")
    _in_compile.active = True
    try:
        return _compile_text(bitcode, [entry], False, False, 1, poll_limit,
                             time.perf_counter()).addresses[entry]
    finally:
        _in_compile.active = False


def recompile_bitcodes(units: list) -> list[int]:
    """recompile_bitcode for several modules, `units` of (bitcode, entry, poll_limit),
    linked into one module and made at level 1 at once: the address of each entry. One
    module's llvmlite calls instead of one set per unit: each call gives the GIL up and
    takes it back, which beside a program running object code (it lets the GIL go at
    its polls only) took ~5 ms a time, ~50-200 ms of wall time per upgrade of a small
    method for ~10 ms of CPU (pyperformance richards at --tier jit: 20 upgrades over
    three rounds). The units' symbols are their own (each module's prefix)."""
    if getattr(_in_compile, "active", False):
        raise Unsupported("a compile started while this thread was compiling (a finalizer "
                          "ran guest code inside the compiler)")
    _in_compile.active = True
    try:
        with _lock:
            engine = _engine_at(1)
            mods = [llvm.parse_bitcode(bitcode) for bitcode, _, _ in units]
            mod = mods[0]
            for other in mods[1:]:
                mod.link_in(other)   # (`other` is used up)
            mod.triple = llvm.get_process_triple()
            mod.data_layout = str(_tm.target_data)
            mod.verify()
            if hotpaths.link_into(mod):
                optimise(mod, 1)
            _check_externals(mod)
            mod.name = f"pjmod{next(_names)}"
            try:
                engine.add_module(mod)
                _set_codegen_switches(1)
                engine.finalize_object()
                addresses = [engine.get_function_address(entry) for _, entry, _ in units]
                if _PERF_MAP:
                    _write_perf_map(engine, mod)
                for _, _, name in units:
                    _register_poll_limit(engine, name)
            except Unsupported as e:
                e.in_engine = True   # (its symbols are taken: no unit can be compiled again)
                raise
    finally:
        _in_compile.active = False
    if not all(addresses):
        raise Unsupported("internal: an entry has no address after finalising")
    return addresses


def compile_text(text: str, entries: list[str], level: int, poll_limit: str | None) -> Compiled:
    """Machine code at `level` for a module's text (module_text) whose signal poll's limit
    is `poll_limit` (codegen/batch.py: a unit compiled alone)."""
    if getattr(_in_compile, "active", False):
        raise Unsupported("a compile started while this thread was compiling (a finalizer "
                          "ran guest code inside the compiler)")
    _in_compile.active = True
    try:
        return _compile_text(text, entries, False, False, level, poll_limit, time.perf_counter())
    finally:
        _in_compile.active = False


def compile_linked(texts: list[str], entries: list[str], poll_limits: list) -> tuple[dict, dict]:
    """Object code (level 1) for several modules' texts linked into one module
    (codegen/batch.py): the address of each of `entries`, and the stage times. Functions
    the texts share are linkonce_odr (batch._share_functions): internal once linked."""
    if getattr(_in_compile, "active", False):
        raise Unsupported("a compile started while this thread was compiling (a finalizer "
                          "ran guest code inside the compiler)")
    _in_compile.active = True
    try:
        t0 = time.perf_counter()
        with _lock:
            engine = _engine_at(1)
            mods = [llvm.parse_assembly(text) for text in texts]
            mod = mods[0]
            for other in mods[1:]:
                mod.link_in(other)   # (`other` is used up)
            hotpaths.link_into(mod)
            for f in mod.functions:
                if f.linkage == llvm.Linkage.linkonce_odr:
                    f.linkage = llvm.Linkage.internal
            mod.triple = llvm.get_process_triple()
            mod.data_layout = str(_tm.target_data)
            mod.verify()
            t1 = time.perf_counter()
            optimise(mod, 1)
            t2 = time.perf_counter()
            _check_externals(mod)
            mod.name = f"pjmod{next(_names)}"
            engine.add_module(mod)
            try:
                _set_codegen_switches(1)
                engine.finalize_object()
                addresses = {n: engine.get_function_address(n) for n in entries}
                if _PERF_MAP:
                    _write_perf_map(engine, mod)
                for name in poll_limits:
                    _register_poll_limit(engine, name)
            except Unsupported as e:
                e.in_engine = True   # (its symbols are taken: no unit can be compiled again)
                raise
            t3 = time.perf_counter()
    finally:
        _in_compile.active = False
    if not all(addresses.values()):
        raise Unsupported("internal: an entry has no address after finalising")
    return addresses, {"parse_verify": t1 - t0, "optimise": t2 - t1, "codegen": t3 - t2}


def _compile_text(text, entries, keep_ir, use_cache, level, poll_limit, t0,
                  keep_bitcode: bool = False) -> Compiled:
    """`text`: a module's text, or (bytes) a module optimised already, as bitcode;
    `keep_bitcode`: the optimised module's bitcode goes on the result (level0_bitcode)."""
    optimised = isinstance(text, bytes)
    if _DUMP_DIR and not optimised:
        _dump(text, level)
    with _lock:
        engine = _engine_at(level)
        use_cache = use_cache and level == 3
        key = cache.key_for(text, target_id()) if use_cache else None
        obj = cache.load(key) if key else None
        mod = llvm.parse_bitcode(text) if optimised else llvm.parse_assembly(text)
        mod.triple = llvm.get_process_triple()
        mod.data_layout = str(_tm.target_data)
        mod.verify()
        # (level 0's optimised bitcode optimised again only when hot paths came in)
        linked = level == 1 and hotpaths.link_into(mod)
        t1 = time.perf_counter()
        if obj is None and (linked or not optimised):
            optimise(mod, level)
        opt_text = str(mod) if keep_ir else ""
        bitcode = mod.as_bitcode() if keep_bitcode else None
        t2 = time.perf_counter()
        _check_externals(mod)
        name = f"pjmod{next(_names)}"
        mod.name = name
        _pending[name] = (key, obj)
        try:
            engine.add_module(mod)
            _set_codegen_switches(level)
            engine.finalize_object()
        finally:
            _pending.pop(name, None)
        addresses = {n: engine.get_function_address(n) for n in entries}
        if _PERF_MAP:
            _write_perf_map(engine, mod)
        _register_poll_limit(engine, poll_limit)
        t3 = time.perf_counter()
    if not all(addresses.values()):
        raise Unsupported("internal: an entry has no address after finalising")
    compiled = Compiled(addresses, text if keep_ir else "", opt_text,
                        {"parse_verify": t1 - t0, "optimise": t2 - t1, "codegen": t3 - t2},
                        cached=obj is not None)
    compiled.level0_bitcode = bitcode
    return compiled
