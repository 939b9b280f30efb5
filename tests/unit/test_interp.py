"""Tier 0 unit tests: the closure compiler, frames, reflection and unsupported constructs."""
import types

import pytest

from protojit.interp.compiler import Unsupported
from protojit.runtime.environment import PythonEnvironment
from protojit.runtime.function import Function, record_of


@pytest.fixture
def env():
    return PythonEnvironment(argv=["t"], script_dir=None, tier="interp")


def run(env, source):
    ns = {"__name__": "__main__"}
    env.run_source(source, "<test>", ns)
    return ns


def test_guest_functions_are_host_callables(env):
    ns = run(env, "def add(a, b=2):\n    return a + b\n")
    add = ns["add"]
    assert type(add) is types.FunctionType and isinstance(record_of(add), Function)
    assert add(1) == 3 and add(1, b=5) == 6
    assert sorted([3, 1, 2], key=run(env, "def neg(x):\n    return -x\n")["neg"]) == [3, 2, 1]


def test_guest_methods_bind_like_host_functions(env):
    ns = run(env, "class C:\n    def __init__(self, v):\n        self.v = v\n"
                  "    def get(self):\n        return self.v\n")
    obj = ns["C"](7)
    assert obj.get() == 7 and ns["C"].get(obj) == 7


def test_locals_is_a_snapshot_and_globals_is_the_module_dict(env):
    ns = run(env, "def f(a):\n    b = a * 2\n    d = locals()\n    d['b'] = 0\n    return d, b\n"
                  "r = f(3)\ng = globals()\n")
    d, b = ns["r"]
    assert d == {"a": 3, "b": 0} and b == 6
    assert ns["g"] is ns


def test_frames_link_and_report_lines(env):
    ns = run(env, "import sys\ndef inner():\n    return sys._getframe(0), sys._getframe(1)\n"
                  "def outer():\n    return inner()\nfs = outer()\n")
    me, caller = ns["fs"]
    assert me.f_code.co_name == "inner" and caller.f_code.co_name == "outer"
    assert me.guest_code.name == "inner" and me.f_code is ns["inner"].__code__
    assert caller.f_lineno == 5


def test_except_star_splits_groups(env):
    ns = run(env, "seen = []\n"
                  "try:\n"
                  "    try:\n"
                  "        raise ExceptionGroup('g', [ValueError(1), KeyError(2)])\n"
                  "    except* ValueError as e:\n"
                  "        seen.append(e.exceptions)\n"
                  "except ExceptionGroup as rest:\n"
                  "    left = rest.exceptions\n")
    assert [tuple(map(repr, t)) for t in ns["seen"]] == [("ValueError(1)",)]
    assert [repr(x) for x in ns["left"]] == ["KeyError(2)"]


@pytest.mark.parametrize("source, feature, line", [
    ("x = 1\ndef g():\n    class C((yield)):\n        pass\n",
     "'yield'/'await' inside a ClassDef statement", 3),
    ("def g():\n    d = {}\n    del d[(yield)]\n", "'yield' in this position", 3),
    ("def g():\n    d = {}\n    d[(yield)] = 1\n", "'yield' in this position", 3),
    ("async def g(x):\n    del (await x)[0]\n", "'await' in this position", 2),
])
def test_unsupported_constructs_are_refused_with_file_and_line(env, source, feature, line):
    """Never a wrong result: the whole module is refused before anything runs."""
    ns = {"__name__": "__main__"}
    with pytest.raises(NotImplementedError) as info:
        env.run_source("print_me = 1\n" + source, "guest.py", ns)
    assert isinstance(info.value, Unsupported)
    assert f"protojit does not support {feature} (guest.py:{line + 1})" == str(info.value)
    assert "print_me" not in ns


@pytest.mark.parametrize("field, value", [("co_linetable", b"\xf8" * 8), ("co_firstlineno", 100)])
def test_a_code_object_with_replaced_lines_is_refused(env, field, value):
    """CPython shows the lines a replaced co_linetable/co_firstlineno gives (None, shifted);
    protojit's come from the source: it says so rather than show other lines. The other
    fields of a code.replace (types.coroutine's co_flags) run as before."""
    ns = run(env, "def f():\n    return 1 // 0\ndef g(x):\n    return x + 1\n")
    f, g = ns["f"], ns["g"]
    original = f.__code__
    g.__code__ = g.__code__.replace(co_consts=g.__code__.co_consts)
    assert g(1) == 2
    replaced = original.replace(**{field: value})
    message = (f"protojit does not support running a guest function's code object whose "
               f"{field} was replaced (f, <test>:1)")
    with pytest.raises(NotImplementedError, match=message.replace("(", r"\(").replace(")", r"\)")):
        f.__code__ = replaced
    assert f.__code__ is original
    with pytest.raises(ZeroDivisionError):
        f()
    guest_exec = vars(ns["__builtins__"])["exec"]
    for run_it in (lambda: types.FunctionType(replaced, ns)(), lambda: guest_exec(replaced, ns)):
        with pytest.raises(NotImplementedError):
            run_it()


def test_guest_traceback_names_guest_lines(env):
    from protojit.runtime.tracebacks import format_exception
    with pytest.raises(ZeroDivisionError) as info:
        run(env, "def f():\n    return 1 // 0\nf()\n")
    text = format_exception(info.value)
    assert 'File "<test>", line 3, in <module>' in text
    assert 'File "<test>", line 2, in f' in text
    assert "protojit" not in text


def test_generator_protocol(env):
    ns = run(env, "def g():\n    x = yield 1\n    yield x * 2\n")
    gen = ns["g"]()
    assert next(gen) == 1 and gen.send(5) == 10
    with pytest.raises(StopIteration):
        next(gen)


def test_recursion_limit_is_the_guests(env):
    ns = run(env, "import sys\nold = sys.getrecursionlimit()\nsys.setrecursionlimit(2000)\n"
                  "new = sys.getrecursionlimit()\nsys.setrecursionlimit(old)\n")
    assert (ns["old"], ns["new"]) == (1000, 2000)

