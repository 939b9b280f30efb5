"""lib/os.py: the guest os, with environ/environb live over the C environment (runtime_c/env.c).

Most cases load the guest module under the host CPython by file path (a private name)
and compare it with the host os; the live behaviour (C code's setenv seen at once,
writes seen by C and by children) has no CPython equivalent and is checked directly.
Every variable a test sets has a unique name and is removed again.
"""
import ctypes
import errno
import importlib.util
import os as host_os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from protojit import native

LIB = Path(__file__).resolve().parents[2] / "lib"
PJ = [sys.executable, "-m", "protojit"]


def _load(name, filename):
    spec = importlib.util.spec_from_file_location(name, LIB / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


guest = _load("_pj_guest_os", "os.py")
spawn = _load("_pj_guest_pjspawn_for_os", "_pjspawn.py")
libc = ctypes.CDLL(None, use_errno=True)
libc.getenv.restype = ctypes.c_char_p
libc.getenv.argtypes = [ctypes.c_char_p]
libc.setenv.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
libc.unsetenv.argtypes = [ctypes.c_char_p]


@pytest.fixture
def name():
    """A unique variable name, removed from the C and host environments afterwards."""
    var = "PJ_OS_TEST_" + uuid.uuid4().hex[:12].upper()
    yield var
    libc.unsetenv(var.encode())
    host_os.environ.pop(var, None)


def outcome(fn):
    try:
        return ("ok", fn())
    except Exception as exc:  # noqa: BLE001 - the outcome is what we compare
        return ("raise", type(exc).__name__, str(exc))


# ---- the module ------------------------------------------------------------------------------


def test_reexports_the_host_os():
    for attr in ("path", "sep", "getcwd", "listdir", "stat", "open", "read", "write", "close",
                 "O_RDONLY", "SEEK_SET", "fspath", "fsencode", "DirEntry", "PathLike", "_exit"):
        assert getattr(guest, attr) is getattr(host_os, attr), attr
    assert set(host_os.__all__) <= set(guest.__all__)
    assert type(guest.environ).__name__ == "_Environ"


def test_spawn_functions_come_from_pjspawn(monkeypatch):
    # Loaded on first use by `import _pjspawn` (a guest import under protojit).
    monkeypatch.setitem(sys.modules, "_pjspawn", spawn)
    for attr in ("posix_spawn", "posix_spawnp", "waitpid", "pipe", "pipe2", "kill",
                 "waitstatus_to_exitcode", "fork", "POSIX_SPAWN_DUP2"):
        assert getattr(guest, attr) is getattr(spawn, attr), attr
    # (fork is CPython's own now: tests/programs/os_fork_guest.py runs it)


# ---- live environment ------------------------------------------------------------------------


def test_reads_see_what_c_code_set(name):
    assert name not in guest.environ
    assert libc.setenv(name.encode(), b"from C", 1) == 0
    assert guest.environ[name] == "from C"
    assert guest.getenv(name) == "from C"
    assert guest.environb[name.encode()] == b"from C"
    assert name in list(guest.environ)
    assert guest.environ.copy()[name] == "from C"
    libc.unsetenv(name.encode())
    assert name not in guest.environ
    with pytest.raises(KeyError) as info:
        guest.environ[name]
    assert info.value.args == (name,)


def test_writes_are_seen_by_c_code_children_and_host_os(name):
    guest.environ[name] = "guest value"
    assert libc.getenv(name.encode()) == b"guest value"
    assert host_os.environ[name] == "guest value"          # mirrored for host libraries
    out = subprocess.run(["sh", "-c", f'printf %s "${name}"'], capture_output=True, text=True,
                         timeout=30)
    assert out.stdout == "guest value"
    del guest.environ[name]
    assert libc.getenv(name.encode()) is None and name not in host_os.environ
    out = subprocess.run(["sh", "-c", f'printf %s "${{{name}-unset}}"'], capture_output=True,
                         text=True, timeout=30)
    assert out.stdout == "unset"


def test_putenv_unsetenv_are_live(name):
    guest.putenv(name, "put")
    assert guest.environ[name] == "put" and libc.getenv(name.encode()) == b"put"
    guest.unsetenv(name)
    assert guest.getenv(name, "gone") == "gone"
    guest.unsetenv(name)                                    # missing: no error, as in C


def test_values_longer_than_the_first_buffer(name):
    big = "x" * 100_000 + "end"
    guest.environ[name] = big
    assert guest.environ[name] == big
    assert guest.environ.copy()[name] == big                # snapshot larger than 4 KiB
    assert repr(guest.environ).startswith("environ({")


def test_surrogateescape_round_trip(name):
    guest.environb[name.encode()] = b"\xff\xfe raw"
    assert guest.environ[name] == "\udcff\udcfe raw"
    guest.environ[name] = "\udcff back"
    assert guest.environb[name.encode()] == b"\xff back"


def test_mapping_api_matches_cpython(name):
    other = name + "_B"
    try:
        for os_module in (host_os, guest):
            os_module.environ[name] = "1"
            assert os_module.environ.setdefault(name, "2") == "1"
            assert os_module.environ.setdefault(other, "3") == "3"
            assert os_module.environ.pop(other) == "3"
            assert os_module.environ.pop(other, "d") == "d"
            os_module.environ.update({other: "u"})
            env = os_module.environ
            env |= {other: "o"}
            assert env is os_module.environ and os_module.environ[other] == "o"
            merged = os_module.environ | {"PJ_NOT_SET_ANYWHERE": "m"}
            assert type(merged) is dict and "PJ_NOT_SET_ANYWHERE" not in os_module.environ
            assert type(os_module.environ.copy()) is dict
            del os_module.environ[other]
            del os_module.environ[name]
    finally:
        libc.unsetenv(other.encode())
        host_os.environ.pop(other, None)


ERROR_CASES = {
    "missing": lambda o: o.environ["PJ_SURELY_MISSING_VAR"],
    "del_missing": lambda o: o.environ.__delitem__("PJ_SURELY_MISSING_VAR"),
    "int_key": lambda o: o.environ.__setitem__(1, "a"),
    "int_value": lambda o: o.environ.__setitem__("PJ_X", 1),
    "none_value": lambda o: o.environ.__setitem__("PJ_X", None),
    "int_get": lambda o: o.environ.get(1),
    "int_in": lambda o: 1 in o.environ,
    "bytes_key": lambda o: o.environ[b"PATH"],
    "equals_in_name": lambda o: o.environ.__setitem__("A=B", "c"),
    "empty_name": lambda o: o.environ.__setitem__("", "c"),
    "nul_value": lambda o: o.environ.__setitem__("PJ_X", "a\0b"),
    "nul_name": lambda o: o.environ.__setitem__("A\0B", "c"),
    "environb_str": lambda o: o.environb.__setitem__("K", b"v"),
    "environb_value": lambda o: o.environb.__setitem__(b"K", "v"),
    "environb_missing": lambda o: o.environb[b"PJ_SURELY_MISSING_VAR"],
    "getenv_int": lambda o: o.getenv(1),
    "getenvb_str": lambda o: o.getenvb("PATH"),
    "putenv_int": lambda o: o.putenv(1, "a"),
    "putenv_equals": lambda o: o.putenv("A=", "a"),
    "putenv_empty": lambda o: o.putenv("", "a"),
    "unsetenv_empty": lambda o: o.unsetenv(""),
    "unsetenv_int": lambda o: o.unsetenv(1),
    "or_int": lambda o: o.environ | 1,
    "ior_int": lambda o: o.environ.__ior__(1),
    "setdefault_int": lambda o: o.environ.setdefault("PJ_SURELY_MISSING_VAR", 1),
    "pop_int": lambda o: o.environ.pop(1, None),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_errors_match_cpython(case):
    fn = ERROR_CASES[case]
    theirs = outcome(lambda: fn(host_os))
    ours = outcome(lambda: fn(guest))
    assert ours == theirs
    assert theirs[0] == "raise"


def test_get_exec_path_uses_the_live_environment(name):
    assert guest.get_exec_path({"PATH": "/a:/b"}) == ["/a", "/b"]
    assert guest.get_exec_path() == guest.environ.get("PATH", host_os.defpath).split(":")


def test_concurrent_readers_and_writers():
    names = [f"PJ_OS_THREAD_{uuid.uuid4().hex[:8].upper()}_{i}" for i in range(6)]
    errors = []
    stop = threading.Event()

    def writer(var):
        try:
            for n in range(300):
                guest.environ[var] = str(n)
                if guest.environ[var] != str(n):
                    errors.append(f"{var}: read back {guest.environ[var]!r}, wrote {n}")
                if n % 3 == 0:
                    del guest.environ[var]
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(repr(exc))

    def reader():
        try:
            while not stop.is_set():
                snapshot = guest.environ.copy()
                for var, value in snapshot.items():
                    if var in names and not value.isdigit():
                        errors.append(f"torn value {value!r}")
                len(guest.environ)
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=writer, args=(var,)) for var in names]
    readers = [threading.Thread(target=reader) for _ in range(2)]
    try:
        for t in threads + readers:
            t.start()
        for t in threads:
            t.join(timeout=50)
    finally:
        stop.set()
        for t in readers:
            t.join(timeout=50)
        for var in names:
            libc.unsetenv(var.encode())
            host_os.environ.pop(var, None)
    assert errors == []
    assert not any(t.is_alive() for t in threads + readers)


