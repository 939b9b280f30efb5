"""globals(), locals(), vars(), dir() and input() read protojit's own frames and streams.

Each snippet runs twice in-process: under the host CPython (exec) and under protojit's
tier 0 (PythonEnvironment.run_source); both append what they see to a list `out`,
and the lists must be equal. input() on a terminal (readline editing) runs under a pty.
"""
import io
import sys
import textwrap

import pytest

from _pty_session import PtySession

PJ = [sys.executable, "-m", "protojit"]

SNIPPETS = {
    "module_scope": '''
        out.append(globals() is locals())
        out.append(vars() is globals())
        globals()["via_globals"] = 1
        out.append(via_globals)
        out.append([n for n in dir() if not n.startswith("__")])
        ''',
    "function_order_and_cells": '''
        def f(a, b, *args, k=1, **kw):
            z = 1
            y = 2
            def inner():
                return a, y
            x = 3
            out.append(list(locals()))
            del x
            out.append(list(locals()))
            out.append(dir())
        f(1, 2, 3, k=4, m=5)
        ''',
    "one_dict_per_frame": '''
        def g():
            first = locals()
            later = 1
            out.append(dict(first))
            first["extra"] = "kept"
            second = locals()
            out.append((second is first, sorted(second)))
            del later
            out.append(sorted(locals()))
            return first
        a, b = g(), g()
        out.append(a is b)
        ''',
    "free_and_unbound_cells": '''
        def outer():
            v = 1
            def inner():
                q = 0
                out.append(locals())
                return v + w
            out.append(sorted(locals()))
            w = 2
            return inner
        outer()()
        ''',
    "class_body": '''
        class C:
            y = 2
            out.append(sorted(locals()))
            out.append(vars() is locals())
            locals()["added"] = 3
            def m(self):
                out.append(sorted(locals()))
                return __class__
        C().m()
        out.append(C.added)
        ''',
    "comprehension_and_lambda": '''
        out.append([sorted(locals()) for _ in range(1)])
        out.append((lambda p, q=2: locals())(1))
        ''',
    "generator_frames": '''
        def gen():
            i = 0
            yield dict(locals())
            i = 1
            yield locals()
        out.append(list(gen()))
        ''',
    "vars_of_objects": '''
        class Slotted:
            __slots__ = ("a",)
        class Plain:
            pass
        p = Plain()
        vars(p)["x"] = 1
        out.append(p.x)
        for bad in (1, Slotted(), "s"):
            try:
                vars(bad)
            except TypeError as e:
                out.append(str(e))
        try:
            vars(1, 2)
        except TypeError as e:
            out.append(str(e))
        out.append(sorted(vars(Plain))[:2])
        ''',
    "frame_f_locals_is_locals": '''
        import sys
        def f(a):
            b = 1
            frame = sys._getframe()
            out.append((frame.f_locals is locals(), sorted(frame.f_locals)))
            def g():
                return sys._getframe(1).f_locals
            out.append((sorted(g()), g() is locals()))
        f(1)
        out.append(sys._getframe().f_locals is globals())
        ''',
    "eval_exec_see_the_frame": '''
        def h(n):
            m = n * 2
            out.append(eval("n + m"))
            out.append(eval("dir()"))
            ns = {}
            exec("r = n", {"n": 5}, ns)
            out.append(ns)
        h(3)
        ''',
}


def run_cpython(source):
    out = []
    exec(compile(source, "<snippet>", "exec"), {"out": out, "__name__": "snippet"})
    return out


def run_protojit(source):
    from protojit.runtime.environment import PythonEnvironment
    env = PythonEnvironment(argv=[""], script_dir=None, tier="interp")
    out = []
    host_main = sys.modules["__main__"]
    try:
        main = env.new_main_module(None)
        main.__dict__.update(out=out, __name__="snippet")
        env.run_source(source, "<snippet>", main.__dict__)
    finally:
        sys.modules["__main__"] = host_main
    return out


def _strip_functions(values):
    """Function objects differ between the engines; compare their names instead."""
    def fix(v):
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return type(v)(fix(x) for x in v)
        if callable(v) and hasattr(v, "__qualname__") and not isinstance(v, type):
            return f"<function {v.__qualname__}>"
        return v
    return fix(values)


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_reflection_matches_cpython(name):
    source = textwrap.dedent(SNIPPETS[name])
    assert _strip_functions(run_protojit(source)) == _strip_functions(run_cpython(source))


def test_frame_locals_is_the_shared_dict():
    from protojit.runtime.builtins import frame_locals
    from protojit.runtime.environment import PythonEnvironment
    env = PythonEnvironment(argv=[""], script_dir=None, tier="interp")
    host_main = sys.modules["__main__"]
    frames = []
    try:
        main = env.new_main_module(None)
        main.__dict__["grab"] = frames.append
        env.run_source("import sys\ndef f(a):\n    b = a + 1\n    grab(sys._getframe())\nf(1)\n",
                       "<frames>", main.__dict__)
    finally:
        sys.modules["__main__"] = host_main
    frame, = frames
    d = frame_locals(frame)
    assert d == {"a": 1, "b": 2}
    assert frame_locals(frame) is d
    assert frame_locals(main_frame := frame.f_back) is main_frame.f_globals


# ---- input() -----------------------------------------------------------------------------------


def _guest_builtins():
    from protojit.runtime.environment import PythonEnvironment
    return PythonEnvironment(argv=[""], script_dir=None, tier="interp")


def test_input_reads_the_guest_streams(monkeypatch):
    env = _guest_builtins()
    fake_in, fake_out = io.StringIO("first\nsecond"), io.StringIO()
    monkeypatch.setattr(sys, "stdin", fake_in)
    monkeypatch.setattr(sys, "stdout", fake_out)
    pj_input = env.builtins["input"]
    assert pj_input("ask: ") == "first"
    assert pj_input(3) == "second"
    with pytest.raises(EOFError) as info:
        pj_input("again: ")
    assert str(info.value) == "EOF when reading a line"
    assert fake_out.getvalue() == "ask: 3again: "
    with pytest.raises(TypeError, match="input expected at most 1 argument, got 2"):
        pj_input("a", "b")
    with pytest.raises(TypeError, match="input\\(\\) takes no keyword arguments"):
        pj_input(prompt="x")


def test_input_lost_streams(monkeypatch):
    env = _guest_builtins()
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(RuntimeError, match="lost sys.stdin"):
        env.builtins["input"]()


def test_input_on_a_terminal_uses_readline_editing(tmp_path):
    # input() on a terminal edits the line: a CPython script gets that only after
    # `import readline`, protojit's input() loads readline itself.
    pytest.importorskip("readline")
    script = tmp_path / "ask.py"
    script.write_text("answer = input('name? ')\nprint('got', repr(answer))\n"
                      "try:\n    input('more? ')\nexcept EOFError as e:\n    print('eof:', repr(str(e)))\n")
    with PtySession(PJ + [str(script)], env=None) as s:
        end = s.expect(b"name? ")
        # Ctrl-A moves to the start of the line only with readline's editing.
        s.send(b"bc\x01a\r")
        end = s.expect(b"got 'abc'", start=end)
        end = s.expect(b"more? ", start=end)
        s.send(b"\x04")                                  # Ctrl-D: end of input
        s.expect(b"eof: ''", start=end)      # CPython's terminal input() gives no message
        assert s.wait() == 0
