"""The guest `subprocess` module: start programs, talk to them through pipes, reap them.

In: the public API of CPython 3.11's subprocess on POSIX (run, Popen, call,
check_call, check_output, getoutput, getstatusoutput and the exception
types), same argument names, results and messages. Out: child processes
started by posix_spawn through lib/_pjspawn.py (-> runtime_c/spawn.c), or, when
preexec_fn, user, group, extra_groups or umask ask for code in the child before
exec, by the host's _posixsubprocess.fork_exec (CPython's own fork+exec path).

Pipes are read with the host `selectors` module so a child that fills both
stdout and stderr never deadlocks. Every started child is reaped: by wait(),
by the context manager, or later through the `_active` list (like CPython).
Written for protojit from the documented behaviour of CPython's module.
"""
try:
    import _pjspawn               # guest: lib/ is on the guest path
except ImportError:               # host CPython (unit tests): the installed package
    from protojit.lib import _pjspawn

from protojit.hostmods import host_import as _host_import

# Children started with env=None inherit the C environment. The guest's os.environ
# (lib/os.py) is live over it, and the host's writes through with putenv, so
# guest changes to os.environ reach children without copying it per spawn.

_os = _host_import("os")
_io = _host_import("io")
_sys = _host_import("sys")
_time = _host_import("time")
_errno = _host_import("errno")
_signal = _host_import("signal")
_locale = _host_import("locale")
_select = _host_import("select")
_selectors = _host_import("selectors")
_threading = _host_import("threading")
_types = _host_import("types")
_warnings = _host_import("warnings")
_builtins = _host_import("builtins")
_posixsubprocess = _host_import("_posixsubprocess")
import sys as _guest_sys             # the program's sys and warnings (guest frames, flags)
import warnings as _guest_warnings
import os                            # CPython's module has it (tools patch subprocess.os.x)
# ... and these, beside its own names (tools patch subprocess.signal.x, read subprocess.sys)
import builtins, contextlib, errno, fcntl, io, locale, select, selectors, signal, sys  # noqa: E401
import threading, time, types, warnings  # noqa: E401
_mswindows = False
_can_fork_exec = True
_waitpid = _os.waitpid
_waitstatus_to_exitcode = _os.waitstatus_to_exitcode
_WIFSTOPPED = _os.WIFSTOPPED
_WSTOPSIG = _os.WSTOPSIG
_WNOHANG = _os.WNOHANG
_imported_waitpid = os.waitpid     # (_try_wait: has the program replaced it since?)

__all__ = [
    "Popen", "PIPE", "STDOUT", "call", "check_call", "getstatusoutput", "getoutput",
    "check_output", "run", "CalledProcessError", "DEVNULL", "SubprocessError",
    "TimeoutExpired", "CompletedProcess",
]

# Special values of the stdin/stdout/stderr arguments (CPython's numbers).
PIPE = -1      # a new pipe to the parent
STDOUT = -2    # stderr only: the same file as stdout
DEVNULL = -3   # os.devnull

_SHELL = "/bin/sh"
_PIPE_BUF = getattr(_select, "PIPE_BUF", 512)   # writes this small never block once writable
_READ_CHUNK = 32768
# Signals that CPython's restore_signals=True gives back their default action.
_RESTORED_SIGNALS = tuple(getattr(_signal, name) for name in ("SIGPIPE", "SIGXFZ", "SIGXFSZ")
                          if hasattr(_signal, name))

if hasattr(_selectors, "PollSelector"):
    _PopenSelector = _selectors.PollSelector
else:
    _PopenSelector = _selectors.SelectSelector


class SubprocessError(Exception):
    pass


