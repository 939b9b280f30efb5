"""lib/subprocess.py and lib/_pjspawn.py (over runtime_c/spawn.c), run under the host CPython.

Differential: each case runs the same commands through the host `subprocess`
(or `os`) and through the guest module loaded by file path under a private
name, and compares returncodes, output, exception types and messages.
"""
import ctypes
import errno
import gc
import importlib.util
import os
import signal
import subprocess as host
import sys
import time
from pathlib import Path

import pytest

from protojit import native

LIB = Path(__file__).resolve().parents[2] / "lib"


def _load(name, filename):
    spec = importlib.util.spec_from_file_location(name, LIB / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


guest = _load("_pj_guest_subprocess", "subprocess.py")
spawn = _load("_pj_guest_pjspawn", "_pjspawn.py")


def outcome(fn, module):
    """('ok', value) or ('raise', type name, str) of fn(module)."""
    try:
        return ("ok", fn(module))
    except Exception as exc:  # noqa: BLE001 - the outcome is what we compare
        return ("raise", type(exc).__name__, str(exc))


def same(fn):
    theirs = outcome(fn, host)
    ours = outcome(fn, guest)
    assert ours == theirs
    return ours


def _cp(result):
    return (repr(result), result.returncode, result.stdout, result.stderr)


PRINTF_CRLF = ["printf", "a\\r\\nb\\rc\\n\\377"]
CASES = {
    "plain": lambda sp: _cp(sp.run(["true"])),
    "exit_code": lambda sp: _cp(sp.run(["sh", "-c", "exit 7"])),
    "capture": lambda sp: _cp(sp.run(["sh", "-c", "echo out; echo err >&2"], capture_output=True)),
    "stderr_stdout": lambda sp: _cp(sp.run(["sh", "-c", "echo out; echo err >&2"],
                                           stdout=sp.PIPE, stderr=sp.STDOUT)),
    "devnull": lambda sp: _cp(sp.run(["sh", "-c", "echo out; echo err >&2; cat"],
                                     stdin=sp.DEVNULL, stdout=sp.DEVNULL, stderr=sp.PIPE)),
    "input_bytes": lambda sp: _cp(sp.run(["cat"], input=b"abc\n", capture_output=True)),
    "input_text": lambda sp: _cp(sp.run(["cat"], input="h\u00e9\n", capture_output=True,
                                        text=True)),
    "encoding": lambda sp: _cp(sp.run(["cat"], input="x\u20ac", stdout=sp.PIPE,
                                      encoding="utf-8")),
    "universal": lambda sp: _cp(sp.run(PRINTF_CRLF, capture_output=True,
                                       universal_newlines=True, errors="replace")),
    "errors": lambda sp: _cp(sp.run(PRINTF_CRLF, capture_output=True, encoding="ascii",
                                    errors="backslashreplace")),
    "decode_error": lambda sp: _cp(sp.run(PRINTF_CRLF, capture_output=True, encoding="ascii")),
    "env": lambda sp: _cp(sp.run(["sh", "-c", "echo $PJ_X; echo ${HOME-unset}"],
                                 env={"PJ_X": "1 2", "PATH": "/usr/bin:/bin"},
                                 capture_output=True)),
    "env_path_search": lambda sp: _cp(sp.run(["echo", "found"], env={"PATH": "/nonexistent:/bin"},
                                             capture_output=True)),
    "cwd": lambda sp: _cp(sp.run(["pwd"], cwd="/usr", capture_output=True)),
    "cwd_relative_program": lambda sp: _cp(sp.run(["./true"], cwd="/bin", capture_output=True)),
    "shell": lambda sp: _cp(sp.run("echo $((6*7)) | tr 4 X", shell=True, capture_output=True)),
    "shell_list": lambda sp: _cp(sp.run(["echo $0 $1", "a", "b"], shell=True, capture_output=True)),
    "check": lambda sp: _cp(sp.run(["sh", "-c", "echo o; exit 3"], check=True,
                                   capture_output=True)),
    "signal": lambda sp: _cp(sp.run(["sh", "-c", "kill -TERM $$"])),
    "signal_check": lambda sp: sp.run(["sh", "-c", "kill -KILL $$"], check=True),
    "missing": lambda sp: sp.run(["pj-no-such-program"]),
    "missing_path": lambda sp: sp.run(["/pj/no/such/program"]),
    "missing_env": lambda sp: sp.run(["pj-no-such-program"], env={"PATH": "/bin"}),
    "missing_bytes": lambda sp: sp.run([b"pj-no-such-program"]),
    "missing_cwd": lambda sp: sp.run(["true"], cwd="/pj/no/such/dir"),
    "cwd_not_dir": lambda sp: sp.run(["true"], cwd="/etc/passwd"),
    "not_executable": lambda sp: sp.run(["/etc/passwd"]),
    "null_byte": lambda sp: sp.run(["echo", "a\0b"]),
    "input_and_stdin": lambda sp: sp.run(["cat"], input=b"", stdin=sp.PIPE),
    "capture_and_stdout": lambda sp: sp.run(["true"], capture_output=True, stdout=sp.PIPE),
    "call": lambda sp: sp.call(["sh", "-c", "exit 2"]),
    "check_call_ok": lambda sp: sp.check_call(["true"]),
    "check_call": lambda sp: sp.check_call(["false"]),
    "check_output": lambda sp: sp.check_output(["sh", "-c", "echo x; echo y >&2"],
                                               stderr=sp.STDOUT, text=True),
    "check_output_fail": lambda sp: sp.check_output(["sh", "-c", "echo x; exit 1"]),
    "check_output_input_none": lambda sp: sp.check_output(["cat"], input=None),
    "check_output_stdout": lambda sp: sp.check_output(["true"], stdout=sp.PIPE),
    "getoutput": lambda sp: sp.getoutput("echo one; echo two >&2"),
    "getstatusoutput": lambda sp: sp.getstatusoutput("echo bad; exit 5"),
    "completed_repr": lambda sp: repr(sp.CompletedProcess(["a"], 0, b"x", None)),
    "check_returncode": lambda sp: sp.CompletedProcess("c", 3, "o", "e").check_returncode(),
    "timeout_str": lambda sp: str(sp.TimeoutExpired(["x"], 1.5)),
    "called_str": lambda sp: str(sp.CalledProcessError(-99, "x")),
    "path_like": lambda sp: _cp(sp.run(Path("/bin/true"))),
    "bad_text_args": lambda sp: sp.run(["true"], text=True, universal_newlines=False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_run_forms_match_cpython(name):
    same(CASES[name])


def test_file_object_and_fd_targets(tmp_path):
    def body(sp):
        path = tmp_path / "out.txt"
        with open(path, "wb") as f:
            sp.run(["sh", "-c", "echo to-file; echo err >&2"], stdout=f, stderr=f.fileno())
        with open(path, "rb") as f:
            got = sp.run(["cat"], stdin=f, capture_output=True).stdout
        return got
    same(body)


def test_timeout_kills_and_reaps():
    # the children sleep forever: run() returns only because it killed them
    for sp in (host, guest):
        with pytest.raises(sp.TimeoutExpired) as info:
            sp.run(["sleep", "infinity"], timeout=0.3, capture_output=True)
        assert str(info.value) == "Command '['sleep', 'infinity']' timed out after 0.3 seconds"
        assert info.value.stdout is None and info.value.stderr is None
    # partial output is kept in the exception; no pipes: the timeout is the time left
    got = same(lambda sp: _timeout_output(sp))
    assert got[1][0] == b"early\n"


def _timeout_output(sp):
    # run() gives no point to wait for the first output: 2 s leaves a loaded machine room
    try:
        sp.run(["sh", "-c", "echo early; exec sleep infinity"], timeout=2, capture_output=True,
               text=True)
    except sp.TimeoutExpired as exc:
        return exc.stdout, exc.stderr, exc.timeout, exc.cmd
    return None


def test_large_output_on_both_pipes_does_not_deadlock():
    cmd = ["sh", "-c", "head -c 2000000 /dev/zero | tr '\\0' o; head -c 2000000 /dev/zero | tr '\\0' e >&2"]
    result = guest.run(cmd, capture_output=True, timeout=30)
    expected = host.run(cmd, capture_output=True, timeout=30)
    assert (result.returncode, result.stdout, result.stderr) == (
        expected.returncode, expected.stdout, expected.stderr)
    assert len(result.stdout) == len(result.stderr) == 2_000_000
    data = os.urandom(1 << 21)
    echoed = guest.run(["sh", "-c", "cat; cat /dev/null >&2"], input=data, capture_output=True,
                       timeout=30)
    assert echoed.stdout == data


def test_popen_protocol():
    def body(sp):
        log = []
        with sp.Popen(["cat"], stdin=sp.PIPE, stdout=sp.PIPE) as p:
            assert p.pid > 0 and p.poll() is None
            log.append(repr(p))
            p.stdin.write(b"line\n")
            p.stdin.flush()
            log.append(p.stdout.readline())
            log.append(p.communicate(b"rest"))
        log.append((p.returncode, repr(p)))
        p = sp.Popen(["sleep", "infinity"])
        try:
            p.wait(timeout=0.1)
        except sp.TimeoutExpired as exc:
            log.append(str(exc))
        p.kill()
        log.append((p.wait(), p.poll(), repr(p)))
        p.send_signal(signal.SIGTERM)   # already reaped: silently nothing
        # the child says on a pipe that it wrote "a": the output is there before communicate
        said_r, said_w = os.pipe()
        p = sp.Popen(["sh", "-c", f"echo a; echo >&{said_w}; exec sleep infinity"],
                     stdout=sp.PIPE, stderr=sp.PIPE, pass_fds=(said_w,))
        os.close(said_w)
        os.read(said_r, 1)
        os.close(said_r)
        try:
            p.communicate(timeout=0.3)
        except sp.TimeoutExpired as exc:
            log.append((exc.stdout, exc.stderr, exc.timeout))
        p.terminate()
        log.append(p.communicate())   # continues where the timed-out call stopped
        log.append(p.returncode)
        return log
    same(body)


def test_popen_text_streams_and_long_repr():
    def body(sp):
        with sp.Popen(["cat"], stdin=sp.PIPE, stdout=sp.PIPE, text=True, bufsize=1) as p:
            p.stdin.write("t\u00e9xt\n")
            first = p.stdout.readline()
            out, err = p.communicate()
        return first, out, err, repr(sp.Popen(["true"] + ["arg"] * 30, stdout=sp.DEVNULL))[:90]
    same(body)


def _child_state(sp, **kwargs):
    code = ("import os; print(sorted(int(f) for f in os.listdir('/proc/self/fd')));"
            "print(os.getsid(0) == os.getpid(), os.getpgid(0) == os.getpid())")
    python = sp.run([sys.executable, "-c", code], capture_output=True, text=True, **kwargs).stdout
    # A program that keeps the dispositions and mask it starts with (Python
    # itself ignores SIGPIPE and SIGXFSZ at startup, which would hide them).
    signals = sp.run(["grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status"],
                     capture_output=True, text=True, **kwargs).stdout
    return python + signals


def test_fds_signals_and_sessions_match_cpython():
    r, w = os.pipe()
    os.set_inheritable(r, True)   # leaks unless close_fds closes it
    old_ignored = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    try:
        for kwargs in ({}, {"close_fds": False}, {"pass_fds": (w,)},
                       {"restore_signals": False}, {"start_new_session": True},
                       {"process_group": 0}):
            assert _child_state(guest, **kwargs) == _child_state(host, **kwargs), kwargs
        # the child starts with the parent's blocked mask, as after fork+exec
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1, signal.SIGWINCH})
        try:
            ours = _child_state(guest)
            assert ours == _child_state(host)
            assert "SigBlk:\t0000000008000200" in ours
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
    finally:
        signal.signal(signal.SIGPIPE, old_ignored)
        os.close(r)
        os.close(w)


def _zombie_children():
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] == "Z" and int(fields[1]) == os.getpid():
            found.append(int(entry))
    return found


