"""The protojit command line: argument handling, exit codes, sys.argv, compared with CPython."""
import json
import os
import subprocess
import sys

import pytest

PJ = [sys.executable, "-m", "protojit"]
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=50, **kw)


@pytest.mark.parametrize("code", [
    "import sys; print(sys.argv)",
    "import sys; sys.exit(3)",
    "import sys; sys.exit('message')",
    "import sys; sys.exit(None)",
    "raise ValueError('boom')",
    "print(__name__)",
])
def test_dash_c_matches_cpython(code):
    ours = run(PJ + ["-c", code, "a1", "--flag"])
    theirs = run([sys.executable, "-c", code, "a1", "--flag"])
    assert (ours.stdout, ours.returncode) == (theirs.stdout, theirs.returncode)
    assert ours.stderr.strip().splitlines()[-1:] == theirs.stderr.strip().splitlines()[-1:]


def test_script_argv_and_exit_code(tmp_path):
    script = tmp_path / "s.py"
    script.write_text("import sys\nprint(sys.argv[1:])\nprint(__file__ == sys.argv[0] or __file__)\n")
    ours = run(PJ + [str(script), "x", "-y"])
    theirs = run([sys.executable, str(script), "x", "-y"])
    assert ours.stdout.splitlines()[0] == theirs.stdout.splitlines()[0]
    assert ours.returncode == theirs.returncode == 0


def test_missing_script_exits_2(tmp_path):
    ours = run(PJ + [str(tmp_path / "nope.py")])
    assert ours.returncode == 2
    assert "can't open file" in ours.stderr


def test_bad_option_exits_2():
    assert run(PJ + ["--no-such-option"]).returncode == 2
    assert run(PJ + ["--tier", "warp", "-c", "pass"]).returncode == 2


@pytest.mark.parametrize("tier", ["interp", "jit", "auto"])
def test_every_tier_is_accepted(tier):
    r = run(PJ + ["--tier", tier, "-c", "print(6 * 7)"])
    assert (r.stdout, r.returncode) == ("42\n", 0)


def test_version_and_help():
    assert run(PJ + ["--version"]).stdout.startswith("protojit ")
    assert "usage: protojit" in run(PJ + ["-h"]).stdout