class CalledProcessError(SubprocessError):
    """Raised by check_call, check_output and run(check=True) for a non-zero exit status."""

    def __init__(self, returncode, cmd, output=None, stderr=None):
        self.returncode = returncode
        self.cmd = cmd
        self.output = output
        self.stderr = stderr

    def __str__(self):
        if self.returncode and self.returncode < 0:
            try:
                return "Command '%s' died with %r." % (self.cmd, _signal.Signals(-self.returncode))
            except ValueError:
                return "Command '%s' died with unknown signal %d." % (self.cmd, -self.returncode)
        return "Command '%s' returned non-zero exit status %d." % (self.cmd, self.returncode)

    @property
    def stdout(self):
        """Alias for output attribute, to match stderr"""
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class TimeoutExpired(SubprocessError):
    """Raised when a timeout expires while waiting for a child process."""

    def __init__(self, cmd, timeout, output=None, stderr=None):
        self.cmd = cmd
        self.timeout = timeout
        self.output = output
        self.stderr = stderr

    def __str__(self):
        return "Command '%s' timed out after %s seconds" % (self.cmd, self.timeout)

    @property
    def stdout(self):
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class CompletedProcess:
    """What run() returns: args, returncode, and the captured stdout/stderr (or None)."""

    def __init__(self, args, returncode, stdout=None, stderr=None):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self):
        parts = [f"args={self.args!r}", f"returncode={self.returncode!r}"]
        if self.stdout is not None:
            parts.append(f"stdout={self.stdout!r}")
        if self.stderr is not None:
            parts.append(f"stderr={self.stderr!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    __class_getitem__ = classmethod(_types.GenericAlias)

    def check_returncode(self):
        """Raise CalledProcessError if the exit code is non-zero."""
        if self.returncode:
            raise CalledProcessError(self.returncode, self.args, self.stdout, self.stderr)


# Popen objects collected while their child still ran; reaped at the next Popen().
_active = []
_active_lock = _threading.Lock()

# CPython's switches between its spawning paths; tools and tests read or patch them.
# protojit always spawns with posix_spawn (a fork+exec path is not implemented).
_USE_POSIX_SPAWN = True
_USE_VFORK = True
# CPython's name for the fork+exec it uses (its tests read it; Popen uses it for the options
# that need code in the child, see Popen._fork_exec).
_fork_exec = _posixsubprocess.fork_exec


def _cleanup():
    with _active_lock:
        pending = list(_active)
    for inst in pending:
        if inst._internal_poll(_deadstate=_sys.maxsize) is not None:
            with _active_lock:
                if inst in _active:
                    _active.remove(inst)


def _text_encoding():
    """The default text encoding; an EncodingWarning at the caller outside this file
    under -X warn_default_encoding, as CPython's."""
    if _guest_sys.flags.warn_default_encoding:      # the program's flags (-X, environment)
        f = _guest_sys._getframe()
        filename = f.f_code.co_filename
        stacklevel = 2
        while f := f.f_back:
            if f.f_code.co_filename != filename:
                break
            stacklevel += 1
        _guest_warnings.warn("'encoding' argument not specified.", EncodingWarning, stacklevel)
    if _sys.flags.utf8_mode:
        return "utf-8"
    return _locale.getencoding()


def _translate_newlines(data, encoding, errors):
    return data.decode(encoding, errors).replace("\r\n", "\n").replace("\r", "\n")


def _remaining_time(endtime):
    return None if endtime is None else endtime - _time.monotonic()


def _check_cstring(value):
    data = _os.fsencode(value)
    if b"\0" in data:
        raise ValueError("embedded null byte")
    return data


class Popen:
    """Execute a child program in a new process (CPython's POSIX Popen, over posix_spawn)."""

    _child_created = False   # so __del__ works on a half-made instance

    def __init__(self, args, bufsize=-1, executable=None, stdin=None, stdout=None, stderr=None,
                 preexec_fn=None, close_fds=True, shell=False, cwd=None, env=None,
                 universal_newlines=None, startupinfo=None, creationflags=0,
                 restore_signals=True, start_new_session=False, pass_fds=(), *,
                 user=None, group=None, extra_groups=None, encoding=None, errors=None,
                 text=None, umask=-1, pipesize=-1, process_group=None):
        _cleanup()
        self._waitpid_lock = _threading.Lock()
        self._input = None
        self._communication_started = False
        self.args = args
        self.stdin = self.stdout = self.stderr = None
        self.pid = None
        self.returncode = None
        self.encoding = encoding
        self.errors = errors
        self._devnull = None

        if bufsize is None:
            bufsize = -1
        if not isinstance(bufsize, int):
            raise TypeError("bufsize must be an integer")
        if pipesize is None:
            pipesize = -1
        if startupinfo is not None:
            raise ValueError("startupinfo is only supported on Windows platforms")
        if creationflags != 0:
            raise ValueError("creationflags is only supported on Windows platforms")
        # preexec_fn, user, group, extra_groups and umask need code to run in the child
        # between fork and exec: those children start through the host's fork+exec helper.
        fork_options = None
        # (also when a program replaced _fork_exec, as tests do with mock: it is called)
        if preexec_fn is not None or user is not None or group is not None \
                or extra_groups is not None or umask >= 0 \
                or _fork_exec is not _posixsubprocess.fork_exec:
            fork_options = (preexec_fn, _gid_of(group), _gids_of(extra_groups), _uid_of(user),
                            umask)
        pass_fds = tuple(sorted({int(fd) for fd in pass_fds}))
        if pass_fds and not close_fds:
            _warnings.warn("pass_fds overriding close_fds.", RuntimeWarning)
            close_fds = True
        if (text is not None and universal_newlines is not None
                and bool(universal_newlines) != bool(text)):
            raise SubprocessError("Cannot disambiguate when both text and universal_newlines are "
                                  "supplied but different. Pass one or the other.")
        self.text_mode = bool(encoding or errors or text or universal_newlines)
        if self.text_mode and encoding is None:
            self.encoding = _text_encoding()
        line_buffering = False
        if bufsize == 1:
            if self.text_mode:
                line_buffering = True
            else:
                _warnings.warn("line buffering (buffering=1) isn't supported in binary mode, "
                               "the default buffer size will be used", RuntimeWarning)
            bufsize = -1
        if process_group is None:
            process_group = -1

        owned = []   # fds opened here for the child only; closed once it started
        owned_by_parent = []   # pipe ends this Popen keeps (as file objects)
        try:
            fds = self._get_handles(stdin, stdout, stderr, pipesize, owned)
            p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite = fds
            owned_by_parent = [fd for fd in (p2cwrite, c2pread, errread) if fd != -1]
            if p2cwrite != -1:
                self.stdin = _io.open(p2cwrite, "wb", bufsize)
                if self.text_mode:
                    self.stdin = _io.TextIOWrapper(self.stdin, write_through=True,
                                                   line_buffering=line_buffering,
                                                   encoding=self.encoding, errors=errors)
            if c2pread != -1:
                self.stdout = _io.open(c2pread, "rb", bufsize)
                if self.text_mode:
                    self.stdout = _io.TextIOWrapper(self.stdout, encoding=self.encoding,
                                                    errors=errors)
            if errread != -1:
                self.stderr = _io.open(errread, "rb", bufsize)
                if self.text_mode:
                    self.stderr = _io.TextIOWrapper(self.stderr, encoding=self.encoding,
                                                    errors=errors)
            self._execute_child(args, executable, close_fds, pass_fds, cwd, env, shell,
                                restore_signals, start_new_session, process_group,
                                p2cread, c2pwrite, errwrite, fork_options, fds)
        except BaseException:
            for f in (self.stdin, self.stdout, self.stderr):
                if f is not None:
                    try:
                        f.close()
                    except OSError:
                        pass
            for fd in owned_by_parent:
                if not _fd_wrapped(fd, self):
                    _close_quietly(fd)
            raise
        finally:
            for fd in owned:
                _close_quietly(fd)

    # ---- setting up the child's standard streams

    def _get_devnull(self, owned):
        if self._devnull is None:
            self._devnull = _os.open(_os.devnull, _os.O_RDWR)
            owned.append(self._devnull)
        return self._devnull

    def _new_pipe(self, pipesize, owned):
        r, w = _pjspawn.pipe()
        owned.append(r)
        owned.append(w)
        if pipesize > 0:
            fcntl = _host_import("fcntl")
            if hasattr(fcntl, "F_SETPIPE_SZ"):
                fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, pipesize)
        return r, w

    def _get_handles(self, stdin, stdout, stderr, pipesize, owned):
        """(p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite); -1 means none.

        Parent ends (p2cwrite, c2pread, errread) are removed from `owned`: the
        Popen keeps them as file objects; the rest is closed after the spawn.
        """
        p2cread = p2cwrite = c2pread = c2pwrite = errread = errwrite = -1
        if stdin is None:
            pass
        elif stdin == PIPE:
            p2cread, p2cwrite = self._new_pipe(pipesize, owned)
            owned.remove(p2cwrite)
        elif stdin == DEVNULL:
            p2cread = self._get_devnull(owned)
        elif isinstance(stdin, int):
            p2cread = stdin
        else:
            p2cread = stdin.fileno()

        if stdout is None:
            pass
        elif stdout == PIPE:
            c2pread, c2pwrite = self._new_pipe(pipesize, owned)
            owned.remove(c2pread)
        elif stdout == DEVNULL:
            c2pwrite = self._get_devnull(owned)
        elif isinstance(stdout, int):
            c2pwrite = stdout
        else:
            c2pwrite = stdout.fileno()

        if stderr is None:
            pass
        elif stderr == PIPE:
            errread, errwrite = self._new_pipe(pipesize, owned)
            owned.remove(errread)
        elif stderr == STDOUT:
            errwrite = c2pwrite if c2pwrite != -1 else 1   # the child's own stdout
        elif stderr == DEVNULL:
            errwrite = self._get_devnull(owned)
        elif isinstance(stderr, int):
            errwrite = stderr
        else:
            errwrite = stderr.fileno()
        return p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite

    # ---- starting the child

    def _execute_child(self, args, executable, close_fds, pass_fds, cwd, env, shell,
                       restore_signals, start_new_session, process_group,
                       p2cread, c2pwrite, errwrite, fork_options=None, fds=None):
        if isinstance(args, (str, bytes)):
            args = [args]
        elif isinstance(args, _os.PathLike):
            if shell:
                raise TypeError("path-like args is not allowed when shell is true")
            args = [args]
        else:
            args = list(args)
        if shell:
            args = [_SHELL, "-c"] + args
            if executable:
                args[0] = executable
        if executable is None:
            executable = args[0]
        orig_executable = executable

        # CPython's order of checks: names in env, then NUL bytes in args,
        # the program, env entries and cwd.
        env_block = None if env is None else _env_entries(env)
        argv = [_check_cstring(arg) for arg in args]
        program = _check_cstring(executable)
        if env_block is not None:
            for entry in env_block:
                if b"\0" in entry:
                    raise ValueError("embedded null byte")
        cwd_bytes = None if cwd is None else _check_cstring(cwd)
        if fork_options is not None:
            self._fork_exec(argv, program, orig_executable, env, env_block, close_fds, pass_fds,
                            cwd, restore_signals, start_new_session, process_group, fds,
                            fork_options)
            return

        # dup2 onto 0, 1, 2 in order; a source that a previous dup2 overwrites
        # is first copied above 2 in the parent (non-inheritable, closed below).
        copies = []
        try:
            if c2pwrite == 0:
                c2pwrite = _os.dup(c2pwrite)
                copies.append(c2pwrite)
            while errwrite in (0, 1):
                errwrite = _os.dup(errwrite)
                copies.append(errwrite)
            actions = []
            for source, target in ((p2cread, 0), (c2pwrite, 1), (errwrite, 2)):
                if source != -1:
                    actions.append((_pjspawn.POSIX_SPAWN_DUP2, source, target, 0, 0, None))
            if cwd_bytes is not None:
                actions.append((_pjspawn._SPAWN_CHDIR, 0, 0, 0, 0, cwd_bytes))
            if close_fds:
                actions.extend(_close_actions(pass_fds))
            # posix_spawn would leave glibc's reserved signals ignored in the
            # program; CPython's fork+exec child has them at their default.
            flags = _pjspawn._F_DFL_RESERVED
            sigdef = 0
            if restore_signals and _RESTORED_SIGNALS:
                flags |= _pjspawn._F_SETSIGDEF
                for sig in _RESTORED_SIGNALS:
                    sigdef |= 1 << (sig - 1)
            if start_new_session:
                flags |= _pjspawn._F_SETSID
            if process_group >= 0:
                flags |= _pjspawn._F_SETPGROUP
            try:
                self.pid = self._spawn(program, argv, env, env_block, actions, flags,
                                       max(process_group, 0), sigdef)
            except OSError as exc:
                raise _spawn_error(exc, orig_executable, cwd) from None
            self._child_created = True
        finally:
            for fd in copies:
                _close_quietly(fd)

    def _fork_exec(self, argv, program, orig_executable, env, env_block, close_fds, pass_fds,
                   cwd, restore_signals, start_new_session, process_group, fds, fork_options):
        """Start the child with the host's _posixsubprocess.fork_exec (CPython's own path),
        for the options that need code in the child before exec; an error in the child
        comes back over a pipe as "ExceptionName:hex errno:message", as in CPython."""
        preexec_fn, gid, gids, uid, umask = fork_options
        p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite = fds
        if _os.path.dirname(program):
            executable_list = (program,)
        else:
            executable_list = tuple(_os.path.join(_os.fsencode(d), program)
                                    for d in _os.get_exec_path(env))
        errpipe_read, errpipe_write = _os.pipe()
        low = []
        while errpipe_write < 3:        # not on the child's 0, 1, 2
            low.append(errpipe_write)
            errpipe_write = _os.dup(errpipe_write)
        for fd in low:
            _os.close(fd)
        try:
            try:
                keep = tuple(sorted({*map(int, pass_fds), errpipe_write}))
                self.pid = _fork_exec(
                    argv, executable_list, close_fds, keep, cwd, env_block,
                    p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite,
                    errpipe_read, errpipe_write, restore_signals, start_new_session,
                    process_group, gid, gids, uid, umask, preexec_fn, _USE_VFORK)
                self._child_created = True
            finally:
                _os.close(errpipe_write)
            data = bytearray()
            while True:
                part = _os.read(errpipe_read, 50000)
                data += part
                if not part or len(data) > 50000:
                    break
        finally:
            _os.close(errpipe_read)
        if data:
            self._raise_child_error(bytes(data), orig_executable, cwd)

    def _raise_child_error(self, data, orig_executable, cwd):
        try:
            pid, status = os.waitpid(self.pid, 0)
            if pid == self.pid:
                self._handle_exitcode(_os.waitstatus_to_exitcode(status))
            else:
                self.returncode = _sys.maxsize
        except ChildProcessError:
            pass
        try:
            name, hex_errno, message = data.split(b":", 2)
            message = message.decode()
        except ValueError:
            name, hex_errno = b"SubprocessError", b"0"
            message = f"Bad exception data from child: {data!r}"
        exc_type = SubprocessError if name == b"SubprocessError" \
            else getattr(_builtins, name.decode("ascii"), SubprocessError)
        if issubclass(exc_type, OSError) and hex_errno:
            errno_num = int(hex_errno, 16)
            if message == "noexec":     # exec never ran: chdir(cwd) failed
                message, filename = "", cwd
            else:
                filename = orig_executable
            if errno_num != 0:
                message = _os.strerror(errno_num)
            raise exc_type(errno_num, message, filename)
        raise exc_type(message)

    def _spawn(self, program, argv, env, env_block, actions, flags, pgroup, sigdef):
        """Search the program in the PATH of `env` (default: the live environment) and spawn it."""
        spawn = _pjspawn._spawn
        if b"/" in program:
            return spawn(program, argv, env_block, actions, flags, pgroup, 0, sigdef)
        if env is None:
            # The child inherits the C environment, whose PATH posix_spawnp searches.
            return spawn(program, argv, env_block, actions, flags, pgroup, 0, sigdef, search=True)
        denied = None
        for folder in _os.get_exec_path(env):
            candidate = _os.path.join(_os.fsencode(folder), program)
            if not _os.path.exists(candidate):
                continue
            try:
                return spawn(candidate, argv, env_block, actions, flags, pgroup, 0, sigdef)
            except (FileNotFoundError, NotADirectoryError):
                continue
            except PermissionError as exc:
                denied = exc
        if denied is not None:
            raise denied
        raise FileNotFoundError(_errno.ENOENT, _os.strerror(_errno.ENOENT))

    # ---- talking to the child

    def communicate(self, input=None, timeout=None):
        """Send `input`, read stdout and stderr to EOF, wait; return (stdout, stderr)."""
        if self._communication_started and input:
            raise ValueError("Cannot send input after starting communication")
        if (timeout is None and not self._communication_started
                and [self.stdin, self.stdout, self.stderr].count(None) >= 2):
            stdout = stderr = None
            if self.stdin:
                self._stdin_write(input)
            elif self.stdout:
                stdout = self.stdout.read()
                self.stdout.close()
            elif self.stderr:
                stderr = self.stderr.read()
                self.stderr.close()
            self.wait()
            return stdout, stderr
        endtime = None if timeout is None else _time.monotonic() + timeout
        try:
            stdout, stderr = self._communicate(input, endtime, timeout)
        except KeyboardInterrupt:
            # As in wait(): one short wait for the child, then the KeyboardInterrupt.
            if timeout is not None:
                sigint_timeout = min(self._sigint_wait_secs, _remaining_time(endtime))
            else:
                sigint_timeout = self._sigint_wait_secs
            self._sigint_wait_secs = 0
            try:
                self._wait(timeout=sigint_timeout)
            except TimeoutExpired:
                pass
            raise
        finally:
            self._communication_started = True
        self.wait(timeout=_remaining_time(endtime))
        return stdout, stderr

    def _stdin_write(self, input):
        if input:
            try:
                self.stdin.write(input)
            except BrokenPipeError:
                pass
            except OSError as exc:
                if exc.errno != _errno.EINVAL:   # EINVAL: the child exited early
                    raise
        try:
            self.stdin.close()
        except BrokenPipeError:
            pass
        except OSError as exc:
            if exc.errno != _errno.EINVAL:
                raise

    def _save_input(self, input):
        if self.stdin and self._input is None:
            self._input_offset = 0
            self._input = input
            if input is not None and self.text_mode:
                self._input = input.encode(self.stdin.encoding, self.stdin.errors)

    def _communicate(self, input, endtime, orig_timeout):
        if self.stdin and not self._communication_started:
            try:
                self.stdin.flush()
            except BrokenPipeError:
                pass
            if not input:
                try:
                    self.stdin.close()
                except BrokenPipeError:
                    pass
        if not self._communication_started:
            self._fileobj2output = {}
            for f in (self.stdout, self.stderr):
                if f is not None:
                    self._fileobj2output[f] = []
        out_chunks = self._fileobj2output.get(self.stdout) if self.stdout else None
        err_chunks = self._fileobj2output.get(self.stderr) if self.stderr else None
        self._save_input(input)
        view = memoryview(self._input) if self._input else None

        with _PopenSelector() as selector:
            if self.stdin and view is not None and not self.stdin.closed:
                selector.register(self.stdin, _selectors.EVENT_WRITE)
            for f in (self.stdout, self.stderr):
                if f is not None and not f.closed:
                    selector.register(f, _selectors.EVENT_READ)
            while selector.get_map():
                remaining = _remaining_time(endtime)
                if remaining is not None and remaining < 0:
                    self._raise_timeout(orig_timeout, out_chunks, err_chunks)
                ready = selector.select(remaining)
                if endtime is not None and _time.monotonic() > endtime:
                    self._raise_timeout(orig_timeout, out_chunks, err_chunks)
                for key, _events in ready:
                    if key.fileobj is self.stdin:
                        chunk = view[self._input_offset:self._input_offset + _PIPE_BUF]
                        try:
                            self._input_offset += _os.write(key.fd, chunk)
                        except BrokenPipeError:
                            selector.unregister(key.fileobj)
                            key.fileobj.close()
                        else:
                            if self._input_offset >= len(self._input):
                                selector.unregister(key.fileobj)
                                key.fileobj.close()
                    else:
                        data = _os.read(key.fd, _READ_CHUNK)
                        if not data:
                            selector.unregister(key.fileobj)
                            key.fileobj.close()
                        self._fileobj2output[key.fileobj].append(data)
        self.wait(timeout=_remaining_time(endtime))

        stdout = b"".join(out_chunks) if out_chunks is not None else None
        stderr = b"".join(err_chunks) if err_chunks is not None else None
        if self.text_mode:
            if stdout is not None:
                stdout = _translate_newlines(stdout, self.stdout.encoding, self.stdout.errors)
            if stderr is not None:
                stderr = _translate_newlines(stderr, self.stderr.encoding, self.stderr.errors)
        return stdout, stderr

    def _raise_timeout(self, orig_timeout, out_chunks, err_chunks):
        raise TimeoutExpired(self.args, orig_timeout,
                             output=b"".join(out_chunks) if out_chunks else None,
                             stderr=b"".join(err_chunks) if err_chunks else None)

    # ---- waiting and signalling

    def _handle_exitcode(self, code):
        self.returncode = code

    def _internal_poll(self, _deadstate=None):
        if self.returncode is None and self._child_created:
            if not self._waitpid_lock.acquire(False):
                return None   # another thread is waiting
            try:
                if self.returncode is not None:
                    return self.returncode
                pid, _status, code = _pjspawn._wait(self.pid, _os.WNOHANG)
                if pid == self.pid and code is not None:
                    self._handle_exitcode(code)
            except OSError as exc:
                if _deadstate is not None:
                    self.returncode = _deadstate
                elif exc.errno == _errno.ECHILD:
                    self.returncode = 0   # reaped elsewhere (SIGCHLD ignored): status lost
            finally:
                self._waitpid_lock.release()
        return self.returncode

    def poll(self):
        """The returncode if the child has terminated, else None."""
        return self._internal_poll()

    def _try_wait(self, options):
        waitpid = os.waitpid
        if waitpid is not _imported_waitpid:
            # The program replaced os.waitpid (a test's mock.patch('subprocess.os.waitpid')):
            # CPython's wait() calls it by name, so the replacement answers.
            try:
                pid, sts = waitpid(self.pid, options)
            except ChildProcessError:
                return self.pid, 0, 0
            if pid != self.pid:
                return pid, sts, None
            return pid, sts, -_WSTOPSIG(sts) if _WIFSTOPPED(sts) else _waitstatus_to_exitcode(sts)
        try:
            return _pjspawn._wait(self.pid, options)
        except ChildProcessError:
            return self.pid, 0, 0   # the status is lost; CPython reports 0 too

    # After a ^C in wait()/communicate() (the child got the SIGINT too), wait this long
    # for it once, then let the KeyboardInterrupt go on (CPython's bpo-25942).
    _sigint_wait_secs = 0.25

    def wait(self, timeout=None):
        """Wait for the child to terminate; return returncode or raise TimeoutExpired."""
        if timeout is not None:
            endtime = _time.monotonic() + timeout
        try:
            return self._wait(timeout=timeout)
        except KeyboardInterrupt:
            if timeout is not None:
                sigint_timeout = min(self._sigint_wait_secs, _remaining_time(endtime))
            else:
                sigint_timeout = self._sigint_wait_secs
            self._sigint_wait_secs = 0      # nothing else should wait
            try:
                self._wait(timeout=sigint_timeout)
            except TimeoutExpired:
                pass
            raise

    def _wait(self, timeout):
        if self.returncode is not None or not self._child_created:
            return self.returncode
        if timeout is not None:
            endtime = _time.monotonic() + timeout
            delay = 0.0005
            while True:
                if self._waitpid_lock.acquire(False):
                    try:
                        if self.returncode is not None:
                            break
                        pid, _status, code = self._try_wait(_os.WNOHANG)
                        if pid == self.pid and code is not None:
                            self._handle_exitcode(code)
                            break
                    finally:
                        self._waitpid_lock.release()
                remaining = _remaining_time(endtime)
                if remaining <= 0:
                    raise TimeoutExpired(self.args, timeout)
                delay = min(delay * 2, remaining, 0.05)
                _time.sleep(delay)
        else:
            while self.returncode is None:
                with self._waitpid_lock:
                    if self.returncode is not None:
                        break
                    pid, _status, code = self._try_wait(0)
                    if pid == self.pid and code is not None:
                        self._handle_exitcode(code)
        return self.returncode

    def send_signal(self, sig):
        """Send `sig` to the child unless it has already been reaped."""
        self.poll()
        if self.returncode is not None:
            return   # the pid may belong to another process by now
        try:
            _pjspawn.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def terminate(self):
        self.send_signal(_signal.SIGTERM)

    def kill(self):
        self.send_signal(_signal.SIGKILL)

    # ---- protocol methods

    @property
    def universal_newlines(self):
        return self.text_mode

    @universal_newlines.setter
    def universal_newlines(self, value):
        self.text_mode = bool(value)

    __class_getitem__ = classmethod(_types.GenericAlias)

    def __repr__(self):
        text = f"<{type(self).__name__}: returncode: {self.returncode} args: {self.args!r}>"
        if len(text) > 80:
            text = text[:76] + "...>"
        return text

    def __enter__(self):
        return self

    def __exit__(self, exc_type, value, traceback):
        if self.stdout:
            self.stdout.close()
        if self.stderr:
            self.stderr.close()
        try:
            if self.stdin:
                self.stdin.close()
        finally:
            if exc_type == KeyboardInterrupt:
                # The child got the SIGINT too: wait briefly, once (unless wait() or
                # communicate() already did), then let the KeyboardInterrupt go on.
                if self._sigint_wait_secs > 0:
                    try:
                        self._wait(timeout=self._sigint_wait_secs)
                    except TimeoutExpired:
                        pass
                self._sigint_wait_secs = 0
                return
            self.wait()

    def __del__(self, _active=_active, _lock=_active_lock):
        if not self._child_created:
            return
        if self.returncode is None:
            # A child nobody waited for stays a zombie until it is reaped (CPython warns).
            _guest_warnings.warn(f"subprocess {self.pid} is still running", ResourceWarning,
                                 source=self)
        self._internal_poll(_deadstate=_sys.maxsize)
        if self.returncode is None:
            with _lock:
                _active.append(self)   # reaped by a later _cleanup()