# ---- runtime_c/env.c at its edges --------------------------------------------------------------


def test_env_c_edges(name):
    lib = native.lib()
    size = ctypes.c_size_t(0)
    key = name.encode()
    assert lib.pj_setenv(key, b"12345", 1) == 0
    assert lib.pj_getenv(key, None, 0, ctypes.byref(size)) == -errno.ERANGE
    assert size.value == 5
    buf = ctypes.create_string_buffer(5)
    assert lib.pj_getenv(key, buf, 5, ctypes.byref(size)) == -errno.ERANGE   # no room for NUL
    buf = ctypes.create_string_buffer(6)
    assert lib.pj_getenv(key, buf, 6, ctypes.byref(size)) == 0 and buf.value == b"12345"
    assert lib.pj_setenv(key, b"other", 0) == 0                 # overwrite=0 keeps it
    assert lib.pj_getenv(key, buf, 6, ctypes.byref(size)) == 0 and buf.value == b"12345"
    assert lib.pj_getenv(key, buf, 6, None) == -errno.EINVAL
    assert lib.pj_getenv(b"", buf, 6, ctypes.byref(size)) == -errno.EINVAL
    assert lib.pj_getenv(b"A=B", buf, 6, ctypes.byref(size)) == -errno.EINVAL
    assert lib.pj_getenv(None, buf, 6, ctypes.byref(size)) == -errno.EINVAL
    assert lib.pj_getenv(b"PJ_SURELY_MISSING_VAR", buf, 6, ctypes.byref(size)) == -errno.ENOENT
    assert lib.pj_setenv(key, None, 1) == -errno.EINVAL
    assert lib.pj_setenv(b"", b"v", 1) == -errno.EINVAL
    assert lib.pj_setenv(b"A=B", b"v", 1) == -errno.EINVAL
    assert lib.pj_unsetenv(b"") == -errno.EINVAL
    assert lib.pj_unsetenv(b"PJ_SURELY_MISSING_VAR") == 0
    count = ctypes.c_size_t(0)
    assert lib.pj_environ_count(ctypes.byref(count)) == 0 and count.value >= 1
    assert lib.pj_environ_count(None) == -errno.EINVAL
    assert lib.pj_environ_entry(count.value, buf, 6, ctypes.byref(size)) == -errno.ENOENT
    assert lib.pj_environ_snapshot(None, 0, ctypes.byref(size)) == -errno.ERANGE
    needed = size.value
    snap = ctypes.create_string_buffer(needed)
    assert lib.pj_environ_snapshot(snap, needed, ctypes.byref(size)) == 0
    assert f"{name}=12345".encode() in snap.raw[:size.value].split(b"\0")
    assert lib.pj_environ_snapshot(snap, needed, None) == -errno.EINVAL
    assert lib.pj_unsetenv(key) == 0
    assert lib.pj_getenv(key, buf, 6, ctypes.byref(size)) == -errno.ENOENT


