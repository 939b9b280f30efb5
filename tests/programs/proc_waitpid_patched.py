"""subprocess's wait() asks os.waitpid by name, as CPython's does: a program or a test that
replaces subprocess.os.waitpid (unittest.mock.patch) answers for it, a stopped status
(WIFSTOPPED) gives -signal, an exit status its code (issue 19: CPython's test_stopped)."""
import os
import subprocess
import sys
from unittest import mock

proc = subprocess.Popen([sys.executable, "-c", "pass"])
os.waitpid(proc.pid, 0)      # reaped here: wait() below sees only what the patch says
stopped = 0x7f | (3 << 8)    # W_STOPCODE(3)
with mock.patch("subprocess.os.waitpid", return_value=(proc.pid, stopped)) as patched:
    print(proc.wait(), patched.call_count, patched.call_args == mock.call(proc.pid, 0))

proc = subprocess.Popen([sys.executable, "-c", "pass"])
os.waitpid(proc.pid, 0)
with mock.patch("subprocess.os.waitpid", return_value=(proc.pid, 7 << 8)):
    print(proc.wait(), proc.returncode)
proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.exit(5)"])
print(proc.wait(), os.waitpid is subprocess.os.waitpid)
