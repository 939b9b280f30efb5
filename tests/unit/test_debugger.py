"""breakpoint(), sys.breakpointhook, PYTHONBREAKPOINT and the guest debugger.

The debugger is driven through stdin, as a user would type commands; its answers are
checked for the guest file, line and variable values (and, where pdb is the spec, against
what CPython's pdb prints for the same commands).
"""
import os
import subprocess
import sys
import textwrap

import pytest

from protojit.runtime.function import record_of

PJ = [sys.executable, "-m", "protojit"]
# The oracle without site: a .pth file in the host's site-packages may import modules
# (threading, through certifi) at start-up, and pdb then steps into threading._shutdown
# at exit where the guest program never imported threading.
CPY = [sys.executable, "-S"]

PROGRAM = textwrap.dedent('''\
    def helper(n):
        doubled = n * 2
        return doubled


    def work(count):
        total = 0
        for i in range(count):
            total += helper(i)
        marker = "inside work"
        breakpoint()
        result = total + 1
        return result


    print("answer", work(5))
    ''')


def run(argv, stdin="", env=None, cwd=None):
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=50,
                          env=env, cwd=cwd)


def env_with(**changes):
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


@pytest.fixture
def program(tmp_path):
    path = tmp_path / "debug_me.py"
    path.write_text(PROGRAM)
    return path


@pytest.mark.parametrize("tier", ["interp", "jit"])
def test_debugger_driven_through_stdin(program, tier):
    commands = "p total\np marker\nwhere\nlist\nn\np result\nc\n"
    ours = run(PJ + ["--tier", tier, str(program)], commands,
               env=env_with(PYTHONBREAKPOINT=None))
    assert ours.returncode == 0, ours.stderr
    out = ours.stdout
    # Stopped at the line after breakpoint(), in the guest file, function work.
    assert f"> {program}(12)work()\n-> result = total + 1\n" in out
    assert "(Pdb) 20\n" in out                  # p total: 0+2+4+6+8
    assert "(Pdb) 'inside work'\n" in out
    assert f"  {program}(16)<module>()\n-> print(\"answer\", work(5))\n" in out
    assert " 12  ->\t    result = total + 1\n" in out
    assert f"> {program}(13)work()\n-> return result\n" in out
    assert "(Pdb) 21\n" in out                  # p result after `n`
    assert out.endswith("(Pdb) answer 21\n")


def test_debugger_output_is_pdbs(program):
    commands = "p total\nwhere\nlist\nlist\nn\np result\ns\np result\nc\n"
    env = env_with(PYTHONBREAKPOINT=None)
    ours = run(PJ + [str(program)], commands, env=env)
    theirs = run([*CPY, str(program)], commands, env=env)
    assert ours.stdout == theirs.stdout
    assert ours.returncode == theirs.returncode == 0


def test_frames_arguments_and_statements_as_pdb(program):
    # up/down/args/longlist, statements that assign to the frame's variables, an empty
    # line repeating the last command, and a call into traced code made by a command.
    commands = ("a\nu\np count\nwhere\nu\nd\nd\nll\ntotal = 100\n!marker = 'changed'\n"
                "marker\n[i * 2 for i in range(3)]\np helper(7)\nnosuch\n\nn\n"
                "p result, marker\n\nc\n")
    env = env_with(PYTHONBREAKPOINT=None)
    ours = run(PJ + [str(program)], commands, env=env)
    theirs = run([*CPY, str(program)], commands, env=env)
    assert ours.stdout == theirs.stdout
    assert "(Pdb) count = 5\n" in ours.stdout and "*** Oldest frame" in ours.stdout
    assert ours.stdout.endswith("(Pdb) answer 101\n")


@pytest.mark.parametrize("commands", ["n\nn\nn\nn\nn\n", "s\ns\ns\ns\nc\n"])
def test_stepping_off_the_end_as_pdb(program, commands):
    env = env_with(PYTHONBREAKPOINT=None)
    ours = run(PJ + [str(program)], commands, env=env)
    theirs = run([*CPY, str(program)], commands, env=env)
    assert ours.stdout == theirs.stdout
    assert f"--Return--\n> {program}(16)<module>()->None\n" in ours.stdout
    assert ours.returncode == theirs.returncode == 0