def test_syntax_error_report(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("x = (1,\n")
    ours = run(PJ + [str(script)])
    theirs = run([sys.executable, str(script)])
    assert ours.returncode == theirs.returncode == 1
    assert ours.stderr.splitlines()[-1] == theirs.stderr.splitlines()[-1]


SYNTAX_ERRORS = [
    "x = (1,\n",
    "def f(:\n    pass\n",
    "print('a')\nx = 1 +\n",
    "if True:\n  x = 1\n    y = 2\n",
    "for x in range(3):\nprint(x)\n",
    "x = 1\n\tif x:\n",
    "return 5\n",
    "x = 5\ndef g():\n    nonlocal x\n",
    "def f(a, a):\n    pass\n",
    "f(a=1, a=2)\n",
    "s = 'abc\n",
    "print \"hi\"\n",
    "1 = x\n",
    "class C:\n    break\n",
    "x = f'{'\n",
    "exec('def f(:\\n  pass')\n",
]


@pytest.mark.parametrize("source", SYNTAX_ERRORS)
def test_syntax_error_output_is_cpythons(tmp_path, source):
    """The whole stderr: file and line, the source line, the caret(s), `SyntaxError: ...`."""
    script = tmp_path / "bad.py"
    script.write_text(source)
    ours = run(PJ + [str(script)])
    theirs = run([sys.executable, str(script)])
    assert (ours.stdout, ours.returncode) == (theirs.stdout, theirs.returncode)
    assert ours.stderr == theirs.stderr


def _without_markers(text):
    """CPython 3.11's ~~~^^^ position lines (protojit does not track columns)."""
    return "\n".join(l for l in text.splitlines() if l.strip(" ~^") or not l.strip())


TRACEBACK_PROGRAM = """\
import helper_mod


class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        return helper_mod.check(self.balance, amount)


def numbers():
    yield 1
    yield int('x')


def run():
    acct = Account(5)
    try:
        acct.withdraw(10)
    except ValueError as e:
        try:
            list(numbers())
        except ValueError:
            pass
        raise RuntimeError('withdraw failed') from e


def main():
    total = sum(map(lambda v: v, [1, 2]))
    return run() + total


main()
"""

HELPER_MODULE = """\
def check(balance, amount):
    if amount > balance:
        raise ValueError(f'insufficient funds: {balance} < {amount}')
    return balance - amount
"""


def test_uncaught_traceback_text_is_cpythons(tmp_path):
    """Guest tracebacks: files, lines, function names, source lines and chaining as CPython
    prints them; only 3.11's ~~~^^^ column-marker lines are left out of the comparison."""
    (tmp_path / "helper_mod.py").write_text(HELPER_MODULE)
    script = tmp_path / "main.py"
    script.write_text(TRACEBACK_PROGRAM)
    ours = run(PJ + [str(script)], cwd=tmp_path)
    theirs = run([sys.executable, str(script)], cwd=tmp_path)
    assert ours.returncode == theirs.returncode == 1
    assert _without_markers(ours.stderr) == _without_markers(theirs.stderr)
    assert "protojit" not in ours.stderr


def test_generator_traceback_text_is_cpythons(tmp_path):
    script = tmp_path / "gen.py"
    script.write_text("def gen():\n    yield 1\n    raise StopIteration('leak')\n\n"
                      "def consume():\n    return list(gen())\n\nconsume()\n")
    ours = run(PJ + [str(script)])
    theirs = run([sys.executable, str(script)])
    assert ours.returncode == theirs.returncode == 1
    assert _without_markers(ours.stderr) == _without_markers(theirs.stderr)


def test_dash_m_runs_a_module_as_main(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "tool.py").write_text("import sys\nprint(__name__, sys.argv[1:])\n")
    ours = run(PJ + ["-m", "pkg.tool", "arg"], cwd=tmp_path)
    theirs = run([sys.executable, "-m", "pkg.tool", "arg"], cwd=tmp_path)
    assert (ours.stdout, ours.returncode) == (theirs.stdout, theirs.returncode)


def test_stdin_program():
    ours = run(PJ, input="print(sum(range(10)))\n")
    assert ours.stdout == "45\n"


def _read_until(fd, marker: bytes, deadline: float) -> bytes:
    import select
    import time
    out = b""
    while not out.endswith(marker) and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def test_repl_under_a_pty():
    import pty
    import time
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.executable, PJ + ["--tier", "interp"])
    deadline = time.monotonic() + 40
    text = b""
    try:
        # readline flushes typeahead when it starts, so type each line at its prompt.
        text += _read_until(fd, b">>> ", deadline)
        for line, prompt in ((b"x = 6\n", b">>> "), (b"x * 7\n", b">>> "), (b"def f():\n", b"... "),
                             (b"    return 'hi'\n", b"... "), (b"\n", b">>> "), (b"f()\n", b">>> ")):
            os.write(fd, line)
            text += _read_until(fd, prompt, deadline)
        os.write(fd, b"\x04")
        text += _read_until(fd, b"\n", deadline)
    finally:
        os.kill(pid, 9) if time.monotonic() > deadline else None
        os.waitpid(pid, 0)
    out = text.decode(errors="replace")
    assert "42" in out and "'hi'" in out


def test_unsupported_construct_exits_1_naming_file_and_line(tmp_path):
    script = tmp_path / "uns.py"
    script.write_text("print('never printed')\ndef g():\n    d = {}\n    d[(yield)] = 1\n")
    ours = run(PJ + [str(script)])
    assert (ours.stdout, ours.returncode) == ("", 1)
    assert ours.stderr.splitlines()[-1] == (
        f"NotImplementedError: protojit does not support 'yield' in this position ({script}:4)")


def test_protojit_path_modules_run_as_guest_modules(tmp_path):
    """Guest path = script folder, lib/, then PROTOJIT_PATH; lib/ shadows the host stdlib."""
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "pj_extra_mod.py").write_text("import sys\nVALUE = 'from PROTOJIT_PATH'\n"
                                           "import types\n"
                                           "GUEST = type(sys._getframe(0)) is not types.FrameType\n")
    code = ("import pj_extra_mod, hashlib, json\n"
            "print(pj_extra_mod.VALUE, pj_extra_mod.GUEST)\n"
            "print(hashlib.__file__.endswith('lib/hashlib.py'), json.__name__)\n")
    env = dict(os.environ, PROTOJIT_PATH=str(extra))
    ours = run(PJ + ["-c", code], env=env)
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == "from PROTOJIT_PATH True\nTrue json\n"   # (a guest frame: protojit's)