def test_no_zombies_left():
    p = guest.Popen(["true"])
    pid = p.pid
    del p                      # collected while possibly running: goes to _active
    gc.collect()
    deadline = time.monotonic() + 10
    # Poll until it has exited: a zombie (in _active, not reaped yet) or already reaped
    # (by __del__, if it had exited by then).
    while pid not in _zombie_children() and os.path.exists(f"/proc/{pid}") \
            and time.monotonic() < deadline:
        time.sleep(0.005)
    guest.run(["true"])        # a new Popen reaps what is in _active
    with pytest.raises(guest.TimeoutExpired):
        guest.run(["sleep", "infinity"], timeout=0.1)
    with pytest.raises(FileNotFoundError):
        guest.run(["pj-no-such-program"])
    assert pid not in _zombie_children()
    assert _zombie_children() == []


# ---- lib/_pjspawn.py against the host os module

SPAWN_CASES = {
    "missing": lambda o: o.posix_spawn("/pj/nonexistent", ["x"], {}),
    "missing_p": lambda o: o.posix_spawnp("pj-nonexistent", ["x"], {}),
    "argv_empty": lambda o: o.posix_spawn("/bin/true", [], {}),
    "argv0_empty": lambda o: o.posix_spawn("/bin/true", [""], {}),
    "argv_str": lambda o: o.posix_spawn("/bin/true", "ab", {}),
    "env_none": lambda o: o.posix_spawn("/bin/true", ["a"], None),
    "env_bad_name": lambda o: o.posix_spawn("/bin/true", ["a"], {"a=b": "c"}),
    "null_byte": lambda o: o.posix_spawn("/bin/true", ["a\0"], {}),
    "action_empty": lambda o: o.posix_spawn("/bin/true", ["a"], {}, file_actions=[()]),
    "action_unknown": lambda o: o.posix_spawn("/bin/true", ["a"], {}, file_actions=[(9,)]),
    "action_short": lambda o: o.posix_spawn("/bin/true", ["a"], {}, file_actions=[(1,)]),
    "action_not_tuple": lambda o: o.posix_spawn("/bin/true", ["a"], {}, file_actions=[1]),
    "actions_not_seq": lambda o: o.posix_spawn("/bin/true", ["a"], {}, file_actions=5),
    "sig_range": lambda o: o.posix_spawn("/bin/true", ["a"], {}, setsigmask=[65]),
    "open_fails": lambda o: o.posix_spawn("/bin/true", ["a"], {}, file_actions=[
        (o.POSIX_SPAWN_OPEN, 1, "/pj/nonexistent/x", os.O_RDONLY, 0)]),
    "waitpid_none": lambda o: o.waitpid(-1, os.WNOHANG),
    "wstatus_stopped": lambda o: o.waitstatus_to_exitcode(0x137F),
    "wstatus_exit": lambda o: o.waitstatus_to_exitcode(3 << 8),
    "wstatus_signal": lambda o: o.waitstatus_to_exitcode(9),
}