def _env_entries(env):
    """[b'KEY=value', ...] for Popen's env: a name must not hold '=' (NUL bytes are
    checked later, as CPython does); an empty name passes, as in CPython."""
    entries = []
    fsencode = _os.fsencode
    for key, value in env.items():
        key = fsencode(key)
        if b"=" in key:
            raise ValueError("illegal environment variable name")
        entries.append(key + b"=" + fsencode(value))
    return entries


def _gid_of(group):
    """CPython's checks and lookup of Popen's group argument (None: leave it)."""
    if group is None:
        return None
    if isinstance(group, str):
        gid = _host_import("grp").getgrnam(group).gr_gid
    elif isinstance(group, int):
        gid = group
    else:
        raise TypeError(f"Group must be a string or an integer, not {type(group)}")
    if gid < 0:
        raise ValueError(f"Group ID cannot be negative, got {gid}")
    return gid


def _gids_of(extra_groups):
    if extra_groups is None:
        return None
    if isinstance(extra_groups, str):
        raise ValueError("Groups must be a list, not a string")
    gids = []
    for group in extra_groups:
        if isinstance(group, str):
            gids.append(_host_import("grp").getgrnam(group).gr_gid)
        elif isinstance(group, int):
            gids.append(group)
        else:
            raise TypeError(f"Items in extra_groups must be a string or integer, not {type(group)}")
    for gid in gids:
        if gid < 0:
            raise ValueError(f"Group ID cannot be negative, got {gid}")
    return gids


