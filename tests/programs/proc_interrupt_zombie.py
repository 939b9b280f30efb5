"""subprocess as CPython's test_subprocess checks it: a KeyboardInterrupt out of
communicate() or wait() waits once, briefly (_sigint_wait_secs), for the child and goes
on, with no open-ended wait after it (call(), run(), a with block); a Popen collected
while its child runs warns ResourceWarning and stays in subprocess._active; EncodingWarning
under -X warn_default_encoding at the caller's line; subprocess._fork_exec is
_posixsubprocess's, and an exception in preexec_fn comes back as SubprocessError."""
import gc
import subprocess
import sys
import warnings
from unittest import mock

SLEEPER = [sys.executable, "-c", "import time; time.sleep(30)"]


class RecordingPopen(subprocess.Popen):
    instances = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instances.append(self)


def interrupted(name, popener, **kwargs):
    RecordingPopen.instances.clear()
    with mock.patch.object(subprocess.Popen, "_communicate", side_effect=KeyboardInterrupt), \
            mock.patch.object(subprocess.Popen, "_wait", side_effect=KeyboardInterrupt) as w, \
            mock.patch.object(subprocess, "Popen", RecordingPopen):
        try:
            popener(SLEEPER, stdout=subprocess.DEVNULL, **kwargs)
        except KeyboardInterrupt:
            print(name, "KeyboardInterrupt;", "_wait calls:", w.call_args_list)
    for p in RecordingPopen.instances:
        p.kill()
        p.wait()
        print("  killed:", p.returncode)


def in_with_block(*args, **kwargs):
    with subprocess.Popen(*args, **kwargs):
        raise KeyboardInterrupt


interrupted("call", subprocess.call, timeout=6.282)
interrupted("run", subprocess.run, timeout=6.282)
interrupted("with", in_with_block)

p = subprocess.Popen(SLEEPER)
ident, pid = id(p), p.pid
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    p = None
    gc.collect()
print("collected:", [(w.category.__name__, str(w.message) == f"subprocess {pid} is still running")
                     for w in caught], ident in [id(o) for o in subprocess._active])
for o in subprocess._active:
    o.kill()
    o.wait()

code = ("from subprocess import *\n"
        "run('echo hello', shell=True, text=True, stdout=DEVNULL)\n"
        "check_output('echo hello', shell=True, text=True)\n")
cp = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-c", code], capture_output=True)
print([line.split(b": ")[:2] for line in cp.stderr.splitlines()], cp.returncode)
print("_fork_exec:", subprocess._fork_exec is __import__("_posixsubprocess").fork_exec)


def raise_it():
    raise ValueError("What if two swallows carried a coconut?")


try:
    subprocess.Popen([sys.executable, "-c", ""], preexec_fn=raise_it)
except subprocess.SubprocessError as e:
    print("preexec_fn:", type(e).__name__, e)
