"""Whole-function OSR's continuation (codegen/osr.py): the statements that are the rest
of a call from a top loop's header, and which loops have one."""
import ast

from protojit.codegen import osr

SRC = '''
def f(n):
    a = 0
    while a < n:
        for b in range(3):
            a += b
    if n > 2:
        for c in range(n):
            a += c
        a -= 1
    else:
        a = 0
    try:
        for d in range(2):
            a += d
    except ValueError:
        pass
    return a
'''


def loops():
    fn = ast.parse(SRC).body[0]
    return fn, {n.lineno: n for n in ast.walk(fn) if isinstance(n, (ast.For, ast.While))}


def test_top_loop_continues_to_the_end_of_the_function():
    fn, by_line = loops()
    rest = osr.continuation(fn, by_line[4])
    assert [type(s).__name__ for s in rest] == ["While", "If", "Try", "Return"]
    assert rest[0] is by_line[4]


def test_loop_inside_an_if_continues_with_its_branch_then_the_parent():
    fn, by_line = loops()
    rest = osr.continuation(fn, by_line[8])
    assert [type(s).__name__ for s in rest] == ["For", "AugAssign", "Try", "Return"]


def test_nested_loops_have_no_continuation():
    fn, by_line = loops()
    assert osr.continuation(fn, by_line[5]) is None     # inside the while


def test_loop_inside_a_try_continues_inside_a_copy_of_the_try():
    fn, by_line = loops()
    rest = osr.continuation(fn, by_line[14])
    assert [type(s).__name__ for s in rest] == ["Try", "Return"]
    try_ = next(s for s in fn.body if isinstance(s, ast.Try))
    assert rest[0] is not try_ and rest[0].body == [by_line[14]]
    assert rest[0].handlers is try_.handlers
    # the statement of the function body that tier 0 runs the loop in: the try itself
    assert osr.continuation(fn, by_line[14], through_try=False) is None
    assert osr.continuation(fn, try_, through_try=False)[0] is try_


def test_whole_function_ast_resumes_a_loop_inside_a_try():
    class Code:
        name = "f"
    fn, by_line = loops()
    Code.node = fn
    fdef = osr.whole_function(Code, by_line[14], ["a"], "range")
    first = fdef.body[0]
    assert isinstance(first, ast.Try) and len(first.body) == 1
    assert ast.unparse(first.body[0].iter) == "range($it0, $it1, $it2)"
    assert ast.unparse(fdef.body[1]) == "return a"


def test_whole_function_ast_resumes_a_range_loop_from_its_rest():
    class Code:
        name = "f"
    fn, by_line = loops()
    Code.node = fn
    fdef = osr.whole_function(Code, by_line[8], ["a", "n"], "range")
    assert [a.arg for a in fdef.args.args] == ["a", "n", "$it0", "$it1", "$it2"]
    first = fdef.body[0]
    assert isinstance(first, ast.For) and ast.unparse(first.iter) == "range($it0, $it1, $it2)"
    assert first.body is by_line[8].body


RESUME_SRC = '''
def grow(n):
    acc = 1
    steps = 0
    for i in range(n):
        acc = acc * 2 + 1      # passes 2**63 at i == 62
        steps += 1
    return acc % 1000003, steps

print(grow(100))
'''


def test_a_late_deopt_hands_back_the_state_of_the_last_header(tmp_path):
    """Frame-state handback: the overflow at i == 62 deopts whole-function OSR entered at
    i == 10; tier 0 resumes 52 items into the range the native code was given, with the
    locals of that header, instead of redoing those 52 iterations."""
    import json
    import subprocess
    import sys
    prog = tmp_path / "grow.py"
    prog.write_text(RESUME_SRC)
    trace = tmp_path / "t.jsonl"
    out = subprocess.run([sys.executable, "-m", "protojit", "--tier", "auto", "--jit-threshold", "10",
                          "--no-object-code", f"--trace={trace}", str(prog)],
                         capture_output=True, text=True, timeout=60)
    want = subprocess.run([sys.executable, str(prog)], capture_output=True, text=True, timeout=60)
    assert out.stdout == want.stdout
    deopts = [e for e in map(json.loads, trace.read_text().splitlines()) if e["event"] == "deopt"]
    assert [(e["region"], e["resumed"]) for e in deopts] == [("function from the loop at line 5", 52)]


THREADS_SRC = '''
def grow(n, start):
    acc = start
    for i in range(n):
        acc = acc * 2 + 1      # passes 2**63 near i == 62 (later for a smaller start)
    return acc
'''


def _grow(n, start):
    acc = start
    for _ in range(n):
        acc = acc * 2 + 1
    return acc


def _jit_guest(src: str) -> dict:
    """`src` run as a guest module at --tier jit (the caller holds tier_as("jit")); its globals."""
    import os
    import tempfile

    from protojit.runtime.environment import PythonEnvironment
    with tempfile.TemporaryDirectory(prefix="pj_guest_") as d:
        path = os.path.join(d, "m.py")
        with open(path, "w") as fh:
            fh.write(src)
        env = PythonEnvironment(argv=[path], script_dir=d, tier="jit")
        main = env.new_main_module(path)
        env.run_source(src, path, main.__dict__)
    return main.__dict__


def test_threads_deopting_one_spec_at_once_each_resume_from_their_own_state(monkeypatch):
    """Several threads run grow() through the same whole-function OSR spec and deopt on
    int64 overflow at once: each failure waits at a barrier (after the machine code
    returned, before its caller reads what the deopt handed back) until all of them
    have failed, the interleaving that once under load made one of thr_fib.py's threads
    resume from another thread's locals and range position. Each result must be exact."""
    import threading

    from protojit import tiering
    from protojit.codegen import compiler

    starts = (0, 1, 5, 1000)
    barrier = threading.Barrier(len(starts), timeout=20)
    failure = compiler.NativeSpec.failure

    def failure_all_at_once(self, status, err, osr_frame=None):
        r = failure(self, status, err, osr_frame)
        if osr_frame is not None:       # (a whole-function OSR's deopt)
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass
        return r
    monkeypatch.setattr(compiler.NativeSpec, "failure", failure_all_at_once)
    with tiering.tier_as("jit"):
        grow = _jit_guest(THREADS_SRC)["grow"]
        got = {}
        ts = [threading.Thread(target=lambda s=s: got.setdefault(s, grow(100, s)))
              for s in starts]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    assert not barrier.broken           # (every thread went through the OSR deopt)
    assert got == {s: _grow(100, s) for s in starts}


def test_a_numeric_spec_run_by_the_object_code_try_resumes_where_it_deopted():
    """_hot tries numeric whole-function OSR, then a region, then object code; the last
    try runs any spec of the loop, numeric ones included: one that another thread
    installed after this thread's numeric try (here: numeric tries switched off once the
    spec exists) deopts after some headers and hands back a position, which tier 0 must
    resume from. It was dropped: tier 0 redid those items from the handed-back locals
    (thr_fib.py at jit: 3 ** 80 for power(3, 49) now and then)."""
    from protojit import loophooks, tiering
    from protojit.runtime.function import record_of

    with tiering.tier_as("jit"):
        grow = _jit_guest(THREADS_SRC)["grow"]
        assert grow(100, 0) == _grow(100, 0)
        code = record_of(grow).code
        ws, = [w for w in list(loophooks._WHOLE.values()) if w.code is code]
        assert [type(s).__name__ for _, s in ws.specs] == ["NativeSpec"]
        ws.numeric = False
        assert grow(100, 1) == _grow(100, 1)