def _uid_of(user):
    if user is None:
        return None
    if isinstance(user, str):
        uid = _host_import("pwd").getpwnam(user).pw_uid
    elif isinstance(user, int):
        uid = user
    else:
        raise TypeError("User must be a string or an integer")
    if uid < 0:
        raise ValueError(f"User ID cannot be negative, got {uid}")
    return uid


def _close_actions(pass_fds):
    """File actions that close every fd >= 3 except pass_fds (close_fds=True)."""
    actions = []
    low = 3
    for fd in pass_fds:
        if fd < 3:
            continue
        for closing in range(low, fd):
            actions.append((_pjspawn.POSIX_SPAWN_CLOSE, closing, 0, 0, 0, None))
        actions.append((_pjspawn.POSIX_SPAWN_DUP2, fd, fd, 0, 0, None))   # clears FD_CLOEXEC
        low = fd + 1
    actions.append((_pjspawn._SPAWN_CLOSEFROM, low, 0, 0, 0, None))
    return actions


def _spawn_error(exc, executable, cwd):
    """The OSError CPython raises: it names cwd if chdir failed, else the program."""
    if cwd is not None:
        try:
            if not _os.path.isdir(cwd):
                _os.stat(cwd)   # ENOENT and friends
                return NotADirectoryError(_errno.ENOTDIR, _os.strerror(_errno.ENOTDIR), cwd)
            if not _os.access(cwd, _os.X_OK):
                return PermissionError(_errno.EACCES, _os.strerror(_errno.EACCES), cwd)
        except OSError as stat_error:
            return type(stat_error)(stat_error.errno, stat_error.strerror, cwd)
    return OSError(exc.errno, exc.strerror, executable)