def test_pythonpath_modules_of_the_program_are_guest_modules_compiled_and_traced(tmp_path):
    """A module found through PYTHONPATH (not the standard library, site-packages or protojit's
    own folder) is the guest program's own: protojit runs it (its loop compiles at --tier jit,
    the trace says so), as it does the script's modules; it was the host's (0 compiled). -E
    ignores PYTHONPATH: ModuleNotFoundError, as CPython's."""
    mods = tmp_path / "mods"
    mods.mkdir()
    (mods / "pj_pp_mod.py").write_text("def total(n):\n    s = 0\n    for i in range(n):\n"
                                      "        s += i\n    return s\n")
    script = tmp_path / "app" / "main.py"
    script.parent.mkdir()
    script.write_text("import sys, pj_pp_mod\nprint(pj_pp_mod.total(1000))\n"
                      "print(pj_pp_mod.__file__ == sys.argv[1], sys.path.index(sys.argv[2]))\n")
    trace = tmp_path / "trace.jsonl"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(mods), REPO]))
    args = [str(script), str(mods / "pj_pp_mod.py"), str(mods)]
    ours = run(PJ + ["--tier", "jit", f"--trace={trace}"] + args, env=env)
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == "499500\nTrue 1\n"
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    compiled = {e.get("function") for e in events if e["event"] == "compile"}
    assert "total" in compiled, events
    ignored = run(PJ + ["-E"] + args, env=env)
    assert ignored.returncode == 1
    assert ignored.stderr.splitlines()[-1] == "ModuleNotFoundError: No module named 'pj_pp_mod'"


TRACEBACK_CASES = {
    "class_body": "class K:\n    x = 1 / 0\n",
    "for_over_failing_generator": ("def g():\n    yield 1\n    raise KeyError('in gen')\n"
                                   "def h():\n    yield from g()\nfor v in h():\n    pass\n"),
    "listcomp_frame": "x = [i for i in range(3) if i / (i - 1)]\n",
    "finally_keeps_raise_line": ("class E(Exception):\n    def __str__(self):\n        return 'custom'\n"
                                 "def f():\n    try:\n        raise E()\n    finally:\n        print('fin')\nf()\n"),
    "host_callback": "items = [3, 1]\nprint(sorted(items, key=lambda v: v / 0))\n",
    "nested_name_error": ("def outer():\n    def inner():\n        return undefined_name\n"
                          "    return inner()\nouter()\n"),
    "unpack_in_for_target": "for a, b in [(1, 2), (3,)]:\n    pass\n",
    # Host library frames between guest frames are shown as CPython shows them.
    "host_library_frames": "import json\ndef parse(s):\n    return json.loads(s)\nparse('{bad')\n",
    "host_calls_back_guest": ("import json\ndef hook(d):\n    raise ValueError('hook refused')\n"
                              "json.loads('{\"a\": 1}', object_hook=hook)\n"),
    "asyncio_task": ("import asyncio\nasync def inner():\n    await asyncio.sleep(0)\n"
                     "    raise KeyError('deep')\nasync def main():\n    await asyncio.create_task(inner())\n"
                     "asyncio.run(main())\n"),
    "eval_string_frame": "x = 0\nprint(eval('1 + 1'))\neval('10 / x')\n",
    "exit_raises_at_with_line": ("import contextlib\n@contextlib.contextmanager\ndef cm():\n    yield\n"
                                 "    raise RuntimeError('after yield')\nwith cm():\n    pass\n"),
}


@pytest.mark.parametrize("name", sorted(TRACEBACK_CASES))
def test_traceback_shapes_are_cpythons(tmp_path, name):
    script = tmp_path / f"{name}.py"
    script.write_text(TRACEBACK_CASES[name])
    ours = run(PJ + [str(script)])
    theirs = run([sys.executable, str(script)])
    assert (ours.stdout, ours.returncode) == (theirs.stdout, theirs.returncode)
    assert _without_markers(ours.stderr) == _without_markers(theirs.stderr)


# ---- python3's one-letter flags -------------------------------------------------------

