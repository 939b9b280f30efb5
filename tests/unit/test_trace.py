"""--trace events, the rich trace viewer (`protojit trace FILE`), and --stats (protojit/trace/)."""
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap

import pytest

PROGRAM = textwrap.dedent("""\
    import threading

    def scale(x, k):
        return x * k if k else scale(x, 1)   # (a guest call: auto gives it a native entry)

    def work():
        return sum(range(10))

    t = 0
    for i in list(range(300)):   # (a list: the loop stays in tier 0, every call is counted)
        t = scale(i, 3)
    print(t)
    print(scale(2 ** 40, 2 ** 30))   # int64 overflow in native code: one deopt, exact result
    th = threading.Thread(target=work, name="worker")
    th.start()
    th.join()
    print(scale(5, 6))
    """)


def _protojit(*args, cwd):
    return subprocess.run([sys.executable, "-m", "protojit", *args], capture_output=True, text=True,
                          timeout=50, cwd=cwd)


@pytest.fixture(scope="module")
def run():
    """The known program run once with --trace=FILE --stats (auto tier, threshold 100)."""
    with tempfile.TemporaryDirectory(prefix="pj_trace_") as d:
        prog = os.path.join(d, "known.py")
        with open(prog, "w") as fh:
            fh.write(PROGRAM)
        trace = os.path.join(d, "run.jsonl")
        proc = _protojit("--jit-threshold", "100", "--no-jit-cache", f"--trace={trace}", "--stats",
                         prog, cwd=d)
        host = subprocess.run([sys.executable, prog], capture_output=True, text=True, timeout=50)
        with open(trace) as fh:
            events = [json.loads(line) for line in fh]
        yield {"dir": d, "prog": prog, "trace": trace, "proc": proc, "host": host, "events": events}


def test_trace_has_hot_compile_and_exactly_one_deopt(run):
    proc, events = run["proc"], run["events"]
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == run["host"].stdout == "897\n1180591620717411303424\n30\n"
    kinds = [(e["event"], e.get("function")) for e in events]
    assert ("call", "scale") in kinds
    hot = [e for e in events if e["event"] == "hot" and e["function"] == "scale"]
    assert hot and hot[0]["calls"] == 100 and hot[0]["types"] == ["int", "int"]
    compiles = [e for e in events if e["event"] == "compile" and e["function"] == "scale"]
    assert len(compiles) == 1 and compiles[0]["types"] == ["int", "int"] and compiles[0]["ms"] > 0
    assert "smul.with.overflow" in compiles[0]["llvm_ir"] and "def scale" in compiles[0]["typed_ir"]
    deopts = [e for e in events if e["event"] == "deopt"]
    assert len(deopts) == 1
    assert deopts[0]["function"] == "scale" and "overflow" in deopts[0]["guard"] and deopts[0]["line"] == 4
    assert kinds.index(("hot", "scale")) < kinds.index(("compile", "scale")) < kinds.index(("deopt", "scale"))
    threads = [e for e in events if e["event"] == "thread"]
    assert len(threads) == 1 and threads[0]["name"] == "worker" and threads[0]["target"] == "work"
    prof = {e["function"]: e for e in events if e["event"] == "profile"}
    assert prof["scale"]["calls"] + prof["scale"]["native_calls"] == 302
    assert prof["scale"]["native_calls"] >= 190 and prof["work"]["calls"] == 1
    assert [e["event"] for e in events].count("run") == 1


def _stats(stderr: str) -> dict:
    out = {}
    for line in stderr[stderr.index("protojit --stats"):].splitlines()[1:]:
        m = re.match(r"\s+([a-z0-9 ()]+?)\s{2,}([0-9.]+)", line)
        if m:
            out[m.group(1)] = float(m.group(2))
    return out