# ---- under protojit ---------------------------------------------------------------------------


GUEST_PROGRAM = '''\
import ctypes, os, subprocess, sys
libc = ctypes.CDLL(None)
libc.getenv.restype = ctypes.c_char_p
libc.setenv(b"PJ_GUEST_FROM_C", b"set by C", 1)
print(os.environ["PJ_GUEST_FROM_C"], "PJ_GUEST_FROM_C" in os.environ)
os.environ["PJ_GUEST_TO_C"] = "seen by C"
print(libc.getenv(b"PJ_GUEST_TO_C").decode())
print(subprocess.run(["sh", "-c", "echo $PJ_GUEST_TO_C"], capture_output=True,
                     text=True).stdout.strip())
os.putenv("PJ_GUEST_PUT", "put")
print(os.environ["PJ_GUEST_PUT"])
print(type(os.environ).__name__, repr(os.environ).startswith("environ({"))
import os.path
from os import path, sep
print(os.path is path, sep)
'''


def test_guest_os_under_protojit(tmp_path):
    script = tmp_path / "guest_env.py"
    script.write_text(GUEST_PROGRAM)
    out = subprocess.run(PJ + [str(script)], capture_output=True, text=True, timeout=50)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "set by C True", "seen by C", "seen by C", "put", "_Environ True", "True /"]