@pytest.mark.parametrize("commands", ["p total\n", "p total\nq\n"])
def test_end_of_input_and_quit_stop_the_program_as_pdb(program, commands):
    env = env_with(PYTHONBREAKPOINT=None)
    ours = run(PJ + [str(program)], commands, env=env)
    theirs = run([*CPY, str(program)], commands, env=env)
    assert ours.stdout == theirs.stdout
    assert ours.returncode == theirs.returncode == 1
    assert ours.stderr.splitlines()[-1] == theirs.stderr.splitlines()[-1] == "bdb.BdbQuit"


def test_step_into_a_function_shows_call(program):
    commands = "s\nn\np n\nn\nn\nwhere\nn\nc\n"
    program.write_text(PROGRAM.replace("result = total + 1", "result = helper(total)"))
    env = env_with(PYTHONBREAKPOINT=None)
    ours = run(PJ + ["--tier", "jit", str(program)], commands, env=env)
    theirs = run([*CPY, str(program)], commands, env=env)
    assert ours.stdout == theirs.stdout
    assert "--Call--" in ours.stdout and "--Return--" in ours.stdout
    assert f"> {program}(1)helper()\n-> def helper(n):" in ours.stdout


def test_PYTHONBREAKPOINT_0_disables(program):
    ours = run(PJ + [str(program)], "p total\n", env=env_with(PYTHONBREAKPOINT="0"))
    assert ours.returncode == 0
    assert ours.stdout == "answer 21\n"


def test_PYTHONBREAKPOINT_names_a_guest_hook(tmp_path, program):
    (tmp_path / "myhooks.py").write_text(
        "def stop(*args, **kwargs):\n"
        "    import sys\n"
        "    frame = sys._getframe(1)\n"
        "    print('hook called from', frame.f_code.co_name, frame.f_lineno, args, kwargs)\n")
    program.write_text(PROGRAM.replace("breakpoint()", "breakpoint(1, two=2)"))
    env = env_with(PYTHONBREAKPOINT="myhooks.stop")
    ours = run(PJ + [str(program)], "", env=env, cwd=tmp_path)
    theirs = run([*CPY, str(program)], "", env=env, cwd=tmp_path)
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == theirs.stdout
    assert ours.stdout.startswith("hook called from")


def test_unimportable_PYTHONBREAKPOINT_warns_as_cpython(program):
    env = env_with(PYTHONBREAKPOINT="no_such_module_pj.hook")
    ours = run(PJ + [str(program)], "", env=env)
    theirs = run([*CPY, str(program)], "", env=env)
    assert ours.stdout == theirs.stdout == "answer 21\n"
    assert ours.stderr == theirs.stderr
    assert 'RuntimeWarning: Ignoring unimportable $PYTHONBREAKPOINT: "no_such_module_pj.hook"' \
        in ours.stderr


def test_environment_holds_the_debugger_hook(monkeypatch):
    from protojit.runtime.environment import PythonEnvironment
    # pytest replaces pdb.set_trace in its own process, and breakpoint() calls a replaced
    # pdb.set_trace as CPython's does (refl_breakpoint_set_trace.py): without pdb loaded
    # the default hook is the environment's debugger.
    monkeypatch.delitem(sys.modules, "pdb", raising=False)
    env = PythonEnvironment(argv=[""], script_dir=None, tier="interp")
    host_main = sys.modules["__main__"]
    saved = os.environ.pop("PYTHONBREAKPOINT", None)
    calls = []
    env.debugger_hook = lambda frame, *args, **kwargs: calls.append(
        (frame.guest_code.name, frame.f_lineno, frame.f_locals.get("local"), args, kwargs)) or "r"
    try:
        main = env.new_main_module(None)
        env.run_source("def f():\n    local = 'v'\n    return breakpoint('a', k=1)\nresult = f()\n",
                       "<hook-test>", main.__dict__)
    finally:
        sys.modules["__main__"] = host_main
        if saved is not None:
            os.environ["PYTHONBREAKPOINT"] = saved
    assert calls == [("f", 3, "v", ("a",), {"k": 1})]
    assert main.__dict__["result"] == "r"
    assert env.sys_module.breakpointhook is env.sys_module.__breakpointhook__


