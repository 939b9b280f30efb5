"""Background compiles at --tier auto (protojit/tiering.py _Background): a hot function
is compiled on another thread while tier 0 goes on, and its counting entry installs the
spec at a later call; the job holds no argument of the call; --trace and closures stay
synchronous; at exit the queued jobs are dropped."""
import gc
import time
import weakref

import pytest

from protojit import _pjentry, tiering
from protojit.runtime.function import record_of
from protojit.trace import events
from conftest import run_guest_auto

SRC = '''
def add(a, b):
    return a + b

def length(xs):
    return len(xs)

def outer():
    k = 3
    def inner(x):
        return x + k
    return inner
'''

SUPER = '''
class Base:
    def __init__(self, x):
        self.x = x

class Child(Base):
    def __init__(self, x):
        super().__init__(x + 1)
'''


@pytest.fixture
def auto(monkeypatch):
    """--tier auto with a threshold of 5 calls and a background thread of the test's own."""
    monkeypatch.setattr(tiering.settings, "threshold", 5)
    monkeypatch.setattr(tiering.settings, "background", True)
    monkeypatch.setattr(tiering, "_background", tiering._Background())
    with tiering.tier_as("auto"):
        yield
    tiering._background.close()


def test_hot_function_compiles_in_the_background_and_installs_at_a_later_call(auto):
    add = run_guest_auto(SRC)["add"]
    for i in range(5):
        assert add(i, 1) == i + 1
    job = record_of(add).native.pending
    assert job is not None                      # queued: this call ran in tier 0
    assert type(record_of(add).invoke) is not _pjentry.Entry
    tiering._background.wait()
    assert job.done and job.spec is not None
    assert add(40, 2) == 42                     # installs, then runs natively
    assert record_of(add).native.pending is None
    assert type(record_of(add).invoke) is _pjentry.Entry
    assert add(2 ** 70, 1) == 2 ** 70 + 1       # (a spec's guards as ever)


def test_new_argument_types_recompile_in_the_background(auto):
    # (was compile_now on the program's thread: the call that made the types hot waited
    # for the whole compile)
    add = run_guest_auto(SRC)["add"]
    for i in range(5):
        add(i, 1)
    tiering._background.wait()
    assert add(40, 2) == 42                     # native for ints
    st = record_of(add).native
    for i in range(8):
        assert add(i + 0.5, 1.0) == i + 1.5     # hot for floats: queued, tier 0 meanwhile
    job = st.pending
    assert job is not None and list(st.specs) == [(int, int)]
    tiering._background.wait()
    assert job.done and job.spec is not None
    assert add(0.25, 0.5) == 0.75               # installs, then runs natively
    assert st.pending is None and (float, float) in st.specs
    assert add(3, 4) == 7                       # the int spec still serves ints


def test_a_queued_compile_keeps_no_argument_alive(auto):
    length = run_guest_auto(SRC)["length"]

    class Items(list):
        pass
    xs = Items([1, 2])
    for _ in range(5):
        assert length(xs) == 2
    assert record_of(length).native.pending is not None
    alive = weakref.ref(xs)
    del xs
    gc.collect()
    assert alive() is None      # (a job that held it would keep it until the compile ends)
    tiering._background.wait()
    assert length([1, 2, 3]) == 3


def test_closures_and_traced_runs_compile_synchronously(auto, monkeypatch):
    g = run_guest_auto(SRC)
    inner = g["outer"]()
    assert not tiering._may_background(record_of(inner))   # free variables: its cells would live on
    assert tiering._may_background(record_of(g["add"]))
    # a method's __class__ cell (super()) alone holds the class: compiled in the background
    init = run_guest_auto(SUPER)["Child"].__init__
    assert list(record_of(init).code.freevars) == ["__class__"]
    assert tiering._may_background(record_of(init))
    monkeypatch.setattr(events, "_enabled", True)
    assert not tiering._may_background(record_of(g["add"]))   # --trace/--stats: events in order


def test_close_drops_queued_jobs(auto):
    add = run_guest_auto(SRC)["add"]
    tiering._background.close()
    for i in range(6):
        assert add(i, 2) == i + 2
    # closed: the compile ran on this thread instead
    assert record_of(add).native.pending is None
    assert type(record_of(add).invoke) is _pjentry.Entry


