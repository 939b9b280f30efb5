"""Guest `socket`: the public socket module, built on the low-level lib/_socket.py.

In: guest code (`import socket`). Out: lib/_socket.py (the C runtime's sockets).
Adds what CPython's `socket` adds over `_socket`: IntEnum families and kinds,
a `socket` class with context management, makefile(), dup(), accept() that
returns socket objects, and the helpers create_connection, create_server,
socketpair, fromfd, getfqdn. Constants keep the platform's values.
"""
from protojit.hostmods import host_import as _host_import

import _socket

if getattr(_socket, "_PROTOJIT", False) is not True:
    # Under the host CPython (unit tests of lib/) `_socket` is the host's C module:
    # load our sibling lib/_socket.py by path instead, under a private name.
    def _load_sibling():
        import importlib.util as _ilu
        import os as _hos
        path = _hos.path.join(_hos.path.dirname(_hos.path.abspath(__file__)), "_socket.py")
        spec = _ilu.spec_from_file_location("_protojit_guest_socket", path)
        module = _ilu.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    _socket = _load_sibling()
    del _load_sibling

_array = _host_import("array")
_enum = _host_import("enum")
_io = _host_import("io")
_os = _host_import("os")
_selectors = _host_import("selectors")

# CPython's private names that its own modules and tests use.
_LOCALHOST = "127.0.0.1"
_LOCALHOST_V6 = "::1"


class _GiveupOnSendfile(Exception):
    """The zero-copy sendfile path cannot serve this file: use send()."""


_host_socket = _host_import("socket")

from_all = [name for name in vars(_socket) if name.isupper() and not name.startswith("_")]
globals().update({name: getattr(_socket, name) for name in from_all})

error = OSError
timeout = TimeoutError
herror = _socket.herror
gaierror = _socket.gaierror
getdefaulttimeout = _socket.getdefaulttimeout
setdefaulttimeout = _socket.setdefaulttimeout
gethostname = _socket.gethostname
gethostbyname = _socket.gethostbyname
gethostbyaddr = _socket.gethostbyaddr
inet_aton = _socket.inet_aton
inet_ntoa = _socket.inet_ntoa
inet_pton = _socket.inet_pton
inet_ntop = _socket.inet_ntop
htons, ntohs, htonl, ntohl = _socket.htons, _socket.ntohs, _socket.htonl, _socket.ntohl
close = _socket.close
dup = _socket.dup
has_ipv6 = _socket.has_ipv6
gethostbyname_ex = _socket.gethostbyname_ex
getnameinfo = _socket.getnameinfo
getservbyname = _socket.getservbyname
getservbyport = _socket.getservbyport
getprotobyname = _socket.getprotobyname
if_nameindex = _socket.if_nameindex
if_nametoindex = _socket.if_nametoindex
if_indextoname = _socket.if_indextoname


def _same_enum(name, host_enum, base):
    """Our enum with the host's members in the host's order (so aliases resolve alike)."""
    made = base(name, [(n, int(m)) for n, m in host_enum.__members__.items()], module=__name__)
    return made


AddressFamily = _same_enum("AddressFamily", _host_socket.AddressFamily, _enum.IntEnum)
SocketKind = _same_enum("SocketKind", _host_socket.SocketKind, _enum.IntEnum)
MsgFlag = _same_enum("MsgFlag", _host_socket.MsgFlag, _enum.IntFlag)
AddressInfo = _same_enum("AddressInfo", _host_socket.AddressInfo, _enum.IntFlag)
del _same_enum, _host_socket, _host_import
for _kind in (AddressFamily, SocketKind, MsgFlag, AddressInfo):
    globals().update(_kind.__members__)
del _kind

_GLOBAL_DEFAULT_TIMEOUT = object()

# The names CPython's module has beside its own (tools patch socket.os.x, read socket.errno).
import os, sys, io, selectors, array, errno      # noqa: E402
from enum import IntEnum, IntFlag                # noqa: E402
EBADF = errno.EBADF
EAGAIN = errno.EAGAIN
EWOULDBLOCK = errno.EWOULDBLOCK
_blocking_errnos = {EAGAIN, EWOULDBLOCK}
sethostname = _socket.sethostname
AF_DECnet = _socket.AF_DECnet
CAPI = _socket.CAPI

