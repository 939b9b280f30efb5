"""Process functions of the guest `os` module, on top of runtime_c/spawn.c.

In: paths, argument lists and environments as CPython's os.posix_spawn takes
them. Out: pids, raw wait statuses, pipe fds, or CPython's exceptions
(FileNotFoundError for a missing program, ...). lib/os.py re-exports the
public names; lib/subprocess.py uses the private `_spawn` and `_wait` too.
Only this module (of the process family) touches protojit.native.

`fork` is CPython's, with the engine's background compiler quiet across it.
"""
from protojit import native as _native
from protojit.runtime import cstack as _cstack
from protojit.hostmods import host_import as _host_import

_ctypes = _host_import("ctypes")   # the host's: protojit.native's structs are host ctypes

_os = _host_import("os")
_errno = _host_import("errno")
_collections_abc = _host_import("collections.abc")
_index = _host_import("operator").index

__all__ = [
    "POSIX_SPAWN_OPEN", "POSIX_SPAWN_CLOSE", "POSIX_SPAWN_DUP2",
    "posix_spawn", "posix_spawnp", "waitpid", "waitstatus_to_exitcode",
    "pipe", "pipe2", "kill", "fork",
]

# File action tags; equal to PJ_SPAWN_* in runtime_c/pj_runtime.h and to CPython's values.
POSIX_SPAWN_OPEN = 0    # (POSIX_SPAWN_OPEN, fd, path, flags, mode)
POSIX_SPAWN_CLOSE = 1   # (POSIX_SPAWN_CLOSE, fd)
POSIX_SPAWN_DUP2 = 2    # (POSIX_SPAWN_DUP2, fd, new_fd)
_SPAWN_CLOSEFROM = 3    # private: close every fd >= fd (subprocess close_fds)
_SPAWN_CHDIR = 4        # private: chdir(path) (subprocess cwd)

# pj_spawn_attrs.flags bits (PJ_SPAWN_F_* in pj_runtime.h).
_F_SETSID = 0x01
_F_SETPGROUP = 0x02
_F_SETSIGMASK = 0x04
_F_SETSIGDEF = 0x08
_F_RESETIDS = 0x10
_F_DFL_RESERVED = 0x20   # libc-reserved signals get SIG_DFL, as in a fork+exec child

_EINTR = -_errno.EINTR   # from pj_waitpid: a signal interrupted the wait

# pj_waitpid's code for a child that neither exited nor was killed (PJ_WAIT_NO_CODE).
_NO_CODE = -2147483648

_ACTION_SIZES = {POSIX_SPAWN_OPEN: 5, POSIX_SPAWN_CLOSE: 2, POSIX_SPAWN_DUP2: 3}
_ACTION_NAMES = {POSIX_SPAWN_OPEN: "open", POSIX_SPAWN_CLOSE: "close", POSIX_SPAWN_DUP2: "dup2"}


def _raise_errno(rc, filename=None):
    """Raise CPython's OSError subclass for a negative errno `rc` from the runtime."""
    err = -rc
    if filename is None:
        raise OSError(err, _os.strerror(err))
    raise OSError(err, _os.strerror(err), filename)


def _check_cstring(value):
    """bytes for a C string; CPython's ValueError on an embedded NUL."""
    data = _os.fsencode(value)
    if b"\0" in data:
        raise ValueError("embedded null byte")
    return data


def _cstring_array(items):
    """A NULL-terminated char*[] over `items` (bytes); keep the result alive during the call."""
    array = (_ctypes.c_char_p * (len(items) + 1))()
    array[:len(items)] = items
    array[len(items)] = None
    return array


def _env_block(env):
    """[b'KEY=value', ...] for a mapping, with os.posix_spawn's checks.

    As CPython, a name may start with '=' (Windows-style '=C:' entries) but
    must not be empty or hold '=' after its first byte.
    """
    block = []
    fsencode = _os.fsencode
    for key, value in env.items():
        key, value = fsencode(key), fsencode(value)
        if b"\0" in key or b"\0" in value:
            raise ValueError("embedded null byte")
        if not key or b"=" in key[1:]:
            raise ValueError("illegal environment variable name")
        block.append(key + b"=" + value)
    return block