def test_compile_report_counts_what_the_program_waited_for(auto):
    add = run_guest_auto(SRC)["add"]
    before = tiering.compile_report()
    for i in range(5):
        add(i, 1)
    tiering._background.wait()
    after = tiering.compile_report()
    assert after["compiles"] == before["compiles"] + 1
    assert after["blocked_s"] == before["blocked_s"]     # compiled on the background thread
    assert after["compile_cpu_s"] > before["compile_cpu_s"]
    length = run_guest_auto(SRC)["length"]
    tiering._background.close()
    for _ in range(5):
        length([1])                                       # closed: on this thread
    assert tiering.compile_report()["blocked_s"] > after["blocked_s"]


NONE_SRC = '''
class Packet:
    def __init__(self, link):
        self.link = link

def append_to(pkt, lst):
    pkt.link = None
    if lst is None:
        return pkt
    p = lst
    while p.link is not None:
        p = p.link
    p.link = pkt
    return lst
'''


def test_a_none_argument_compiles_as_an_object_slot(guest):
    """Object code takes a None argument in an object slot: the later calls with an
    object (a linked list, as richards' Packet.append_to) use the same spec."""
    g = guest(NONE_SRC)
    append_to, Packet = g["append_to"], g["Packet"]
    assert tiering.compile_now(append_to, (Packet(None), None))
    compiles = tiering.compile_report()["compiles"]
    head = None
    for _ in range(4):
        head = append_to(Packet(None), head)
    n, p = 0, head
    while p is not None:
        n, p = n + 1, p.link
    assert n == 4
    assert tiering.compile_report()["compiles"] == compiles     # no second compile
    (spec,) = {id(s): s for ss in record_of(append_to).native.specs.values() for s in ss}.values()
    assert [str(t) for t in spec.arg_types] == ["object", "object"]


# -- compile CPU: the collector paused around a compile (tiering._collector_paused) -------

def test_collector_is_off_inside_a_compile_and_back_on_after():
    seen = []

    def build():
        seen.append(gc.isenabled())
        return "spec"
    assert gc.isenabled()
    assert tiering.guarded_compile(build, "f", None, []) == ("spec", tiering.COMPILED)
    assert seen == [False] and gc.isenabled()


def test_collector_is_back_on_after_a_compile_that_failed():
    from protojit.codegen.errors import Unsupported

    def build():
        assert not gc.isenabled()
        raise Unsupported("no")
    assert tiering.guarded_compile(build, "f", None, []) == (None, tiering.UNSUPPORTED)
    assert gc.isenabled()


def test_a_collector_the_program_turned_off_stays_off():
    gc.disable()
    try:
        assert tiering.guarded_compile(lambda: "spec", "f", None, [])[0] == "spec"
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nested_compiles_turn_the_collector_on_once_at_the_outermost_end():
    states = []

    def inner():
        states.append(gc.isenabled())
        return "inner"

    def outer():
        assert tiering.guarded_compile(inner, "g", None, [])[0] == "inner"
        states.append(gc.isenabled())
        return "outer"
    assert tiering.guarded_compile(outer, "f", None, [])[0] == "outer"
    assert states == [False, False] and gc.isenabled()

LOOP_SRC = '''
def spin(n, wait):
    total = 0
    for i in range(n):
        if i % 20 == 0:
            wait()      # (the background thread's compiles finish here)
        total += i * 3 % 7
    return total

def count_up(n, wait):
    k = 0
    t = 0
    while k < n:
        if k % 20 == 0:
            wait()
        t += k & 5
        k += 1
    return t
'''


def test_a_hot_loop_compiles_in_the_background_and_goes_native_at_a_later_header(auto,
                                                                                  monkeypatch):
    """The loop's compiles (numeric code is tried first, then object code: `wait` is a host
    function) run on the background thread while tier 0 goes on with the loop; a header
    after they are done installs the spec and runs the rest of the call natively."""
    from protojit import loophooks
    g = run_guest_auto(LOOP_SRC)
    monkeypatch.setattr(tiering, "WAIT_HEAT", 10 ** 6)   # (the program never waits here)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_MIN", 10 ** 6)
    before = tiering.compile_report()
    assert g["spin"](3000, tiering._background.wait) == sum(i * 3 % 7 for i in range(3000))
    assert g["count_up"](3000, tiering._background.wait) == sum(k & 5 for k in range(3000))
    after = tiering.compile_report()
    assert after["compiles"] > before["compiles"]
    assert after["blocked_s"] == before["blocked_s"]     # none ran on the program's thread
    whole = {ws.code.qualname: ws for ws in list(loophooks._WHOLE.values())}
    assert whole["spin"].specs and whole["count_up"].specs   # installed, and run