def test_line_events_only_for_programs_that_can_stop():
    from protojit.runtime.environment import PythonEnvironment
    from protojit.runtime.runner import _wants_line_events
    assert not _wants_line_events(b"print('no stops here')\n")
    assert _wants_line_events(b"x = 1\nbreakpoint()\n")
    assert _wants_line_events("import pdb  # breakpoint")
    env = PythonEnvironment(argv=[""], script_dir=None, tier="interp")
    host_main = sys.modules["__main__"]
    try:
        main = env.new_main_module(None)
        env.run_source("def plain(x):\n    return x + 1\nplain(1)\n", "<plain>", main.__dict__)
        plain = record_of(main.__dict__["plain"])
        assert env.line_events is False
        assert plain.code.line_events is False
        # A traced environment compiles line events in, and keeps such code in tier 0.
        env.line_events = True
        env.run_source("def traced(x):\n    return x + 1\ntraced(1)\n", "<traced>", main.__dict__)
        traced = record_of(main.__dict__["traced"])
        assert traced.code.line_events is True
        assert not hasattr(traced.code, "interp_invoke")    # never given a counting entry
    finally:
        sys.modules["__main__"] = host_main


def test_breakpoint_in_untraced_code_stops_at_the_call(tmp_path):
    # The main program does not mention breakpoint, so nothing was compiled with line
    # events: the debugger says so and stops at the breakpoint() call itself.
    (tmp_path / "modbp.py").write_text(
        "def stopper(v):\n    w = v + 1\n    breakpoint()\n    return w\n")
    (tmp_path / "main_nobp.py").write_text("import modbp\nprint(modbp.stopper(4))\n")
    ours = run(PJ + [str(tmp_path / "main_nobp.py")], "p w\nwhere\nn\n",
               env=env_with(PYTHONBREAKPOINT=None), cwd=tmp_path)
    assert ours.returncode == 0, ours.stderr
    assert "no line events" in ours.stdout
    assert f"> {tmp_path / 'modbp.py'}(3)stopper()\n-> breakpoint()\n(Pdb) 5\n" in ours.stdout
    assert ours.stdout.endswith("(Pdb) 5\n")


LOOPS = textwrap.dedent('''\
    def f(items):
        breakpoint()
        total = 0
        for x in items:
            if x == 3:
                continue
            total += x
        else:
            total += 100
        n = 0
        while n < 2:
            n += 1
        for a in range(2):
            for b in range(2):
                total += a * b
            if a:
                break
        return total


    print(f([1, 2, 3]))
    ''')


@pytest.mark.parametrize("command", ["n", "s"])
def test_stepping_through_loops_as_pdb(tmp_path, command):
    # protojit reports no event at a loop's header after the first; the debugger adds the
    # ones CPython reports (each new iteration, the final test), none after `break`.
    path = tmp_path / "loops.py"
    path.write_text(LOOPS)
    commands = f"{command}\n" * 45 + "c\n"
    env = env_with(PYTHONBREAKPOINT=None)
    ours = run(PJ + [str(path)], commands, env=env)
    theirs = run([*CPY, str(path)], commands, env=env)
    assert ours.stdout == theirs.stdout
    assert ours.stdout.count(f"{path}(4)f()\n-> for x in items:") == 4


def test_stepping_into_a_class_body_as_pdb(tmp_path):
    path = tmp_path / "classes.py"
    path.write_text("breakpoint()\nclass K:\n    a = 1\n    def m(self):\n"
                    "        return self.a\nk = K()\nprint(k.m())\n")
    commands = "s\n" * 14 + "c\n"
    env = env_with(PYTHONBREAKPOINT=None)
    ours = run(PJ + [str(path)], commands, env=env)
    theirs = run([*CPY, str(path)], commands, env=env)
    assert ours.stdout == theirs.stdout
    assert f"--Call--\n> {path}(2)K()\n-> class K:\n(Pdb) > {path}(2)K()\n" in ours.stdout
