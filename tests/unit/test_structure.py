"""The engine's structure: the frame layout that the hot call paths write out by hand."""
import weakref

from protojit.frames import (F_BACK, F_BUILTINS, F_CODE, F_DEPTH, F_FUNCTION, F_GLOBALS, F_LINENO,
                             F_LOCALS_DICT, F_RETVAL, F_VIEW, HEADER)
from protojit.runtime.function import record_of

FRAMES_SRC = """
import sys

def one(a):
    return sys._getframe()

def two(a, b):
    return sys._getframe()

def three(a, b, c):
    return sys._getframe()

def defaults(a, b=2):
    return sys._getframe()

def cell(a):
    def inner():
        return a
    return sys._getframe()
"""


def test_every_invoke_builds_the_frame_layout(guest):
    """runtime/function.py builds frames as list displays (one per argument-count entry);
    each must put every header item where protojit/frames.py says it is."""
    g = guest(FRAMES_SRC)
    for name, args in (("one", (1,)), ("two", (1, 2)), ("three", (1, 2, 3)),
                       ("defaults", (1,)), ("cell", (1,))):
        fn = record_of(g[name])    # the guest function's record (runtime/function.py)
        view = fn(*args)
        f = view.frame
        assert f[F_CODE] is fn.code, name
        assert f[F_GLOBALS] is g, name
        assert f[F_BUILTINS] is fn.builtins, name
        assert f[F_LOCALS_DICT] is None, name
        assert f[F_BACK] is None or type(f[F_BACK]) is list, name
        assert "sys._getframe()" in FRAMES_SRC.splitlines()[f[F_LINENO] - 1], name
        assert f[F_FUNCTION] is fn, name
        assert f[F_RETVAL] in (None, view), name       # the return statement stores its value
        # (the view, held weakly from the return on while something else holds the view:
        # _pjentry.release_locals)
        assert f[F_VIEW] is view or (type(f[F_VIEW]) is weakref.ref and f[F_VIEW]() is view), name
        back = f[F_BACK]
        assert f[F_DEPTH] == (1 if back is None else back[F_DEPTH] + 1), name
        params = f[HEADER:HEADER + len(args)]
        if name == "cell":
            params = [c.cell_contents for c in params]
        assert list(params) == list(args), name


# ---- the import graph of the engine ---------------------------------------------------------
#
# DESIGN.md's arrows, per module: a module may import modules of its own layer or of a
# layer below it (later in this list), never above. Imports inside functions count.
# Within a layer the imports must not form a cycle either.
import ast
import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

LAYERS = [
    ("cli", ["cli", "__main__"]),
    # the driver: runs programs, modules, the REPL; the only part that calls the compiler
    ("driver", ["runtime.runner", "runtime.repl", "runtime.environment", "runtime.importer"]),
    # tier 0: GuestCode -> closures
    ("interp", ["interp."]),
    # tier-up policy, tier 0's hooks for hot loops, and the per-tier profile
    ("tiering", ["tiering", "loophooks", "trace.profile"]),
    # tier 2
    ("codegen", ["codegen."]),
    # what guest code runs against, at every tier: functions, builtins, generators,
    # tracebacks, the debugger
    ("runtime", ["runtime."]),
    # the shared base: code objects, the frame layout, the event log, the C runtime and the
    # host-speed primitives of lib/ modules (threadprims, ctypesprims, ffi: foreign call stubs,
    # callbacks and ctypes call plans)
    ("base", ["frontend.", "frames", "trace.", "native", "sigchain", "threadprims", "ctypesprims",
              "ffi", "hostmods"]),
]

# Deliberate imports against the arrows: (importer, imported) -> why. None today; an entry
# needs its reason here and in DESIGN.md.
BACK_EDGES: dict = {}


def _module_files():
    out = {}
    for top in ("protojit", "codegen"):
        for d, _, files in os.walk(os.path.join(REPO, top)):
            for f in files:
                if f.endswith(".py"):
                    path = os.path.join(d, f)
                    rel = os.path.relpath(path, REPO)[:-3].replace(os.sep, ".")
                    rel = rel.replace("protojit.", "", 1) if rel.startswith("protojit.") else rel
                    if rel.endswith("__init__"):
                        rel = rel[:-len("__init__")].rstrip(".") or "protojit"
                    out[rel] = path
    return out