def _signal_mask(signals):
    mask = 0
    for sig in signals:
        sig = _index(sig)
        if not 1 <= sig <= 64:
            raise ValueError(f"signal number {sig} out of range [1; 64]")
        mask |= 1 << (sig - 1)
    return mask


def _spawn(path, argv, env_block, actions=(), flags=0, pgroup=0, sigmask=0, sigdef=0,
           search=False, filename=None):
    """Start a program; the one caller of pj_spawn.

    path: bytes; argv: list of bytes; env_block: list of b'K=V' or None (inherit);
    actions: (kind, fd, newfd, oflag, mode, path-bytes-or-None) tuples.
    Returns the pid or raises OSError with `filename` (default: path).
    """
    lib = _native.lib()
    c_argv = _cstring_array(argv)
    c_env = None if env_block is None else _cstring_array(env_block)
    c_actions = (_native.SpawnAction * max(len(actions), 1))()
    for slot, (kind, fd, newfd, oflag, mode, apath) in zip(c_actions, actions):
        slot.kind, slot.fd, slot.newfd, slot.oflag, slot.mode, slot.path = (
            kind, fd, newfd, oflag, mode, apath)
    attrs = _native.SpawnAttrs(flags, pgroup, sigmask, sigdef)
    pid = _ctypes.c_int(-1)
    with _cstack.child_limits():
        rc = lib.pj_spawn(path, c_argv, c_env, 1 if search else 0, c_actions, len(actions),
                          _ctypes.byref(attrs), _ctypes.byref(pid))
    if rc < 0:
        _raise_errno(rc, path.decode(errors="surrogateescape") if filename is None else filename)
    return pid.value


def _posix_spawn(name, path, argv, env, file_actions, setpgroup, resetids, setsid,
                 setsigmask, setsigdef, scheduler, search):
    """Shared argument checking of posix_spawn and posix_spawnp (CPython's messages)."""
    filename = _os.fspath(path)
    cpath = _check_cstring(filename)
    if not isinstance(argv, (list, tuple)):
        raise TypeError(f"{name}: argv must be a tuple or list")
    if not argv:
        raise ValueError(f"{name}: argv must not be empty")
    cargv = [_check_cstring(arg) for arg in argv]
    if not cargv[0]:
        raise ValueError(f"{name}: argv first element cannot be empty")
    if not isinstance(env, _collections_abc.Mapping):
        raise TypeError(f"{name}: environment must be a mapping object")
    env_block = _env_block(env)
    actions = []
    if file_actions is not None:
        try:
            items = list(file_actions)
        except TypeError:
            raise TypeError("file_actions must be a sequence or None") from None
        actions = [_file_action(item) for item in items]
    flags = 0
    pgroup = 0
    if setpgroup is not None:
        pgroup = _index(setpgroup)
        flags |= _F_SETPGROUP
    if resetids:
        flags |= _F_RESETIDS
    if setsid:
        flags |= _F_SETSID
    sigmask = _signal_mask(setsigmask)
    if setsigmask:
        flags |= _F_SETSIGMASK
    sigdef = _signal_mask(setsigdef)
    if setsigdef:
        flags |= _F_SETSIGDEF
    if scheduler is not None:
        raise NotImplementedError(f"{name}: the scheduler argument is not supported by protojit")
    return _spawn(cpath, cargv, env_block, actions, flags, pgroup, sigmask, sigdef,
                  search=search, filename=filename)


