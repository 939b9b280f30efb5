"""A process on a pseudo-terminal, for tests of terminal behaviour (pagers, readline input).

PtySession starts argv with stdin, stdout and stderr on the slave side of a new pty of a
fixed size, and lets a test wait for text (bounded by a timeout) and type keys. Closing
the session kills the process if it is still running and closes the master side.
"""
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time


class PtySession:
    def __init__(self, argv, env=None, cwd=None, rows=24, cols=80):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        try:
            self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                         cwd=cwd, start_new_session=True, close_fds=True)
        finally:
            os.close(slave)
        self.output = b""
        self.eof = False

    def _read_some(self, timeout):
        if self.eof:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:          # EIO: every slave fd is closed, the process is done
            data = b""
        if not data:
            self.eof = True
            return False
        self.output += data
        return True

    def expect(self, text: bytes, timeout=30.0, start=0) -> int:
        """Wait until `text` appears in the output after offset `start`; its end offset."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.output.find(text, start)
            if found >= 0:
                return found + len(text)
            left = deadline - time.monotonic()
            if left <= 0 or self.eof:
                raise AssertionError(f"{text!r} not seen; output so far:\n"
                                     + self.output.decode(errors="replace")[-3000:])
            self._read_some(min(left, 0.5))

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait(self, timeout=30.0) -> int:
        """Read until the process ends; its exit code."""
        deadline = time.monotonic() + timeout
        while not self.eof and time.monotonic() < deadline:
            self._read_some(min(0.5, max(0.0, deadline - time.monotonic())))
        return self.proc.wait(timeout=max(0.1, deadline - time.monotonic()))

    def text(self) -> str:
        return self.output.decode(errors="replace").replace("\r\n", "\n")

    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)
        os.close(self.master)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
