"""Shared pytest setup.

- tests/programs/ holds guest programs (and packages they import) that
  tests/test_programs.py runs as subprocesses; pytest must never import them.
- The leak check: a test run must leave nothing behind. Every process the run
  starts inherits a marker in its environment and every temporary file goes to
  a private TMPDIR; at the end of the session, a live process carrying the
  marker, a thread still running, or a file left in that TMPDIR fails the run.
- Every protojit the run starts (and the compiles done in this process) uses a private
  compiled-code cache, PROTOJIT_CACHE_DIR in that TMPDIR, never the user's cache; a test
  that needs a cold or a shared cache of its own sets PROTOJIT_CACHE_DIR itself.
- Hypothesis is derandomized (the same examples every run: a failure in CI reproduces) and
  keeps no example database; HYPOTHESIS_PROFILE=explore draws new random examples.
"""
import ctypes
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid

import pytest
from hypothesis import settings as hypothesis_settings

collect_ignore = ["programs"]

hypothesis_settings.register_profile("derandomized", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "derandomized"))

_MARKER = "PJ_TEST_RUN"
_CACHE = "jit-cache"          # the run's compiled-code cache, inside its TMPDIR
_state = {}


def pytest_sessionstart(session):
    token = uuid.uuid4().hex
    tmp = tempfile.mkdtemp(prefix="pj-tests-")
    _state.update(token=token, tmp=tmp, saved_tmpdir=os.environ.get("TMPDIR"),
                  saved_cache=os.environ.get("PROTOJIT_CACHE_DIR"))
    os.environ[_MARKER] = token
    os.environ["TMPDIR"] = tmp
    tempfile.tempdir = tmp
    os.environ["PROTOJIT_CACHE_DIR"] = os.path.join(tmp, _CACHE)


def _marked_processes(token):
    """PIDs (other than ours) whose environment carries this run's marker."""
    needle = f"{_MARKER}={token}".encode()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                environ = f.read()
            with open(f"/proc/{name}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            found.append((int(name), state.decode()))
    return found


def _leftover_runtime_threads():
    """Threads started in this process through the C runtime (pj_thread_start) still running."""
    native = sys.modules.get("protojit.native")
    if native is None or native._lib is None:
        return []
    count = ctypes.c_long()
    if native._lib.pj_thread_live_count(ctypes.byref(count)) != 0 or count.value <= 0:
        return []
    return [f"{count.value} leftover runtime thread(s) (pj_thread_live_count)"]


def _leftovers():
    problems = []
    # Children get a moment to finish exiting before they count as leaked.
    deadline = time.monotonic() + 3.0
    while True:
        procs = _marked_processes(_state["token"])
        if not procs or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    for pid, state in procs:
        kind = "zombie" if state == "Z" else "process"
        problems.append(f"leftover {kind} {pid}")
    threads = [t for t in threading.enumerate()
               if t is not threading.main_thread() and t.is_alive() and not t.daemon]
    problems += [f"leftover thread {t.name!r}" for t in threads]
    problems += _leftover_runtime_threads()
    tmp = _state["tmp"]
    problems += [f"leftover temporary file {os.path.join(tmp, n)}" for n in sorted(os.listdir(tmp))
                 if not n.startswith("pytest-of-")     # pytest's own tmp_path, removed by pytest
                 and n != _CACHE]
    return problems


def pytest_sessionfinish(session, exitstatus):
    if not _state:
        return
    problems = _leftovers()
    shutil.rmtree(_state["tmp"], ignore_errors=True)
    for name, saved in (("TMPDIR", _state["saved_tmpdir"]), ("PROTOJIT_CACHE_DIR", _state["saved_cache"])):
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.section("leak check: the test run left resources behind", red=True)
            for line in problems:
                reporter.write_line(line)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