def test_stats_numbers_add_up(run):
    stats = _stats(run["proc"].stderr)
    events = run["events"]
    parts = stats["native code"] + stats["tier 0 (interpreter)"] + stats["compiling"] \
        + stats["outside guest functions"]
    assert abs(parts - stats["wall"]) < 1e-5, stats
    assert stats["time compiling"] == stats["compiling"] > 0
    compiled = {e["function"] for e in events if e["event"] == "compile" and "region" not in e}
    assert stats["functions compiled"] == len(compiled) >= 1
    assert stats["deopts"] == 1
    run_ev = next(e for e in events if e["event"] == "run")
    assert stats["wall"] == pytest.approx(run_ev["wall_s"], abs=1e-6)
    prof = [e for e in events if e["event"] == "profile"]
    assert stats["native code"] == pytest.approx(sum(e["native_s"] for e in prof), abs=1e-5)
    assert stats["tier 0 (interpreter)"] == pytest.approx(sum(e["interp_s"] for e in prof), abs=1e-5)
    share = float(re.search(r"native share\s+([0-9.]+)%", run["proc"].stderr).group(1))
    inside = stats["native code"] + stats["tier 0 (interpreter)"]
    assert share == pytest.approx(100 * stats["native code"] / inside, abs=0.06)


@pytest.mark.parametrize("fmt", ["text", "svg", "html"])
def test_viewer_renders_saved_trace_into_a_file(run, fmt):
    out = os.path.join(run["dir"], f"report.{fmt}")
    proc = _protojit("trace", run["trace"], "--trace-format", fmt, "-o", out, cwd=run["dir"])
    assert proc.returncode == 0, proc.stderr
    with open(out, encoding="utf-8") as fh:
        text = fh.read()
    if fmt == "svg":
        assert text.lstrip().startswith("<svg")
        text = text.replace("&#160;", " ")
    elif fmt == "html":
        assert "<html" in text.lower()
    for needle in ("Functions", "Tier transitions", "scale", "compiled", "deopt", "work"):
        assert needle in text, needle


def test_viewer_on_terminal_output_and_ir(run):
    proc = _protojit("trace", run["trace"], cwd=run["dir"])
    assert proc.returncode == 0, proc.stderr
    assert "Tier transitions" in proc.stdout and "guard int64 overflow at line 4" in proc.stdout
    ir = _protojit("trace", run["trace"], "--ir", "scale", cwd=run["dir"])
    assert ir.returncode == 0, ir.stderr
    assert "typed IR: scale(int, int) -> int" in ir.stdout and "LLVM IR" in ir.stdout
    assert "def scale(x: int, k: int) -> int:" in ir.stdout and "smul.with.overflow" in ir.stdout
    missing = _protojit("trace", run["trace"], "--ir", "nope", cwd=run["dir"])
    assert missing.returncode == 1 and "'nope' was not compiled" in missing.stderr
    bad = os.path.join(run["dir"], "bad.jsonl")
    with open(bad, "w") as fh:
        fh.write("not json\n")
    bad_run = _protojit("trace", bad, cwd=run["dir"])
    assert bad_run.returncode == 1 and "not a protojit trace" in bad_run.stderr


def test_trace_alone_prints_report_and_run_line_export(run):
    proc = _protojit("--jit-threshold", "100", "--trace", run["prog"], cwd=run["dir"])
    assert proc.returncode == 0 and proc.stdout == run["host"].stdout
    assert "Functions" in proc.stderr and "compiled" in proc.stderr and "scale" in proc.stderr
    svg = os.path.join(run["dir"], "run.svg")
    proc = _protojit("--jit-threshold", "100", "--trace-format", "svg", "--trace-output", svg,
                     run["prog"], cwd=run["dir"])
    assert proc.returncode == 0 and proc.stdout == run["host"].stdout
    with open(svg, encoding="utf-8") as fh:
        assert "scale" in fh.read()


def test_no_events_without_trace_or_stats(run):
    proc = _protojit("--jit-threshold", "100", run["prog"], cwd=run["dir"])
    assert proc.returncode == 0 and proc.stdout == run["host"].stdout and proc.stderr == ""