def _fd_wrapped(fd, popen):
    for f in (popen.stdin, popen.stdout, popen.stderr):
        if f is not None:
            try:
                if f.fileno() == fd:
                    return True
            except ValueError:   # closed file object
                return True
    return False


def _close_quietly(fd):
    try:
        _os.close(fd)
    except OSError:
        pass


def list2cmdline(seq):
    """One command line for `seq` under the MS C runtime's quoting rules (Windows' format).

    Arguments are joined by spaces; one that is empty or holds a space or a tab
    goes in double quotes; a double quote is escaped with a backslash, and the
    backslashes before it (or before a closing quote) are doubled.
    """
    parts = []
    for arg in map(_os.fsdecode, seq):
        quote = not arg or " " in arg or "\t" in arg
        out = ['"'] if quote else []
        backslashes = 0
        for ch in arg:
            if ch == "\\":
                backslashes += 1
                continue
            if ch == '"':
                out.append("\\" * (2 * backslashes + 1) + '"')
            else:
                out.append("\\" * backslashes + ch)
            backslashes = 0
        out.append("\\" * (2 * backslashes if quote else backslashes))
        if quote:
            out.append('"')
        parts.append("".join(out))
    return " ".join(parts)


def _args_from_interpreter_flags():
    """Command-line options that reproduce the current sys.flags and warning options."""
    return _host_import("subprocess")._args_from_interpreter_flags()