FLAG_PROBE = ("import sys; print(__debug__, sys.flags.optimize, sys.flags.quiet, "
              "sys.flags.dont_write_bytecode, sys.flags.safe_path, sys.flags.isolated, "
              "sys.flags.ignore_environment, sys.flags.no_user_site, sorted(sys._xoptions.items()))")


@pytest.mark.parametrize("flags", [[], ["-O"], ["-q"], ["-B"], ["-P"], ["-I"], ["-E"], ["-s"],
                                   ["-S"], ["-u"], ["-uBq"], ["-Xfoo=1", "-X", "bar"]])
def test_flags_match_cpython(flags):
    ours = run(PJ + flags + ["-c", FLAG_PROBE])
    theirs = run([sys.executable] + flags + ["-c", FLAG_PROBE])
    assert (ours.stdout, ours.returncode) == (theirs.stdout, theirs.returncode)


def test_dash_O_removes_asserts():
    code = "assert False, 'kept'\nprint('removed')"
    ours = run(PJ + ["-O", "-c", code])
    theirs = run([sys.executable, "-O", "-c", code])
    assert (ours.stdout, ours.returncode) == (theirs.stdout, theirs.returncode) == ("removed\n", 0)


@pytest.mark.parametrize("option", [["-Werror"], ["-W", "error::UserWarning"], ["-Wignore"]])
def test_dash_W_filters_warnings(option):
    code = "import warnings\nwarnings.warn('careful')\nprint('after')"
    ours = run(PJ + option + ["-c", code])
    theirs = run([sys.executable] + option + ["-c", code])
    assert (ours.stdout, ours.returncode) == (theirs.stdout, theirs.returncode)
    assert ours.stderr.strip().splitlines()[-1:] == theirs.stderr.strip().splitlines()[-1:]


def test_dash_P_keeps_the_script_folder_off_the_path(tmp_path):
    (tmp_path / "helper_mod.py").write_text("X = 1\n")
    script = tmp_path / "s.py"
    script.write_text("try:\n    import helper_mod\n    print('found')\nexcept ImportError:\n"
                      "    print('not found')\n")
    for flags in ([], ["-P"]):
        ours = run(PJ + flags + [str(script)], cwd="/")
        theirs = run([sys.executable] + flags + [str(script)], cwd="/")
        assert ours.stdout == theirs.stdout


def test_dash_u_writes_through(tmp_path):
    # stdout to a pipe is block-buffered; with -u each write reaches it at once, so
    # the line precedes the stderr text in the combined stream, as with python3
    code = "import sys; print('out'); sys.stderr.write('err\\n'); sys.stderr.flush()"
    ours = subprocess.run(PJ + ["-u", "-c", code], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=50)
    theirs = subprocess.run([sys.executable, "-u", "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=50)
    assert ours.stdout == theirs.stdout == "out\nerr\n"


@pytest.mark.parametrize("flag", ["-b", "-d", "-i", "-v", "-x", "-R", "-OO"])
def test_flags_that_cannot_apply_name_themselves(flag):
    r = run(PJ + [flag, "-c", "pass"])
    assert r.returncode == 2
    assert r.stderr.startswith("protojit: ") and flag.rstrip("O") in r.stderr.splitlines()[0]


def test_messages_name_protojit(tmp_path):
    r = run(PJ + [str(tmp_path / "nonexist.py")])
    assert r.stderr.startswith(f"protojit: can't open file '{tmp_path / 'nonexist.py'}'")
    assert r.returncode == 2
    r = run(PJ + ["-m", "no_such_mod_xyz"])
    assert (r.stderr, r.returncode) == ("protojit: No module named no_such_mod_xyz\n", 1)


def test_guest_sys_executable_runs_protojit(tmp_path):
    # a guest that starts sys.executable starts protojit again (its child sees
    # protojit's own sys.flags/modules), not the host CPython
    code = ("import os, subprocess, sys\n"
            "r = subprocess.run([sys.executable, '-c', 'import sys; print(sys.executable)'],"
            " capture_output=True, text=True)\n"
            "print(os.path.basename(sys.executable), r.stdout.strip() == sys.executable, r.returncode)")
    r = run(PJ + ["-c", code])
    assert r.stdout == "protojit True 0\n", r.stderr