def test_a_whole_function_osr_serves_long_calls_until_the_entry_compile_is_in(auto, monkeypatch):
    """After a long call ran its rest natively from the loop (whole-function OSR, object
    code), the next call queues the function's compile from its entry, at level 1 whatever
    its size (jit.any_size_at_level1), and the calls enter the loop's spec at the first
    header meanwhile; once installed, the calls run the entry's code (the rest of a call
    compiled from a loop ran pyperformance chaos's create_image_chaos 1.5x slower than
    its entry's code: serving its calls for good kept them there). The loop's spec is not
    upgraded to level 1 any more (tiering._superseded)."""
    from protojit import loophooks
    monkeypatch.setattr(tiering, "WAIT_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_MIN", 10 ** 6)
    monkeypatch.setattr(loophooks, "SERVES_SECONDS", 0.0)   # (any run is long here)
    spin = run_guest_auto(LOOP_SRC)["spin"]
    expect = sum(i * 3 % 7 for i in range(3000))
    assert spin(3000, tiering._background.wait) == expect   # compiled from the loop, run
    ws = next(ws for ws in list(loophooks._WHOLE.values()) if ws.code is record_of(spin).code)
    assert ws.specs and ws.serves
    st = record_of(spin).native
    assert st.served
    submitted, entered = [], []
    real_submit, real_call = tiering._background.submit, loophooks._call
    monkeypatch.setattr(tiering._background, "submit",
                        lambda job: submitted.append(job) or real_submit(job))
    monkeypatch.setattr(loophooks, "_call",
                        lambda spec, args, f, take=(): entered.append(args[-3:])
                        or real_call(spec, args, f, take))
    assert spin(3000, lambda: None) == expect              # queues the entry; served
    assert [type(j) for j in submitted] == [tiering._CompileJob] and submitted[0].any_size
    assert entered == [(1, 3000, 1)]                        # from the loop's second header
    assert tiering._superseded(ws.specs[0][1])
    tiering._background.wait()
    for _ in range(2):
        assert spin(3000, tiering._background.wait) == expect
    assert entered == [(1, 3000, 1)]                        # the entry's code runs the calls
    assert type(record_of(spin).invoke) is _pjentry.Entry and st.specs


def test_a_hot_loop_s_compile_tries_are_one_job(auto, monkeypatch):
    """A hot loop's tries (numeric rest of the call, numeric region, object code) go to the
    worker as one job, which makes the first that compiles (object code here: `wait` is a
    host function). One job per try, queued at the header after the one before failed,
    took a round of the program each (pyperformance deltablue's chain_test)."""
    from protojit import loophooks
    monkeypatch.setattr(tiering, "WAIT_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_MIN", 10 ** 6)
    submitted = []
    real_submit = tiering._background.submit
    monkeypatch.setattr(tiering._background, "submit",
                        lambda job: submitted.append(job) or real_submit(job))
    spin = run_guest_auto(LOOP_SRC)["spin"]
    assert spin(3000, tiering._background.wait) == sum(i * 3 % 7 for i in range(3000))
    loops = [job for job in submitted if isinstance(job, tiering.LoopJob)]
    assert len(loops) == 1
    assert loops[0].region.split(" or ") == ["function from the loop at line 4",
                                              "loop at line 4",
                                              "function from the loop at line 4"]
    ws = next(ws for ws in list(loophooks._WHOLE.values()) if ws.code is record_of(spin).code)
    assert len(ws.specs) == 1 and ws.specs[0][1].objects    # made, installed and run
    assert len(ws.failed) == 1                                # the numeric try, recorded


class _Job:
    def __init__(self, name, heat):
        self.name, self.heat = name, heat


def test_the_hottest_queued_job_compiles_first():
    bg = tiering._Background()
    bg.jobs = [_Job("a", 3), _Job("b", 9), _Job("c", 9), _Job("d", 0)]
    assert [bg._next().name for _ in range(4)] == ["b", "c", "a", "d"]   # ties: the oldest