def _optim_args_from_interpreter_flags():
    """-O options that reproduce sys.flags.optimize."""
    return _host_import("subprocess")._optim_args_from_interpreter_flags()


# ---- the convenience functions

def run(*popenargs, input=None, capture_output=False, timeout=None, check=False, **kwargs):
    """Run a command, wait for it, return a CompletedProcess (CPython's subprocess.run)."""
    if input is not None:
        if kwargs.get("stdin") is not None:
            raise ValueError("stdin and input arguments may not both be used.")
        kwargs["stdin"] = PIPE
    if capture_output:
        if kwargs.get("stdout") is not None or kwargs.get("stderr") is not None:
            raise ValueError("stdout and stderr arguments may not be used with capture_output.")
        kwargs["stdout"] = PIPE
        kwargs["stderr"] = PIPE
    with Popen(*popenargs, **kwargs) as process:
        try:
            stdout, stderr = process.communicate(input, timeout=timeout)
        except TimeoutExpired:
            process.kill()
            process.wait()   # the exception already holds the output read so far
            raise
        except BaseException:
            process.kill()
            raise
        retcode = process.poll()
        if check and retcode:
            raise CalledProcessError(retcode, process.args, output=stdout, stderr=stderr)
    return CompletedProcess(process.args, retcode, stdout, stderr)