def test_profiling_is_chosen_once_and_spinner_needs_a_terminal():
    from protojit.trace import profile
    try:
        profile.configure(False)
        assert profile.compiling("f") is profile._NULL      # nothing measured without --trace/--stats
        profile.configure(True)                             # pytest's stderr is not a terminal
        ctx = profile.compiling("f")
        assert ctx is not profile._NULL and ctx.status is None
        with ctx:
            pass
        assert profile._compile_time[0] > 0
    finally:
        profile.configure(False)



def test_guest_code_run_inside_a_compile_is_counted_once(monkeypatch):
    """A compile that runs guest code (a finalizer; the host os's process functions, which
    are guest code under protojit, called by the compiler's own host code) adds that
    code's time to the triggering frame once: fib's tier-0 time was -108 ms when the
    first compile ran guest os functions (its time went in as a child and again inside the
    compile's). A fake clock makes the times exact."""
    from protojit.trace import profile
    now = [0.0]
    monkeypatch.setattr(profile, "_perf", lambda: now[0])

    class Code:
        invoke_kw = None
        filename = "t.py"

        def __init__(self, name, body):
            self.qualname = name
            self.firstlineno = 1
            self.invoke = lambda fn, args, back: body()

    def guest_body():
        now[0] += 5.0
    guest = Code("guest", guest_body)

    def outer_body():
        now[0] += 1.0
        with profile.compiling("outer"):
            now[0] += 3.0
            guest.invoke(None, (), None)
    outer = Code("outer", outer_body)
    try:
        profile.configure(True)
        profile.wrap(guest)
        profile.wrap(outer)
        outer.invoke(None, (), None)
        recs = {r.name: r for r in profile._records.values()}
        assert recs["outer"].interp_time == 1.0
        assert recs["guest"].interp_time == 5.0
        assert profile._compile_time[0] == 3.0
        assert profile._stack() == []
    finally:
        profile.configure(False)


# ---- every hot function and loop gets a compile or a reject ------------------------------

EXPLAINED = textwrap.dedent("""\
    def total(xs):
        s = 0.0
        for x in xs:
            s += x * 0.5
        return s

    def with_cell(n):
        k = 0
        for i in range(n):
            k += i
        return lambda: k

    def starred(*a):
        return a[0] + 1

    def big(n):
        return n * 2

    print(total([float(i) for i in range(10000)]))
    print(with_cell(5000)())
    print(sum([starred(i) for i in range(1500)]))
    for i in range(1500):
        r = big(2 ** 70 + i)
    print(r)
    """)


def _line(text, source=EXPLAINED):
    return source.splitlines().index(text) + 1


@pytest.fixture(scope="module")
def explained(tmp_path_factory):
    d = tmp_path_factory.mktemp("pj_explained")
    prog = d / "explained.py"
    prog.write_text(EXPLAINED)
    trace = d / "run.jsonl"
    # the numeric tier's reasons (object code, on by default, compiles `big` as objects)
    proc = _protojit("--tier", "auto", "--no-jit-cache", "--no-object-code", f"--trace={trace}",
                     str(prog), cwd=str(d))
    assert proc.returncode == 0, proc.stderr
    host = subprocess.run([sys.executable, str(prog)], capture_output=True, text=True, timeout=50)
    assert proc.stdout == host.stdout
    return {"prog": str(prog), "events": [json.loads(line) for line in trace.read_text().splitlines()]}


def _rejects(events, function):
    return [e for e in events if e["event"] == "reject" and e["function"] == function]


def test_a_hot_loop_over_a_list_is_rejected_with_the_reason(explained):
    (e,) = _rejects(explained["events"], "total")
    assert e["region"] == f"loop at line {_line('    for x in xs:')}"
    assert "iterates over a list" in e["reason"]
    assert (e["file"], e["line"]) == (explained["prog"], _line("    for x in xs:"))