def _absolute(name):
    """An imported dotted name as a key of _module_files (protojit.x.y -> x.y)."""
    for prefix in ("protojit.codegen", "protojit"):
        if name == prefix:
            return "codegen" if prefix == "protojit.codegen" else "protojit"
        if name.startswith(prefix + "."):
            rest = name[len(prefix) + 1:]
            return "codegen." + rest if prefix == "protojit.codegen" else rest
    return None


def _resolve(name, modules):
    """The engine module a dotted name is in (None if outside the engine)."""
    key = _absolute(name)
    while key is not None and key not in modules:
        key = key.rpartition(".")[0] or None
    return key


def _imports(mod, path, modules):
    """The engine modules `mod` imports, anywhere in its source (in functions too)."""
    tree = ast.parse(open(path).read(), path)
    package = "protojit." + mod if path.endswith("__init__.py") else "protojit." + mod.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(_resolve(a.name, modules) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for a in node.names:      # `from pkg import mod` imports mod; `from mod import x`, mod
                found.add(_resolve(f"{base}.{a.name}", modules))
    return found - {None, mod}


def _layer_of(mod):
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if mod == p or (p.endswith(".") and mod.startswith(p)):
                return i
    return None


def _graph():
    modules = _module_files()
    packages = {m for m, p in modules.items() if p.endswith("__init__.py")}
    graph = {m: _imports(m, p, modules) - packages for m, p in modules.items()}
    return modules, packages, graph


def test_package_inits_import_nothing_of_the_engine():
    """Edges to a package are ignored below: that holds only while its __init__ is empty."""
    modules, packages, graph = _graph()
    assert {p: sorted(graph[p]) for p in packages if graph[p]} == {}


def test_every_module_has_a_layer():
    modules, packages, _ = _graph()
    assert sorted(m for m in modules if m not in packages and _layer_of(m) is None) == []


def test_imports_follow_the_layers():
    """No import from a lower layer to a higher one except the declared back-edges."""
    _, _, graph = _graph()
    wrong = sorted(f"{m} -> {t} ({LAYERS[_layer_of(m)][0]} imports {LAYERS[_layer_of(t)][0]})"
                   for m, targets in graph.items() for t in targets
                   if _layer_of(m) is not None and _layer_of(t) is not None
                   and _layer_of(t) < _layer_of(m) and (m, t) not in BACK_EDGES)
    assert wrong == []


def test_declared_back_edges_exist():
    """A back-edge that is gone must leave the list (the list is what DESIGN.md explains)."""
    _, _, graph = _graph()
    assert sorted(e for e in BACK_EDGES if e[1] not in graph.get(e[0], ())) == []


def test_no_import_cycles():
    """Without the declared back-edges the import graph is acyclic (within layers too)."""
    _, _, graph = _graph()
    graph = {m: {t for t in ts if (m, t) not in BACK_EDGES} for m, ts in graph.items()}
    state, cycles = {}, []

    def visit(m, path):
        state[m] = "open"
        for t in sorted(graph.get(m, ())):
            if state.get(t) == "open":
                cycles.append(" -> ".join(path[path.index(t):] + [t]))
            elif t not in state:
                visit(t, path + [t])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_guest_library_imports_only_runtime_and_base():
    """lib/ is guest code run against the runtime (DESIGN: lib -> runtime/native): it may
    import the runtime and base layers, never the compiler, tiering, tier 0 or the driver.
    Imports inside functions count."""
    modules, packages, _ = _graph()
    lowest = [name for name, _ in LAYERS].index("runtime")
    wrong = []
    for d, _, files in os.walk(os.path.join(REPO, "lib")):
        for f in files:
            if f.endswith(".py"):
                path = os.path.join(d, f)
                mod = os.path.relpath(path, REPO)[:-3].replace(os.sep, ".")
                for t in sorted(_imports(mod, path, modules) - packages):
                    if _layer_of(t) is None or _layer_of(t) < lowest:
                        wrong.append(f"{mod} -> {t}")
    assert wrong == []