def call(*popenargs, timeout=None, **kwargs):
    """Run a command, wait for it, return its returncode."""
    with Popen(*popenargs, **kwargs) as p:
        try:
            return p.wait(timeout=timeout)
        except BaseException:
            p.kill()
            raise


def check_call(*popenargs, **kwargs):
    """call(), raising CalledProcessError for a non-zero returncode."""
    retcode = call(*popenargs, **kwargs)
    if retcode:
        cmd = kwargs.get("args")
        if cmd is None:
            cmd = popenargs[0]
        raise CalledProcessError(retcode, cmd)
    return 0


def check_output(*popenargs, timeout=None, **kwargs):
    """Run a command and return its stdout; CalledProcessError for a non-zero returncode."""
    for name in ("stdout", "check"):
        if name in kwargs:
            raise ValueError(f"{name} argument not allowed, it will be overridden.")
    if "input" in kwargs and kwargs["input"] is None:
        text = (kwargs.get("universal_newlines") or kwargs.get("text")
                or kwargs.get("encoding") or kwargs.get("errors"))
        kwargs["input"] = "" if text else b""
    return run(*popenargs, stdout=PIPE, timeout=timeout, check=True, **kwargs).stdout


def getstatusoutput(cmd, *, encoding=None, errors=None):
    """(exitcode, output) of `cmd` run by the shell, stderr merged, one trailing newline removed."""
    try:
        data = check_output(cmd, shell=True, text=True, stderr=STDOUT,
                            encoding=encoding, errors=errors)
        exitcode = 0
    except CalledProcessError as exc:
        data = exc.output
        exitcode = exc.returncode
    if data[-1:] == "\n":
        data = data[:-1]
    return exitcode, data


def getoutput(cmd, *, encoding=None, errors=None):
    """The output of getstatusoutput(cmd)."""
    return getstatusoutput(cmd, encoding=encoding, errors=errors)[1]


def _use_posix_spawn():
    """CPython's check whether Popen can use posix_spawn(): here it always can."""
    return True



def __dir__():
    # dir() lists CPython's names: not protojit's own helpers
    return sorted(set(globals()) - {
        "__dir__", "__pj_guest__", "_READ_CHUNK", "_RESTORED_SIGNALS", "_SHELL", "_active_lock",
        "_builtins", "_check_cstring", "_close_actions", "_close_quietly", "_env_entries", "_errno",
        "_fd_wrapped", "_gid_of", "_gids_of", "_guest_sys", "_guest_warnings", "_host_import", "_imported_waitpid",
        "_io", "_locale", "_os", "_pjspawn", "_posixsubprocess", "_remaining_time", "_select",
        "_selectors", "_signal", "_spawn_error", "_sys", "_threading", "_translate_newlines",
        "_types", "_uid_of", "_warnings"})
