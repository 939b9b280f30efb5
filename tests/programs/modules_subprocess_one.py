"""One `subprocess` module in the process: mock.patch("subprocess.x") and importlib see the
program's module, a replaced subprocess._fork_exec is what Popen calls (CPython's
argument list: the error pipe at 13, _USE_VFORK last), and an error that the child
reports over that pipe raises as CPython raises it."""
import errno, importlib, os, subprocess, sys
from unittest import mock

print(importlib.import_module("subprocess") is subprocess, subprocess.os is os)
with mock.patch("subprocess._fork_exec") as fork_exec:
    fork_exec.side_effect = RuntimeError("just testing")
    try:
        subprocess.run([sys.executable, "-c", "pass"])
    except RuntimeError as exc:
        print("RuntimeError", exc)
    print(fork_exec.call_count, fork_exec.call_args.args[-1], len(fork_exec.call_args.args))
    with mock.patch.object(subprocess, "_USE_VFORK", False):
        try:
            subprocess.run([sys.executable, "-c", "pass"])
        except RuntimeError:
            print(fork_exec.call_args.args[-1])


def child_error(data):
    def fork_exec(*args):
        os.write(args[13], data)
        return 0
    return fork_exec


for data in (b"OSError:%x:" % errno.EISDIR, b"\xff\x00\xde\xad", b"ValueError:0:bad value"):
    with mock.patch("subprocess._fork_exec", side_effect=child_error(data)), \
            mock.patch("subprocess.os.waitpid", side_effect=ChildProcessError):
        try:
            subprocess.Popen(["non_existent_command"])
        except Exception as exc:
            print(type(exc).__name__, exc)
print(subprocess.run([sys.executable, "-c", "print(6 * 7)"], capture_output=True).stdout)