def test_a_loop_that_can_never_be_native_says_why(explained):
    (e,) = _rejects(explained["events"], "with_cell")
    assert "closure" in e["reason"] and e["region"].startswith("loop at line")


def test_a_hot_function_that_can_never_be_native_says_why(explained):
    (e,) = _rejects(explained["events"], "starred")
    assert "*args" in e["reason"]
    assert (e["file"], e["line"]) == (explained["prog"], _line("def starred(*a):"))


def test_a_reject_for_an_argument_names_the_function_line(explained):
    es = _rejects(explained["events"], "big")
    assert es and all("int64" in e["reason"] for e in es)
    assert {(e["file"], e["line"]) for e in es} == {(explained["prog"], _line("def big(n):"))}


SHARED_SPEC_PROGRAM = textwrap.dedent("""\
    class A:
        def __init__(self, x, y=10):
            self.x = x
            self.y = y

        def get(self):
            return self.x + self.y

    class B(A):
        pass

    class C(A):
        pass

    s = 0
    for cls in [A] * 150 + [B] * 150 + [C] * 150:
        s += cls(1).get() + cls(2, 3).get()
    print(s)
    """)


def test_object_code_of_one_function_serves_every_receiver_type(tmp_path):
    """A method compiled as object code takes any receiver: calls with another subclass
    (through --trace's Python dispatcher) use the same code, not a compile per type; a
    call with another argument count (a default filled in) is not the same code."""
    prog = tmp_path / "shared.py"
    prog.write_text(SHARED_SPEC_PROGRAM)
    trace = tmp_path / "run.jsonl"
    proc = _protojit("--object-code", "--jit-threshold", "100", "--no-jit-cache", f"--trace={trace}",
                     str(prog), cwd=tmp_path)
    host = subprocess.run([sys.executable, str(prog)], capture_output=True, text=True, timeout=50)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == host.stdout
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    compiles = [(e["function"], len(e["types"])) for e in events if e["event"] == "compile"]
    assert compiles.count(("A.get", 1)) == 1
    assert compiles.count(("A.__init__", 2)) == 1 and compiles.count(("A.__init__", 3)) == 1


NESTED_NATIVE_PROGRAM = textwrap.dedent("""\
    class Node:
        def __init__(self, left, right):
            self.left = left
            self.right = right

        def count(self):
            n = 1
            if self.left is not None:
                n += self.left.count()
            if self.right is not None:
                n += self.right.count()
            return n

    def build(depth):
        if depth == 0:
            return None
        return Node(build(depth - 1), build(depth - 1))

    def walk(tree, times):
        total = 0
        for _ in range(times):
            total += tree.count()
        return total

    tree = build(7)
    print(walk(tree, 300))
    """)


def test_stats_times_of_native_code_calling_native_code_are_self_times(tmp_path):
    """Object code calls other guest functions through the timed entries (recursion
    through native code here): each function's time is its self time, so no tier-0 or
    native time is negative and the parts still add up to the wall time."""
    prog = tmp_path / "nested.py"
    prog.write_text(NESTED_NATIVE_PROGRAM)
    trace = tmp_path / "run.jsonl"
    proc = _protojit("--tier", "jit", "--no-jit-cache", f"--trace={trace}", "--stats", str(prog),
                     cwd=tmp_path)
    host = subprocess.run([sys.executable, str(prog)], capture_output=True, text=True, timeout=50)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == host.stdout
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    prof = {e["function"]: e for e in events if e["event"] == "profile"}
    assert prof["Node.count"]["native_calls"] > 0
    for e in prof.values():
        assert e["interp_s"] >= 0 and e["native_s"] >= 0, e
    stats = _stats(proc.stderr)
    parts = stats["native code"] + stats["tier 0 (interpreter)"] + stats["compiling"] \
        + stats["outside guest functions"]
    assert abs(parts - stats["wall"]) < 1e-5, stats