@pytest.mark.parametrize("name", sorted(SPAWN_CASES))
def test_posix_spawn_matches_os(name):
    assert outcome(SPAWN_CASES[name], spawn) == outcome(SPAWN_CASES[name], os)


def test_posix_spawn_file_actions_and_wait(tmp_path):
    def body(o):
        path = tmp_path / f"out-{o.__name__}"
        pid = o.posix_spawnp("sh", ["sh", "-c", "echo out; echo err >&2; exit 4"], dict(os.environ),
                             file_actions=[(o.POSIX_SPAWN_OPEN, 1, str(path),
                                            os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
                                           (o.POSIX_SPAWN_DUP2, 1, 2),
                                           (o.POSIX_SPAWN_CLOSE, 0)],
                             setsid=True)
        got, status = o.waitpid(pid, 0)
        return got == pid, status, o.waitstatus_to_exitcode(status), path.read_bytes()
    assert body(spawn) == body(os)


def test_waitpid_nohang_kill_pipe_and_fork():
    pid = spawn.posix_spawn("/bin/sleep", ["sleep", "5"], {})
    try:
        assert spawn.waitpid(pid, os.WNOHANG) == (0, 0)
        spawn.kill(pid, 0)
    finally:
        spawn.kill(pid, signal.SIGKILL)
        got, status = spawn.waitpid(pid, 0)
    assert got == pid and os.waitstatus_to_exitcode(status) == -signal.SIGKILL
    r, w = spawn.pipe()
    try:
        assert not os.get_inheritable(r) and not os.get_inheritable(w)
        os.write(w, b"x")
        assert os.read(r, 1) == b"x"
    finally:
        os.close(r)
        os.close(w)
    pid = spawn.fork()        # CPython's own fork (the child leaves at once, never into pytest)
    if pid == 0:
        os._exit(7)
    got, status = spawn.waitpid(pid, 0)
    assert got == pid and os.waitstatus_to_exitcode(status) == 7


def test_c_runtime_edges():
    lib = native.lib()
    pid = ctypes.c_int(-1)
    assert lib.pj_spawn(None, None, None, 0, None, 0, None, ctypes.byref(pid)) == -errno.EINVAL
    argv = (ctypes.c_char_p * 2)(b"true", None)
    bad = (native.SpawnAction * 1)(native.SpawnAction(kind=99))
    assert lib.pj_spawn(b"/bin/true", argv, None, 0, bad, 1, None, ctypes.byref(pid)) == -errno.EINVAL
    attrs = native.SpawnAttrs(flags=0x100)
    assert lib.pj_spawn(b"/bin/true", argv, None, 0, None, 0, ctypes.byref(attrs),
                        ctypes.byref(pid)) == -errno.EINVAL
    assert lib.pj_spawn(b"/pj/none", argv, None, 0, None, 0, None, ctypes.byref(pid)) == -errno.ENOENT
    fds = (ctypes.c_int * 2)()
    assert lib.pj_pipe(0x7FFFFFFF, fds) == -errno.EINVAL
    assert lib.pj_close(-1) == -errno.EBADF
    assert lib.pj_kill(os.getpid(), 100000) == -errno.EINVAL
    out = [ctypes.c_int() for _ in range(3)]
    assert lib.pj_waitpid(2 ** 22 + 12345, 0, *map(ctypes.byref, out)) == -errno.ECHILD
    assert lib.pj_waitpid(0, 0, None, None, None) == -errno.EINVAL


def test_children_see_the_live_environ(monkeypatch):
    def body(sp):
        return sp.run(["sh", "-c", "echo ${PJ_LIVE_ENV-unset}"], capture_output=True).stdout
    monkeypatch.setenv("PJ_LIVE_ENV", "seen")
    assert same(body)[1] == b"seen\n"
    monkeypatch.delenv("PJ_LIVE_ENV")
    assert same(body)[1] == b"unset\n"


def test_list2cmdline_matches_cpython():
    args = ["", "a", "a b", "a\tb", 'say "hi"', "back\\", "back\\\\", "both \\", 'q\\"x',
            '\\\\"', "trail\\ \\", b"bytes arg", "plain"]
    for i in range(len(args)):
        seq = args[i:] + args[:i]
        assert guest.list2cmdline(seq) == host.list2cmdline(seq)
    assert guest.list2cmdline([]) == host.list2cmdline([]) == ""


def test_waitpid_returns_eintr_to_the_guest_layer_which_retries():
    lib = native.lib()
    hits = []
    pid = None

    def handler(*_):
        hits.append(1)
        if len(hits) == 2:
            os.kill(pid, signal.SIGTERM)    # the retried wait then reaps it
    old = signal.signal(signal.SIGALRM, handler)
    pid = spawn.posix_spawn("/bin/sleep", ["sleep", "60"], {})
    try:
        # A repeating timer: whenever the wait starts, a signal interrupts it (no race with
        # a one-shot timer that fires before the call blocks).
        signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
        out = [ctypes.c_int() for _ in range(3)]
        assert lib.pj_waitpid(pid, 0, *map(ctypes.byref, out)) == -errno.EINTR
        got, status = spawn.waitpid(pid, 0)     # retried after the handler ran
        assert got == pid and os.waitstatus_to_exitcode(status) == -signal.SIGTERM
        assert len(hits) >= 2
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass


@pytest.mark.parametrize("env", [{"=A": "1"}, {"A=": "1"}, {"": "1"}, {"A": "a\0"}, {"A\0": "x"},
                                 {b"B": b"2"}, {"A": 1}, {"A=": "\0"}])
def test_env_checks_match_cpython(env):
    same(lambda sp: _cp(sp.run(["env"], env=env, capture_output=True)))
    assert outcome(lambda o: o.waitpid(o.posix_spawn("/bin/true", ["t"], env), 0)[1], spawn) \
        == outcome(lambda o: o.waitpid(o.posix_spawn("/bin/true", ["t"], env), 0)[1], os)


def test_null_in_args_is_checked_after_env_names():
    same(lambda sp: sp.run(["echo", "a\0"], env={"A=": "1"}))
    same(lambda sp: sp.run(["echo", "a\0"], env={"A": "\0"}))