def test_the_program_waits_for_a_queued_compile_it_keeps_running(auto, monkeypatch):
    """Once the calls of a function whose compile is queued took WAIT_HEAT seconds in tier 0
    (its heat), the program waits for the compile (taken before the other jobs), and that
    call goes native."""
    import threading
    gate = threading.Event()        # the compile thread starts the job once the program waits
    real_run, bg = tiering._run_job, tiering._background
    monkeypatch.setattr(tiering, "_run_job",
                        lambda job, **how: (gate.wait(10), real_run(job, **how)))
    real_wait, waited = bg.wait_for, []
    monkeypatch.setattr(bg, "wait_for", lambda job: (waited.append(job), gate.set(), real_wait(job)))
    monkeypatch.setattr(tiering, "WAIT_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_MIN", 10 ** 6)
    add = run_guest_auto(SRC)["add"]
    for i in range(8):
        assert add(i, 1) == i + 1
    job = record_of(add).native.pending
    assert job is not None and job.heat > 0 and not job.done and waited == []
    monkeypatch.setattr(tiering, "WAIT_HEAT", job.heat)
    before = tiering.compile_report()["blocked_s"]
    assert add(40, 2) == 42        # waits, installs, runs natively
    assert waited == [job] and job.done and record_of(add).native.pending is None
    assert type(record_of(add).invoke) is _pjentry.Entry
    assert tiering.compile_report()["blocked_s"] > before


SHORT_LOOPS = '''
def short_loops(n):
    t = 0
    for i in range(n):
        t += i * 2
    return t
'''


def test_a_hot_loop_of_a_function_called_often_compiles_its_entry_not_the_loop(auto, monkeypatch):
    """The loop's counter trips in the function's 4th call (11 iterations a call): its next
    call queues the function's compile from its entry (loophooks._entry_instead), and no
    compile of the rest of a call from the loop's header is queued."""
    from protojit import loophooks
    monkeypatch.setattr(tiering.settings, "threshold", 40)
    submitted = []
    real_submit = tiering._background.submit
    monkeypatch.setattr(tiering._background, "submit",
                        lambda job: submitted.append(job) or real_submit(job))
    fn = run_guest_auto(SHORT_LOOPS)["short_loops"]
    for _ in range(4):
        assert fn(11) == 110
    assert submitted == [] and record_of(fn).native.calls == tiering.call_limit(record_of(fn).code) - 1
    assert fn(10) == 90
    assert [type(j) for j in submitted] == [tiering._CompileJob]
    tiering._background.wait()
    assert fn(12) == 132
    assert type(record_of(fn).invoke) is _pjentry.Entry
    assert not any(ws.code.qualname == "short_loops" and ws.specs
                   for ws in list(loophooks._WHOLE.values()))


MIXED = '''
def mixed(n, x):
    t = x
    for i in range(n):
        t = t + i
    return t
'''


def test_no_loop_compile_is_queued_while_the_function_s_entry_compile_is(auto, monkeypatch):
    """A loop job done while the function's entry compile is queued is installed at the
    loop's next header; a compile for that header's new types is not queued (the entry
    takes the next call: hexiom's constraint_pass compiled from its loops again, for new
    types, while its entry compile was queued)."""
    import threading
    monkeypatch.setattr(tiering.settings, "threshold", 40)
    monkeypatch.setattr(tiering, "COMPILE_BATCH", 1)
    monkeypatch.setattr(tiering, "WAIT_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_MIN", 10 ** 6)
    loop_gate, entry_gate = threading.Event(), threading.Event()
    real_loop_run, real_run_job = tiering.LoopJob.run, tiering._run_job
    monkeypatch.setattr(tiering.LoopJob, "run",
                        lambda job, **how: (loop_gate.wait(10), real_loop_run(job, **how)))
    monkeypatch.setattr(tiering, "_run_job",
                        lambda job, **how: (entry_gate.wait(10), real_run_job(job, **how)))
    submitted = []
    real_submit = tiering._background.submit
    monkeypatch.setattr(tiering._background, "submit",
                        lambda job: submitted.append(job) or real_submit(job))
    try:
        mixed = run_guest_auto(MIXED)["mixed"]
        assert mixed(100, 1) == 1 + sum(range(100))            # its loop's job queued
        [loop_job] = submitted
        limit = tiering.call_limit(record_of(mixed).code)
        for _ in range(limit - 1):
            assert mixed(0, 2) == 2                            # ... then its entry's
        assert [type(j) for j in submitted] == [tiering.LoopJob, tiering._CompileJob]
        loop_gate.set()
        deadline = time.monotonic() + 30
        while not loop_job.done and time.monotonic() < deadline:
            time.sleep(0.01)
        assert mixed(100, 0.5) == 0.5 + sum(range(100))        # installs the loop's spec
        assert [type(j) for j in submitted] == [tiering.LoopJob, tiering._CompileJob]
    finally:
        loop_gate.set()
        entry_gate.set()
    tiering._background.wait()
    assert mixed(100, 3) == 3 + sum(range(100))