__all__ = ["fromfd", "getfqdn", "create_connection", "create_server", "has_dualstack_ipv6",
           "AddressFamily", "SocketKind", "socket", "SocketType", "socketpair", "SocketIO",
           "error", "timeout", "herror", "gaierror", "getaddrinfo", "gethostname",
           "gethostbyname", "gethostbyaddr", "inet_aton", "inet_ntoa", "inet_pton", "inet_ntop",
           "htons", "ntohs", "htonl", "ntohl", "getdefaulttimeout", "setdefaulttimeout",
           "has_ipv6", "gethostbyname_ex", "getnameinfo", "getservbyname", "getservbyport",
           "getprotobyname", "if_nameindex", "if_nametoindex", "if_indextoname",
           "send_fds", "recv_fds"] + from_all
del from_all


def _intenum_converter(value, enum_klass):
    """value as a member of enum_klass when it is one, else the plain int (CPython's)."""
    try:
        return enum_klass(value)
    except ValueError:
        return value


class socket(_socket.socket):
    """A socket object (see lib/_socket.py for the operations)."""

    __slots__ = ("__weakref__", "_io_refs", "_closed")

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        super().__init__(family, type, proto, fileno)
        self._io_refs = 0
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if not self._closed:
            self.close()

    def __repr__(self):
        closed = getattr(self, "_closed", False)
        text = (f"<{self.__class__.__module__}.{self.__class__.__qualname__}"
                f"{' [closed]' if closed else ''} fd={self.fileno()}, family={int(self.family)}, "
                f"type={int(self.type)}, proto={self.proto}")
        if not closed:
            for label, query in (("laddr", self.getsockname), ("raddr", self.getpeername)):
                try:
                    addr = query()
                except OSError:
                    continue
                if addr:
                    text += f", {label}={addr}"
        return text + ">"

    def __reduce_ex__(self, protocol):
        if protocol < 2:
            # CPython's copyreg path calls _socket.socket(self): a file descriptor is expected
            raise TypeError(f"{type(self).__name__!r} object cannot be interpreted as an integer")
        return super().__reduce_ex__(protocol)

    def __getstate__(self):
        raise TypeError(f"cannot pickle {self.__class__.__name__!r} object")

    @property
    def family(self):
        return _intenum_converter(self._family, AddressFamily)

    @property
    def type(self):
        return _intenum_converter(self._type, SocketKind)

    def dup(self):
        """A new socket object on a duplicate of this descriptor."""
        fd = dup(self.fileno())
        sock = self.__class__(self.family, self.type, self.proto, fileno=fd)
        sock.settimeout(self.gettimeout())
        return sock

    def accept(self):
        """(connection socket, peer address) of the next incoming connection."""
        fd, addr = self._accept()
        sock = socket(self.family, self.type, self.proto, fileno=fd)
        if getdefaulttimeout() is None and self.gettimeout():
            sock.setblocking(True)
        return sock, addr

    def makefile(self, mode="r", buffering=None, *, encoding=None, errors=None, newline=None):
        """A file object over the socket (modes 'r', 'w', 'b' combined)."""
        if not set(mode) <= {"r", "w", "b"}:
            raise ValueError(f"invalid mode {mode!r} (only r, w, b allowed)")
        writing = "w" in mode
        reading = "r" in mode or not writing
        assert reading or writing
        binary = "b" in mode
        raw = SocketIO(self, ("r" if reading else "") + ("w" if writing else ""))
        self._io_refs += 1
        if buffering is None:
            buffering = -1
        if buffering < 0:
            buffering = _io.DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if not binary:
                raise ValueError("unbuffered streams must be binary")
            return raw
        if reading and writing:
            buffered = _io.BufferedRWPair(raw, raw, buffering)
        elif reading:
            buffered = _io.BufferedReader(raw, buffering)
        else:
            buffered = _io.BufferedWriter(raw, buffering)
        if binary:
            return buffered
        text = _io.TextIOWrapper(buffered, encoding, errors, newline)
        text.mode = mode
        return text

    def _decref_socketios(self):
        if self._io_refs > 0:
            self._io_refs -= 1
        if self._closed:
            self.close()

    def close(self):
        """Close the socket; the descriptor goes once no makefile() object uses it."""
        self._closed = True
        if self._io_refs <= 0:
            super().close()

    def detach(self):
        self._closed = True
        return super().detach()

    def get_inheritable(self):
        """Whether a spawned child inherits the descriptor."""
        return _os.get_inheritable(self.fileno())

    def set_inheritable(self, inheritable):
        _os.set_inheritable(self.fileno(), inheritable)

    def sendfile(self, file, offset=0, count=None):
        """Send a regular file's bytes (os.sendfile where it applies, else read and
        sendall); returns the count sent and leaves the file positioned after them."""
        try:
            return self._sendfile_use_sendfile(file, offset, count)
        except _GiveupOnSendfile:
            return self._sendfile_use_send(file, offset, count)

    def _sendfile_use_sendfile(self, file, offset=0, count=None):
        """The zero-copy path: os.sendfile from a regular file, waiting for the socket with
        poll between blocks (the socket's timeout bounds each wait). _GiveupOnSendfile when
        the file is not one sendfile can read, before anything was sent."""
        self._check_sendfile_params(file, offset, count)
        sockno = self.fileno()
        try:
            fileno = file.fileno()
        except (AttributeError, _io.UnsupportedOperation) as err:
            raise _GiveupOnSendfile(err)
        try:
            fsize = _os.fstat(fileno).st_size
        except OSError as err:
            raise _GiveupOnSendfile(err)
        if not fsize:
            return 0
        blocksize = min(count or fsize, 2 ** 30)    # a size_t sendfile accepts everywhere
        timeout = self.gettimeout()
        if timeout == 0:
            raise ValueError("non-blocking sockets are not supported")
        selector = _selectors.PollSelector()
        selector.register(sockno, _selectors.EVENT_WRITE)
        total = 0
        try:
            while True:
                if timeout and not selector.select(timeout):
                    raise TimeoutError("timed out")
                if count:
                    blocksize = count - total
                    if blocksize <= 0:
                        break
                try:
                    sent = _os.sendfile(sockno, fileno, offset, blocksize)
                except BlockingIOError:
                    if not timeout:
                        selector.select()
                    continue
                except OSError as err:
                    if total == 0:
                        raise _GiveupOnSendfile(err)    # not a file sendfile can read
                    raise err from None
                if sent == 0:
                    break
                offset += sent
                total += sent
            return total
        finally:
            selector.close()
            if total > 0 and hasattr(file, "seek"):
                file.seek(offset)

    def _sendfile_use_send(self, file, offset=0, count=None):
        self._check_sendfile_params(file, offset, count)
        if self.gettimeout() == 0:
            raise ValueError("non-blocking sockets are not supported")
        if offset:
            file.seek(offset)
        total = 0
        while count is None or total < count:
            size = 8192 if count is None else min(8192, count - total)
            data = file.read(size)
            if not data:
                break
            self.sendall(data)
            total += len(data)
        if total > 0 and hasattr(file, "seek"):
            file.seek(offset + total)
        return total

    def _check_sendfile_params(self, file, offset, count):
        if "b" not in getattr(file, "mode", "b"):
            raise ValueError("file should be opened in binary mode")
        if not self.type & SOCK_STREAM:
            raise ValueError("only SOCK_STREAM type sockets are supported")
        if count is not None:
            if not isinstance(count, int):
                raise TypeError(f"count must be a positive integer (got {count!r})")
            if count <= 0:
                raise ValueError(f"count must be a positive integer (got {count!r})")