def _file_action(item):
    if not isinstance(item, tuple) or not item:
        raise TypeError("Each file_actions element must be a non-empty tuple")
    tag = _index(item[0])
    if tag not in _ACTION_SIZES:
        raise TypeError("Unknown file_actions identifier")
    if len(item) != _ACTION_SIZES[tag]:
        raise TypeError(f"A {_ACTION_NAMES[tag]} file_action tuple must have {_ACTION_SIZES[tag]} elements")
    if tag == POSIX_SPAWN_OPEN:
        _, fd, path, oflag, mode = item
        return (tag, _index(fd), 0, _index(oflag), _index(mode), _check_cstring(path))
    if tag == POSIX_SPAWN_CLOSE:
        return (tag, _index(item[1]), 0, 0, 0, None)
    return (tag, _index(item[1]), _index(item[2]), 0, 0, None)


def posix_spawn(path, argv, env, *, file_actions=None, setpgroup=None, resetids=False,
                setsid=False, setsigmask=(), setsigdef=(), scheduler=None):
    """Execute the program at `path` in a new process; return its pid (CPython's os.posix_spawn)."""
    return _posix_spawn("posix_spawn", path, argv, env, file_actions, setpgroup, resetids,
                        setsid, setsigmask, setsigdef, scheduler, search=False)


def posix_spawnp(path, argv, env, *, file_actions=None, setpgroup=None, resetids=False,
                 setsid=False, setsigmask=(), setsigdef=(), scheduler=None):
    """posix_spawn, searching `path` in the PATH of the current environment."""
    return _posix_spawn("posix_spawnp", path, argv, env, file_actions, setpgroup, resetids,
                        setsid, setsigmask, setsigdef, scheduler, search=True)


def _wait(pid, options):
    """(pid, raw status, code): code is the exit code, -signal, or None (stopped / WNOHANG)."""
    out_pid = _ctypes.c_int(0)
    status = _ctypes.c_int(0)
    code = _ctypes.c_int(0)
    pid, options = _index(pid), _index(options)
    while True:
        rc = _native.lib().pj_waitpid(pid, options, _ctypes.byref(out_pid),
                                       _ctypes.byref(status), _ctypes.byref(code))
        if rc != _EINTR:
            break
        # a signal arrived: its Python handler has run by now (it may raise); wait again
    if rc < 0:
        _raise_errno(rc)
    return out_pid.value, status.value, (None if code.value == _NO_CODE else code.value)


def waitpid(pid, options):
    """Wait for a child; return (pid, raw status), (0, 0) with WNOHANG and no change."""
    got, status, _ = _wait(pid, options)
    return got, status


def waitstatus_to_exitcode(status):
    """Exit code, or -signal number, of a raw wait status; ValueError otherwise."""
    status = _index(status)
    code = _ctypes.c_int(0)
    if _native.lib().pj_wait_decode(status, _ctypes.byref(code)) < 0:
        if status & 0xFF == 0x7F:   # Linux layout: stopped, signal in bits 8-15
            raise ValueError(f"process stopped by delivery of signal {(status >> 8) & 0xFF}")
        raise ValueError(f"invalid wait status: {status}")
    return code.value


def pipe2(flags):
    """(read_fd, write_fd) of a new pipe with flags from O_CLOEXEC | O_NONBLOCK."""
    fds = (_ctypes.c_int * 2)()
    rc = _native.lib().pj_pipe(_index(flags), fds)
    if rc < 0:
        _raise_errno(rc)
    return fds[0], fds[1]


def pipe():
    """(read_fd, write_fd), both non-inheritable, as CPython's os.pipe."""
    return pipe2(_os.O_CLOEXEC)


def kill(pid, sig):
    """Send signal `sig` to process `pid`; ProcessLookupError when it is gone."""
    rc = _native.lib().pj_kill(_index(pid), _index(sig))
    if rc < 0:
        _raise_errno(rc)


def _close(fd):
    rc = _native.lib().pj_close(_index(fd))
    if rc < 0:
        _raise_errno(rc)


def fork():
    """os.fork(): CPython's own (the host's posix.fork: the audit event, os.register_at_fork
    hooks -- threading's _after_fork forgets the other threads in the child --, the
    interpreter's state in the child). The engine's background compiler is quiet across it
    (protojit/tiering.py's at-fork hooks)."""
    return _host_import("posix").fork()     # (_os.fork is this function)