NESTED = '''
def add(a, b):
    return a + b

def twice(a):
    return add(a, 1) + add(a, 2)

def gen(n):
    for i in range(n):
        yield i * 2
'''


def _gated_worker(monkeypatch):
    """The compile thread starts its first job only once the gate is set."""
    import threading
    gate = threading.Event()
    real_run = tiering._run_job
    monkeypatch.setattr(tiering, "_run_job",
                        lambda job, **how: (gate.wait(10), real_run(job, **how)))
    return gate


def test_the_program_waits_for_the_whole_queue_once_queued_code_took_its_time(auto, monkeypatch):
    """Many functions a little each: the program spent WAIT_QUEUE_HEAT seconds in tier 0 in
    calls of queued functions (each call's self time: a queued callee's time is counted
    once, as the callee's), no one of them WAIT_HEAT: it waits for every queued compile,
    then goes native."""
    gate = _gated_worker(monkeypatch)
    bg = tiering._background
    real_wait_all, waited = bg.wait_all, []
    monkeypatch.setattr(bg, "wait_all", lambda: (waited.append(len(bg.jobs)), gate.set(), real_wait_all()))
    monkeypatch.setattr(tiering, "WAIT_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_MIN", 10 ** 6)
    g = run_guest_auto(NESTED)
    twice, add = g["twice"], g["add"]
    for i in range(5):
        assert twice(i) == 2 * i + 3
    job_twice, job_add = record_of(twice).native.pending, record_of(add).native.pending
    assert job_twice is not None and job_add is not None and not job_twice.done
    bg.heat, heat_twice, heat_add = 0.0, job_twice.heat, job_add.heat
    for i in range(3):
        assert twice(i) == 2 * i + 3
    assert job_add.heat > heat_add                    # (its calls inside twice's)
    # each second once: twice's own, add's own
    assert bg.heat == pytest.approx(job_twice.heat - heat_twice + job_add.heat - heat_add)
    assert waited == []
    monkeypatch.setattr(tiering, "WAIT_QUEUE_HEAT", bg.heat)
    before = tiering.compile_report()["blocked_s"]
    assert twice(40) == 83           # waits for both, installs, runs natively
    assert len(waited) == 1 and job_twice.done and job_add.done and bg.heat == 0.0
    assert tiering.compile_report()["blocked_s"] > before
    assert record_of(twice).native.pending is None and record_of(twice).native.specs
    assert add(1, 2) == 3
    assert record_of(add).native.pending is None and record_of(add).native.specs


def test_a_generator_resumed_often_waits_for_its_compile_at_its_next_call(auto, monkeypatch):
    """A generator whose yields armed it in few calls (loophooks._arm_generator): its calls
    run long, so the call that queues its compile waits for it and runs natively, instead
    of running to its end in tier 0."""
    gate = _gated_worker(monkeypatch)
    bg = tiering._background
    real_wait, waited = bg.wait_for, []
    monkeypatch.setattr(bg, "wait_for", lambda job: (waited.append(job), gate.set(), real_wait(job)))
    monkeypatch.setattr(tiering, "WAIT_QUEUE_HEAT", 10 ** 6)
    monkeypatch.setattr(tiering, "WAIT_QUEUE_MIN", 10 ** 6)
    gen = run_guest_auto(NESTED)["gen"]
    assert sum(gen(100)) == 9900     # armed by its yields
    st = record_of(gen).native
    assert st.long_calls and not st.specs and waited == []
    assert sum(gen(50)) == 2450      # queues its compile, waits, runs natively
    assert len(waited) == 1 and waited[0].done
    assert st.pending is None and st.specs


def test_the_queue_is_hot_when_queued_code_took_a_share_of_the_time():
    """queue_hot: WAIT_QUEUE_HEAT seconds in queued code, or WAIT_QUEUE_MIN seconds that were
    WAIT_QUEUE_SHARE of the program's CPU time since the queue went busy."""
    bg = tiering._Background()
    assert not bg.queue_hot()
    now = bg._program_cpu()
    bg.heat, bg.since = tiering.WAIT_QUEUE_MIN * 2, now - tiering.WAIT_QUEUE_MIN * 4
    assert bg.queue_hot()                  # half of the time since it went busy
    bg.since = now - 1000.0
    assert not bg.queue_hot()              # a sliver of a long time
    bg.heat = tiering.WAIT_QUEUE_HEAT
    assert bg.queue_hot()                  # enough in any case
    bg.heat, bg.since = tiering.WAIT_QUEUE_MIN / 2, bg._program_cpu()
    assert not bg.queue_hot()              # too little to tell