SocketType = _socket.socket      # as CPython: the C-level base type


class SocketIO(_io.RawIOBase):
    """Raw binary stream over a socket, for makefile()'s buffered objects."""

    def __init__(self, sock, mode):
        if mode not in ("r", "w", "rw", "rb", "wb", "rwb"):
            raise ValueError(f"invalid mode: {mode!r}")
        super().__init__()
        self._sock = sock
        self._mode = mode.replace("b", "")
        self._timed_out = False

    def readinto(self, b):
        self._checkClosed()
        self._checkReadable()
        if self._timed_out:
            raise OSError("cannot read from timed out object")
        try:
            return self._sock.recv_into(b)
        except TimeoutError:
            self._timed_out = True
            raise
        except BlockingIOError:
            return None

    def write(self, b):
        self._checkClosed()
        self._checkWritable()
        try:
            return self._sock.send(b)
        except BlockingIOError:
            return None

    def readable(self):
        if self.closed:
            raise ValueError("I/O operation on closed socket.")
        return "r" in self._mode

    def writable(self):
        if self.closed:
            raise ValueError("I/O operation on closed socket.")
        return "w" in self._mode

    def seekable(self):
        if self.closed:
            raise ValueError("I/O operation on closed socket.")
        return False

    def fileno(self):
        self._checkClosed()
        return self._sock.fileno()

    @property
    def name(self):
        return self.fileno() if not self.closed else -1

    @property
    def mode(self):
        return self._mode + "b"

    def close(self):
        if self.closed:
            return
        super().close()
        self._sock._decref_socketios()
        self._sock = None


def fromfd(fd, family, type, proto=0):
    """A socket object on a duplicate of descriptor fd."""
    return socket(family, type, proto, dup(fd))


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    """Two connected socket objects."""
    a, b = _socket.socketpair(family, type, proto)
    pair = (socket(family, type, proto, a.detach()), socket(family, type, proto, b.detach()))
    return pair


def send_fds(sock, buffers, fds, flags=0, address=None):
    """sendmsg() of buffers with the descriptors fds attached (SCM_RIGHTS)."""
    rights = _array.array("i", fds)
    return sock.sendmsg(buffers, [(SOL_SOCKET, SCM_RIGHTS, rights)], flags, address)


def recv_fds(sock, bufsize, maxfds, flags=0):
    """(data, list of received descriptors, msg_flags, address); up to maxfds descriptors."""
    received = _array.array("i")
    data, ancdata, msg_flags, address = sock.recvmsg(
        bufsize, CMSG_LEN(maxfds * received.itemsize), flags)
    for level, kind, payload in ancdata:
        if level == SOL_SOCKET and kind == SCM_RIGHTS:
            whole = len(payload) - len(payload) % received.itemsize   # drop a cut-off tail
            received.frombytes(payload[:whole])
    return data, list(received), msg_flags, address


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """List of (AddressFamily, SocketKind, proto, canonname, sockaddr)."""
    return [(_intenum_converter(f, AddressFamily), _intenum_converter(t, SocketKind), p, c, sa)
            for f, t, p, c, sa in _socket.getaddrinfo(host, port, family, type, proto, flags)]


def getfqdn(name=""):
    """Fully qualified name for name (default: this host): the first name with a dot."""
    name = name.strip()
    if not name or name in ("0.0.0.0", "::"):
        name = gethostname()
    try:
        hostname, aliases, _addrs = gethostbyaddr(name)
    except OSError:
        return name
    for candidate in [hostname] + aliases:
        if "." in candidate:
            return candidate
    return hostname


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None, *,
                      all_errors=False):
    """Connect to (host, port), trying each address getaddrinfo gives, and return the socket."""
    host, port = address
    errors = []
    for family, kind, proto, _canon, sockaddr in getaddrinfo(host, port, 0, SOCK_STREAM):
        sock = None
        try:
            sock = socket(family, kind, proto)
            if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            errors.append(exc)
            if sock is not None:
                sock.close()
    if not errors:
        raise OSError("getaddrinfo returns an empty list")
    if all_errors:
        raise ExceptionGroup("create_connection failed", errors)
    raise errors[0]


def has_dualstack_ipv6():
    """True if an AF_INET6 socket can also accept IPv4 connections."""
    try:
        with socket(AF_INET6, SOCK_STREAM) as sock:
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0)
            return True
    except OSError:
        return False


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False,
                  dualstack_ipv6=False):
    """A listening TCP socket bound to address (SO_REUSEADDR set, as CPython on POSIX)."""
    if reuse_port and not hasattr(_socket, "SO_REUSEPORT"):
        raise ValueError("SO_REUSEPORT not supported on this platform")
    if dualstack_ipv6:
        if not has_dualstack_ipv6():
            raise ValueError("dualstack_ipv6 not supported on this platform")
        if family != AF_INET6:
            raise ValueError("dualstack_ipv6 requires AF_INET6 family")
    sock = socket(family, SOCK_STREAM)
    try:
        sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)
        if family == AF_INET6:
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0 if dualstack_ipv6 else 1)
        try:
            sock.bind(address)
        except OSError as exc:
            raise OSError(exc.errno, f"{exc.strerror} (while attempting to bind on address "
                                     f"{address!r})") from None
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except BaseException:
        sock.close()
        raise


def __dir__():
    # dir() lists CPython's names: not the host modules this one works with
    return sorted(set(globals()) - {"__dir__", "__pj_guest__", "_array", "_enum", "_io", "_os", "_selectors"})
