"""Guest `_socket`: the low-level socket module, over protojit's C runtime.

In: calls from guest code (mostly from lib/socket.py, which builds the public
`socket` module on this one). Out: `pj_sock_*` / `pj_getaddrinfo` / ... calls
into runtime_c/socket.c through `protojit.native` (ctypes releases the GIL
around each call, so a blocked recv or accept never holds it).

Addresses cross into C as raw sockaddr bytes: `_sockaddr_from` builds them
from Python address objects (tuples, paths) and `_sockaddr_to` turns them back.
Integer constants (AF_*, SOCK_*, SO_*, ...) are the platform's values, copied
from the host's `_socket` at import time. Errors are CPython's: OSError(errno,
strerror) (so ConnectionRefusedError etc.), TimeoutError('timed out'),
gaierror / herror with the resolver's message.
"""
from protojit.hostmods import host_import as _host_import
import warnings as _warnings

_ctypes = _host_import("ctypes")
_os = _host_import("os")
_sys = _host_import("sys")
_errno = _host_import("errno")
_math = _host_import("math")
_operator = _host_import("operator")
_time = _host_import("time")
_struct = _host_import("struct")
_host_socket_mod = _host_import("_socket")

__all__ = ["socket", "SocketType", "error", "timeout", "gaierror", "herror",
           "getaddrinfo", "gethostname", "gethostbyname", "gethostbyaddr",
           "inet_aton", "inet_ntoa", "inet_pton", "inet_ntop", "htons", "ntohs",
           "htonl", "ntohl", "socketpair", "dup", "close",
           "getdefaulttimeout", "setdefaulttimeout", "has_ipv6", "gethostbyname_ex",
           "getnameinfo", "getservbyname", "getservbyport", "getprotobyname", "if_nameindex",
           "if_nametoindex", "if_indextoname", "CMSG_LEN", "CMSG_SPACE"]

# The platform's integer constants (AF_INET, SOCK_STREAM, SO_REUSEADDR, ...).
globals().update({name: value for name, value in vars(_host_socket_mod).items()
                  if name.isupper() and type(value) is int})
AF_DECnet = _host_socket_mod.AF_DECnet
# The host C module's capsule: C extensions that import "_socket.CAPI" (the host's _ssl)
# find it here, the program's _socket being the process's module of that name.
CAPI = _host_socket_mod.CAPI

_PROTOJIT = True   # lib/socket.py checks this to know it found this module, not the host's
_SOCKADDR_MAX = 128       # PJ_SOCKADDR_MAX
_SOCK_TIMEOUT = -100001   # PJ_SOCK_TIMEOUT
_SOCK_GAIERROR = -100002  # PJ_SOCK_GAIERROR
_SOCK_HERROR = -100003    # PJ_SOCK_HERROR
_SOCK_NONBLOCK = _host_socket_mod.SOCK_NONBLOCK
_SOCK_CLOEXEC = _host_socket_mod.SOCK_CLOEXEC

error = OSError
timeout = TimeoutError


# The host's own classes (module "socket", as CPython's): one herror and one gaierror in
# the process, so that host code holding the host's socket module (ssl is imported with
# it) and guest code catch each other's.
herror = _host_socket_mod.herror
gaierror = _host_socket_mod.gaierror

_rt = None


def _lib():
    """The C runtime (loaded on first use, not at import)."""
    global _rt
    if _rt is None:
        from protojit import native
        _rt = native.lib()
    return _rt


def _raise(rc):
    """Raise the exception for a negative result of a pj_sock_* call."""
    if rc == _SOCK_TIMEOUT:
        raise TimeoutError("timed out")
    raise OSError(-rc, _os.strerror(-rc))


_EINTR = -_errno.EINTR   # from a pj_sock_* call: a signal arrived, nothing moved

# Host callables bound once for the data hot path (no guest frames per call).
from protojit.native import lib as _native_lib   # noqa: E402 - loads the runtime on first call
_c_size_t = _ctypes.c_size_t
_byref = _ctypes.byref
_create_string_buffer = _ctypes.create_string_buffer
_string_at = _ctypes.string_at
_monotonic = _time.monotonic


def _deadline(timeout):
    """When a call with this C timeout must give up (None: it never waits with a limit)."""
    return _time.monotonic() + timeout if timeout > 0 else None


def _time_left(timeout, deadline):
    """The C timeout for calling again after -EINTR (PEP 475).

    By the time this runs the interpreter has run the Python signal handlers
    (a handler that raises ends the operation with its exception).
    """
    if deadline is None:
        return timeout
    left = deadline - _time.monotonic()
    if left <= 0:
        raise TimeoutError("timed out")
    return left


def _size(n=0):
    return _ctypes.c_size_t(n)


def _readable_buffer(data):
    """(pointer-compatible object, length) for bytes-like data, without copying bytes."""
    if type(data) is bytes:
        return data, len(data)
    if not isinstance(data, memoryview):
        try:
            data = memoryview(data)
        except TypeError:    # (CPython's y* message, without memoryview's prefix)
            raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'") from None
    view = data.cast("B") if data.format != "B" else data
    if not view.c_contiguous:
        raise BufferError("memoryview: underlying buffer is not C-contiguous")
    if view.readonly:
        copy = view.tobytes()
        return copy, len(copy)
    return (_ctypes.c_char * len(view)).from_buffer(view), len(view)


def _writable_buffer(buffer):
    """(ctypes array over buffer, length) for a writable bytes-like object."""
    view = memoryview(buffer)
    if view.readonly:
        raise TypeError(f"recv_into() argument 'buffer' must be read-write bytes-like object, "
                        f"not {type(buffer).__name__}")
    view = view.cast("B") if view.format != "B" or view.ndim != 1 else view
    return (_ctypes.c_char * len(view)).from_buffer(view), len(view)


def _check_port(port, what):
    if not isinstance(port, int):
        raise TypeError(f"'{type(port).__name__}' object cannot be interpreted as an integer")
    if not 0 <= port <= 65535:
        raise OverflowError(f"{what}(): port must be 0-65535.")
    return port


def _resolve_ip(host, family):
    """Numeric address text for host (a name, a numeric address, '' or '<broadcast>')."""
    if isinstance(host, (bytes, bytearray)):
        host = bytes(host).decode("idna")
    elif not isinstance(host, str):
        raise TypeError(f"str, bytes or bytearray expected, not {type(host).__name__}")
    if host == "":
        return "0.0.0.0" if family == AF_INET else "::"
    if host == "<broadcast>":
        if family != AF_INET:
            raise OSError("address family mismatched")
        return "255.255.255.255"
    if family in (AF_INET, AF_INET6) and _is_numeric(family, host):
        return host
    for fam, _t, _p, _c, sa in _getaddrinfo_raw(host, None, family, 0, 0, 0):
        return _sockaddr_to(sa)[0]
    raise gaierror(EAI_NONAME, "Name or service not known")


def _is_numeric(family, text):
    buf = _ctypes.create_string_buffer(16)
    n = _size()
    return _lib().pj_inet_pton(family, text.encode("ascii", "replace"), buf, 16, _ctypes.byref(n)) == 0


def _sockaddr_from(family, address, what):
    """sockaddr bytes (a ctypes buffer, length) for a Python address of `family`."""
    out = _ctypes.create_string_buffer(_SOCKADDR_MAX)
    n = _size()
    if family == AF_UNIX:
        if isinstance(address, str):
            address = _os.fsencode(address)
        elif isinstance(address, (bytes, bytearray, memoryview)):
            address = bytes(address)
        else:
            raise TypeError(f"{what}(): AF_UNIX address must be str or bytes, not "
                            f"{type(address).__name__}")
        rc = _lib().pj_sockaddr_from_unix(address, len(address), out, _SOCKADDR_MAX, _ctypes.byref(n))
        if rc == -_errno.ENAMETOOLONG:
            raise OSError("AF_UNIX path too long")
    elif family in (AF_INET, AF_INET6):
        if not isinstance(address, tuple):
            fam = "AF_INET" if family == AF_INET else "AF_INET6"
            raise TypeError(f"{what}(): {fam} address must be tuple, not {type(address).__name__}")
        if family == AF_INET:
            if len(address) != 2:
                raise TypeError("AF_INET address must be a pair (host, port)")
            host, port = address
            flowinfo = scope_id = 0
        else:
            if not 2 <= len(address) <= 4:
                raise TypeError("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")
            host, port, flowinfo, scope_id = (tuple(address) + (0, 0))[:4]
            if not 0 <= flowinfo <= 0xFFFFFFFF:
                raise OverflowError(f"{what}(): flowinfo must be 0-1048575.")
        ip = _resolve_ip(host, family)
        _check_port(port, what)
        rc = _lib().pj_sockaddr_from_ip(family, ip.encode("ascii"), port, flowinfo, scope_id,
                                        out, _SOCKADDR_MAX, _ctypes.byref(n))
        if rc == -_errno.EINVAL and ip is not host:  # resolved to another family
            raise OSError("address family mismatched")
    else:
        raise OSError(f"{what}(): bad family")
    if rc < 0:
        _raise(rc)
    return out, n.value


def _sockaddr_to(raw, length=None):
    """The Python address for sockaddr bytes (raw: bytes or a ctypes buffer)."""
    if length is None:
        length = len(raw)
    if length == 0:
        return None
    family, port = _ctypes.c_int(), _ctypes.c_int()
    flowinfo, scope_id = _ctypes.c_uint32(), _ctypes.c_uint32()
    host = _ctypes.create_string_buffer(_SOCKADDR_MAX)
    hostlen = _size()
    b = _ctypes.byref
    rc = _lib().pj_sockaddr_describe(raw, length, b(family), host, _SOCKADDR_MAX, b(hostlen),
                                     b(port), b(flowinfo), b(scope_id))
    if rc == -_errno.EAFNOSUPPORT:  # CPython gives (family, raw bytes) for unknown families
        return (family.value, _ctypes.string_at(raw, length)[2:])
    if rc < 0:
        _raise(rc)
    text = host.raw[:hostlen.value]
    if family.value == AF_INET:
        return (text.decode("ascii"), port.value)
    if family.value == AF_INET6:
        return (text.decode("ascii"), port.value, flowinfo.value, scope_id.value)
    # AF_UNIX: a file path is text, an abstract (NUL-led) name stays bytes
    if text[:1] == b"\0":
        return text
    return _os.fsdecode(text)


_NS_PER_S = 10 ** 9
_INT64_MIN, _INT64_MAX = -2 ** 63, 2 ** 63 - 1


def _as_timeout(value):
    """Validated timeout (None or seconds >= 0) from a settimeout() argument.

    CPython keeps a timeout as whole nanoseconds (rounded away from zero), so
    the float returned is the value gettimeout() reports: 1e-10 -> 1e-09.
    """
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            raise ValueError("Invalid value NaN (not a number)")
        scaled = value * 1e9
        if not -9223372036854775808.0 <= scaled < 9223372036854775808.0:
            raise OverflowError("timestamp out of range for platform time_t")
        ns = _math.ceil(scaled) if scaled >= 0 else _math.floor(scaled)
    else:
        ns = _operator.index(value) * _NS_PER_S
        if not _INT64_MIN <= ns <= _INT64_MAX:
            raise OverflowError("timestamp too large to convert to C _PyTime_t")
    if ns < 0:
        raise ValueError("Timeout value out of range")
    if ns % _NS_PER_S == 0:
        return float(ns // _NS_PER_S)
    return ns / 1e9


def _c_int(value):
    """A C int from an index-able argument, with CPython's messages."""
    value = _operator.index(value)
    if value > 2147483647:
        raise OverflowError("signed integer is greater than maximum")
    if value < -2147483648:
        raise OverflowError("signed integer is less than minimum")
    return value


_default_timeout = None
_DEFAULT_BACKLOG = object()   # listen() without an argument (None is a TypeError)


def getdefaulttimeout():
    """Timeout (seconds or None) that new sockets start with."""
    return _default_timeout


def setdefaulttimeout(value):
    """Set the timeout new sockets start with (None: blocking)."""
    global _default_timeout
    _default_timeout = _as_timeout(value)


# Ancillary data (sendmsg/recvmsg) travels as cmsghdr records: a header
# (size_t cmsg_len, int cmsg_level, int cmsg_type), the data, padding.
# The size arithmetic is the platform's CMSG_LEN / CMSG_SPACE macros.
CMSG_LEN = _host_socket_mod.CMSG_LEN
CMSG_SPACE = _host_socket_mod.CMSG_SPACE
_CMSG_HEADER = _struct.Struct("@Nii")
assert _CMSG_HEADER.size == CMSG_LEN(0), "cmsghdr layout differs from size_t, int, int"
_CONTROL_MAX = 1 << 20   # PJ_SOCK_CONTROL_MAX


def _bytes_view(obj):
    """A flat unsigned-byte memoryview of a bytes-like object (CPython's TypeError otherwise)."""
    try:
        view = memoryview(obj)
    except TypeError:
        raise TypeError(f"a bytes-like object is required, not '{type(obj).__name__}'") from None
    return view.cast("B") if view.format != "B" or view.ndim != 1 else view


def _control_block(ancdata):
    """The cmsghdr records for sendmsg's ancdata [(level, type, data), ...]."""
    try:
        items = list(ancdata)
    except TypeError:
        raise TypeError("sendmsg() argument 2 must be an iterable") from None
    block = bytearray()
    for item in items:
        try:
            fields = tuple(item)
        except TypeError:
            raise TypeError("[sendmsg() ancillary data items]() argument must be sequence of "
                            f"length 3, not {type(item).__name__}") from None
        if len(fields) != 3:
            raise TypeError("[sendmsg() ancillary data items]() argument must be sequence of "
                            f"length 3, not {len(fields)}")
        level, kind, data = _c_int(fields[0]), _c_int(fields[1]), _bytes_view(fields[2])
        record = _CMSG_HEADER.pack(CMSG_LEN(len(data)), level, kind) + data.tobytes()
        block += record + bytes(CMSG_SPACE(len(data)) - len(record))
    if len(block) > _CONTROL_MAX:
        raise OSError("ancillary data does not fit in calculated space")
    return bytes(block)


def _parse_control(raw):
    """[(level, type, data), ...] from the ancillary bytes recvmsg() received."""
    records = []
    offset = 0
    while offset + _CMSG_HEADER.size <= len(raw):
        length, level, kind = _CMSG_HEADER.unpack_from(raw, offset)
        if length < _CMSG_HEADER.size:
            break
        records.append((level, kind, raw[offset + _CMSG_HEADER.size:offset + length]))
        offset += CMSG_SPACE(length - _CMSG_HEADER.size)
    return records


def _iov_array(buffers):
    """A pj_iov[] over ctypes arrays [(array, length), ...]; keep `buffers` alive with it."""
    from protojit import native
    iov = (native.Iov * max(len(buffers), 1))()
    for slot, (array, length) in zip(iov, buffers):
        slot.base = _ctypes.addressof(array)
        slot.len = length
    return iov


class _SocketType(type):
    """socket.socket and _socket.socket count the host's sockets among theirs. CPython has
    one socket type; protojit's host half has its own (ssl.SSLSocket is one: the host's ssl
    needs a real _socket.socket), and guest code still sees a socket there."""

    def __instancecheck__(cls, obj):
        return type.__instancecheck__(cls, obj) or (
            (cls.__module__, cls.__qualname__) in _HOST_ALIKE
            and isinstance(obj, _host_socket_mod.socket))

    def __subclasscheck__(cls, sub):
        return type.__subclasscheck__(cls, sub) or (
            (cls.__module__, cls.__qualname__) in _HOST_ALIKE
            and isinstance(sub, type) and issubclass(sub, _host_socket_mod.socket))


_HOST_ALIKE = {("_socket", "socket"), ("socket", "socket")}


class socket(metaclass=_SocketType):
    """A socket: a descriptor plus family, type, proto and a timeout (None = blocking)."""

    __slots__ = ("_fd", "_family", "_type", "_proto", "_timeout")

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        L = _lib()
        if fileno is None:
            family = AF_INET if family == -1 else family
            type = SOCK_STREAM if type == -1 else type
            proto = 0 if proto == -1 else proto
            fd = _ctypes.c_int()
            rc = L.pj_sock_open(family, type, proto, _ctypes.byref(fd))
            if rc < 0:
                _raise(rc)
            fd = fd.value
        else:
            if isinstance(fileno, float) or not hasattr(fileno, "__index__"):
                raise TypeError(f"'{fileno.__class__.__name__}' object cannot be interpreted as an integer")
            fd = fileno.__index__()
            if fd < 0:
                raise ValueError("negative file descriptor")
            if family == -1:
                family = self._query(fd, SO_DOMAIN)
            if type == -1:
                type = self._query(fd, SO_TYPE)
            if proto == -1:
                proto = self._query(fd, SO_PROTOCOL)
        self._fd = fd
        self._family = family
        self._type = type & ~(_SOCK_NONBLOCK | _SOCK_CLOEXEC)
        self._proto = proto
        self._timeout = 0.0 if type & _SOCK_NONBLOCK else _default_timeout
        if self._timeout is not None or fileno is not None:
            self._apply_blocking()

    @staticmethod
    def _query(fd, option):
        value = _ctypes.c_int()
        n = _size(_ctypes.sizeof(value))
        rc = _lib().pj_sock_getsockopt(fd, SOL_SOCKET, option, _ctypes.byref(value), _ctypes.byref(n))
        if rc < 0:
            _raise(rc)
        return value.value

    def _apply_blocking(self):
        # O_NONBLOCK is set whenever the timeout is not None: the C side then waits with poll().
        if self._fd != -1:
            rc = _lib().pj_sock_set_nonblocking(self._fd, self._timeout is not None)
            if rc < 0:
                _raise(rc)

    def _c_timeout(self):
        return -1.0 if self._timeout is None else self._timeout

    # -- identity and lifetime

    family = property(lambda self: self._family, doc="the socket family")
    type = property(lambda self: self._type, doc="the socket type")
    proto = property(lambda self: self._proto, doc="the socket protocol")
    timeout = property(lambda self: self._timeout, doc="the socket timeout")

    def fileno(self):
        """The descriptor, or -1 once closed or detached."""
        return self._fd

    def close(self):
        """Close the descriptor (closing twice is harmless)."""
        fd, self._fd = self._fd, -1
        if fd != -1:
            rc = _lib().pj_sock_close(fd)
            if rc < 0 and rc != -_errno.ECONNRESET:  # at close, this is not an error (as CPython)
                _raise(rc)

    def detach(self):
        """Forget the descriptor without closing it and return it."""
        fd, self._fd = self._fd, -1
        return fd

    def __repr__(self):
        return (f"<socket object, fd={self._fd}, family={self._family}, "
                f"type={self._type}, proto={self._proto}>")

    def __del__(self):
        if getattr(self, "_fd", -1) != -1:
            # As CPython's socket finalizer: an open socket collected warns (ignored unless
            # the program's warning filters show ResourceWarning), then closes.
            _warnings.warn(f"unclosed {self!r}", ResourceWarning, stacklevel=2, source=self)
            self.close()

    # -- timeouts

    def settimeout(self, value):
        """None: blocking; 0: non-blocking; > 0: operations wait at most that long."""
        self._timeout = _as_timeout(value)
        self._apply_blocking()

    def gettimeout(self):
        return self._timeout

    def setblocking(self, flag):
        self._timeout = None if flag else 0.0
        self._apply_blocking()

    def getblocking(self):
        return self._timeout != 0.0

    # -- connection setup

    def bind(self, address):
        addr, n = _sockaddr_from(self._family, address, "bind")
        rc = _lib().pj_sock_bind(self._fd, addr, n)
        if rc < 0:
            _raise(rc)

    def listen(self, backlog=_DEFAULT_BACKLOG):
        backlog = min(SOMAXCONN, 128) if backlog is _DEFAULT_BACKLOG else _c_int(backlog)
        rc = _lib().pj_sock_listen(self._fd, max(backlog, 0))
        if rc < 0:
            _raise(rc)

    def _accept(self):
        """(new descriptor, peer address) of an incoming connection."""
        addr = _ctypes.create_string_buffer(_SOCKADDR_MAX)
        n = _size(_SOCKADDR_MAX)
        fd = _ctypes.c_int()
        timeout = self._c_timeout()
        deadline = _deadline(timeout)
        while True:
            rc = _lib().pj_sock_accept(self._fd, timeout, _ctypes.byref(fd), addr,
                                       _ctypes.byref(n))
            if rc != _EINTR:
                break
            timeout = _time_left(timeout, deadline)
            n.value = _SOCKADDR_MAX
        if rc < 0:
            _raise(rc)
        return fd.value, _sockaddr_to(addr, n.value)

    def connect(self, address):
        rc = self._connect(address)
        if rc < 0:
            _raise(rc)

    def connect_ex(self, address):
        """connect() that returns the errno (0 on success) instead of raising OSError for it."""
        rc = self._connect(address)
        if rc == _SOCK_TIMEOUT:
            return _errno.EAGAIN  # as CPython's connect_ex after a timeout
        return -rc

    def _connect(self, address):
        addr, n = _sockaddr_from(self._family, address, "connect")
        return _lib().pj_sock_connect(self._fd, addr, n, self._c_timeout())

    def shutdown(self, how):
        how = _operator.index(how)      # CPython's C int argument: its errors, not a wrap
        if not -2147483648 <= how <= 2147483647:
            raise OverflowError("Python int too large to convert to C int")
        rc = _lib().pj_sock_shutdown(self._fd, how)
        if rc < 0:
            _raise(rc)

    # -- data

    # The four data calls below are the hot path of every socket program: they
    # call the runtime through module-level host names (no guest helper calls);
    # only an EINTR (a signal) loops, with the time left of the same deadline.

    def send(self, data, flags=0):
        if type(data) is bytes:
            ptr, n = data, len(data)
        else:
            ptr, n = _readable_buffer(data)
        sent = _c_size_t()
        timeout = self._timeout
        start = _monotonic() if timeout else 0.0
        c_timeout = -1.0 if timeout is None else timeout
        rc = _native_lib().pj_sock_send(self._fd, ptr, n, flags, c_timeout, _byref(sent))
        while rc == _EINTR:
            c_timeout = _time_left(c_timeout, start + timeout if timeout else None)
            rc = _native_lib().pj_sock_send(self._fd, ptr, n, flags, c_timeout, _byref(sent))
        if rc < 0:
            _raise(rc)
        return sent.value

    def sendall(self, data, flags=0):
        """Send all of data; the timeout bounds the whole transfer."""
        if type(data) is bytes:
            ptr, n = data, len(data)
        else:
            ptr, n = _readable_buffer(data)
        sent = _c_size_t()
        timeout = self._timeout
        start = _monotonic() if timeout else 0.0
        c_timeout = -1.0 if timeout is None else timeout
        rc = _native_lib().pj_sock_sendall(self._fd, ptr, n, flags, c_timeout, _byref(sent))
        done = 0
        while rc == _EINTR:
            c_timeout = _time_left(c_timeout, start + timeout if timeout else None)
            done += sent.value    # go on after what already went
            ptr, n = _readable_buffer(memoryview(data).cast("B")[done:])
            rc = _native_lib().pj_sock_sendall(self._fd, ptr, n, flags, c_timeout, _byref(sent))
        if rc < 0:
            _raise(rc)

    def sendto(self, *args):
        # CPython's sendto(data[, flags], address): its argument errors
        if len(args) == 2:
            (data, addr), flags = args, 0
        elif len(args) == 3:
            data, flags, addr = args
            flags = _c_int(flags)
        else:
            raise TypeError(f"sendto() takes 2 or 3 arguments ({len(args)} given)")
        ptr, n = _readable_buffer(data)
        sa, salen = _sockaddr_from(self._family, addr, "sendto")
        sent = _size()
        timeout = self._c_timeout()
        deadline = _deadline(timeout)
        while True:
            rc = _lib().pj_sock_sendto(self._fd, ptr, n, flags, sa, salen, timeout,
                                       _ctypes.byref(sent))
            if rc != _EINTR:
                break
            timeout = _time_left(timeout, deadline)
        if rc < 0:
            _raise(rc)
        return sent.value

    def recv(self, bufsize, flags=0):
        if bufsize < 0:
            raise ValueError("negative buffersize in recv")
        buf = _create_string_buffer(bufsize)
        got = _c_size_t()
        timeout = self._timeout
        start = _monotonic() if timeout else 0.0
        c_timeout = -1.0 if timeout is None else timeout
        rc = _native_lib().pj_sock_recv(self._fd, buf, bufsize, flags, c_timeout, _byref(got))
        while rc == _EINTR:
            c_timeout = _time_left(c_timeout, start + timeout if timeout else None)
            rc = _native_lib().pj_sock_recv(self._fd, buf, bufsize, flags, c_timeout, _byref(got))
        if rc < 0:
            _raise(rc)
        return _string_at(buf, got.value)

    def recv_into(self, buffer, nbytes=0, flags=0):
        if nbytes < 0:
            raise ValueError("negative buffersize in recv_into")
        arr, size = _writable_buffer(buffer)
        if nbytes == 0:
            nbytes = size
        elif nbytes > size:
            raise ValueError("buffer too small for requested bytes")
        got = _c_size_t()
        timeout = self._timeout
        start = _monotonic() if timeout else 0.0
        c_timeout = -1.0 if timeout is None else timeout
        rc = _native_lib().pj_sock_recv(self._fd, arr, nbytes, flags, c_timeout, _byref(got))
        while rc == _EINTR:
            c_timeout = _time_left(c_timeout, start + timeout if timeout else None)
            rc = _native_lib().pj_sock_recv(self._fd, arr, nbytes, flags, c_timeout, _byref(got))
        if rc < 0:
            _raise(rc)
        return got.value

    def recvfrom(self, bufsize, flags=0):
        if bufsize < 0:
            raise ValueError("negative buffersize in recvfrom")
        buf = _ctypes.create_string_buffer(bufsize)
        got, addr = self._recvfrom(buf, bufsize, flags)
        return _ctypes.string_at(buf, got), addr

    def recvfrom_into(self, buffer, nbytes=0, flags=0):
        if nbytes < 0:
            raise ValueError("negative buffersize in recvfrom_into")
        arr, size = _writable_buffer(buffer)
        if nbytes == 0:
            nbytes = size
        elif nbytes > size:
            raise ValueError("nbytes is greater than the length of the buffer")
        return self._recvfrom(arr, nbytes, flags)

    def _recvfrom(self, buf, size, flags):
        addr = _ctypes.create_string_buffer(_SOCKADDR_MAX)
        alen = _size(_SOCKADDR_MAX)
        got = _size()
        timeout = self._c_timeout()
        deadline = _deadline(timeout)
        while True:
            rc = _lib().pj_sock_recvfrom(self._fd, buf, size, flags, timeout,
                                         _ctypes.byref(got), addr, _ctypes.byref(alen))
            if rc != _EINTR:
                break
            timeout = _time_left(timeout, deadline)
            alen.value = _SOCKADDR_MAX
        if rc < 0:
            _raise(rc)
        return got.value, _sockaddr_to(addr, alen.value)

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):
        """Send the concatenated buffers and ancillary records [(level, type, data)]."""
        try:
            items = list(buffers)
        except TypeError:
            raise TypeError("sendmsg() argument 1 must be an iterable") from None
        arrays = []
        for item in items:
            view = _bytes_view(item)
            arrays.append(((_ctypes.c_char * len(view)).from_buffer_copy(view), len(view)))
        control = _control_block(ancdata)
        flags = _c_int(flags)
        sa, salen = (None, 0) if address is None else _sockaddr_from(self._family, address,
                                                                     "sendmsg")
        iov = _iov_array(arrays)
        sent = _size()
        timeout = self._c_timeout()
        deadline = _deadline(timeout)
        while True:
            rc = _lib().pj_sock_sendmsg(self._fd, iov, len(arrays), control or None,
                                        len(control), flags, sa, salen, timeout,
                                        _ctypes.byref(sent))
            if rc != _EINTR:
                break
            timeout = _time_left(timeout, deadline)
        if rc < 0:
            _raise(rc)
        return sent.value

    def recvmsg(self, bufsize, ancbufsize=0, flags=0):
        """(data, ancdata, msg_flags, address) of one receive of at most bufsize bytes."""
        bufsize = _operator.index(bufsize)
        if bufsize < 0:
            raise ValueError("negative buffer size in recvmsg()")
        buf = _ctypes.create_string_buffer(bufsize)
        n, ancdata, msg_flags, address = self._recvmsg([(buf, bufsize)], ancbufsize, flags)
        return _ctypes.string_at(buf, n), ancdata, msg_flags, address

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):
        """(nbytes, ancdata, msg_flags, address), the data scattered over writable buffers."""
        message = ("recvmsg_into() argument 1 must be an iterable of single-segment "
                   "read-write buffers")
        try:
            items = list(buffers)
        except TypeError:
            raise TypeError("recvmsg_into() argument 1 must be an iterable") from None
        arrays = []
        for item in items:
            try:
                arrays.append(_writable_buffer(item))
            except TypeError:
                raise TypeError(message) from None
        return self._recvmsg(arrays, ancbufsize, flags)

    def _recvmsg(self, arrays, ancbufsize, flags):
        ancbufsize = _operator.index(ancbufsize)
        if not 0 <= ancbufsize <= _CONTROL_MAX:
            raise ValueError("invalid ancillary data buffer length")
        flags = _c_int(flags)
        iov = _iov_array(arrays)
        control = _ctypes.create_string_buffer(max(ancbufsize, 1))
        clen = _size(ancbufsize)
        addr = _ctypes.create_string_buffer(_SOCKADDR_MAX)
        alen = _size(_SOCKADDR_MAX)
        got = _size()
        msg_flags = _ctypes.c_int()
        b = _ctypes.byref
        timeout = self._c_timeout()
        deadline = _deadline(timeout)
        while True:
            rc = _lib().pj_sock_recvmsg(self._fd, iov, len(arrays), control, b(clen), flags,
                                        timeout, b(got), b(msg_flags), addr, b(alen))
            if rc != _EINTR:
                break
            timeout = _time_left(timeout, deadline)
            clen.value, alen.value = ancbufsize, _SOCKADDR_MAX
        if rc < 0:
            _raise(rc)
        ancdata = _parse_control(control.raw[:clen.value])
        return got.value, ancdata, msg_flags.value, _sockaddr_to(addr, alen.value)

    # -- options and names

    def setsockopt(self, level, option, value, optlen=None):
        if value is None:
            ptr, n = None, optlen or 0
        elif isinstance(value, int):
            holder = _ctypes.c_int(value)
            ptr, n = _ctypes.byref(holder), _ctypes.sizeof(holder)
        else:
            ptr, n = _readable_buffer(value)
        rc = _lib().pj_sock_setsockopt(self._fd, level, option, ptr, n)
        if rc < 0:
            _raise(rc)

    def getsockopt(self, level, option, buflen=0):
        if buflen == 0:
            value = _ctypes.c_int()
            n = _size(_ctypes.sizeof(value))
            rc = _lib().pj_sock_getsockopt(self._fd, level, option, _ctypes.byref(value),
                                           _ctypes.byref(n))
            if rc < 0:
                _raise(rc)
            return value.value
        if not 0 < buflen <= 1024:
            raise OSError("getsockopt buflen out of range")
        buf = _ctypes.create_string_buffer(buflen)
        n = _size(buflen)
        rc = _lib().pj_sock_getsockopt(self._fd, level, option, buf, _ctypes.byref(n))
        if rc < 0:
            _raise(rc)
        return buf.raw[:n.value]

    def getsockname(self):
        return self._name(_lib().pj_sock_getsockname)

    def getpeername(self):
        return self._name(_lib().pj_sock_getpeername)

    def _name(self, fn):
        addr = _ctypes.create_string_buffer(_SOCKADDR_MAX)
        n = _size(_SOCKADDR_MAX)
        rc = fn(self._fd, addr, _ctypes.byref(n))
        if rc < 0:
            _raise(rc)
        if n.value <= 2 and self._family == AF_UNIX:
            return ""   # an unnamed AF_UNIX socket
        return _sockaddr_to(addr, n.value)


SocketType = socket


# ---- descriptors

def dup(fd):
    """Duplicate a socket descriptor (close-on-exec)."""
    new = _ctypes.c_int()
    rc = _lib().pj_sock_dup(fd, _ctypes.byref(new))
    if rc < 0:
        _raise(rc)
    return new.value


def close(fd):
    """Close a socket descriptor."""
    rc = _lib().pj_sock_close(_c_socket_t(fd))
    if rc < 0:
        _raise(rc)


def _c_long(value):
    """CPython's PyLong_AsLong of an argument: its TypeError and OverflowError."""
    value = _operator.index(value)
    if not -2**63 <= value < 2**63:
        raise OverflowError("Python int too large to convert to C long")
    return value


def _c_int(value):
    """CPython's int argument ("i"): its TypeError and OverflowError."""
    value = _c_long(value)
    if value > 2**31 - 1:
        raise OverflowError("signed integer is greater than maximum")
    if value < -2**31:
        raise OverflowError("signed integer is less than minimum")
    return value


def _c_socket_t(value):
    """CPython's PyLong_AsSocket_t: a C long, then cast to the descriptor's int (as CPython
    does, without a check)."""
    return _ctypes.c_int(_c_long(value)).value


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    """Two connected descriptors, as a pair of low-level sockets."""
    fds = (_ctypes.c_int * 2)()
    rc = _lib().pj_sock_socketpair(family, type, proto, fds)
    if rc < 0:
        _raise(rc)
    return (socket(family, type, proto, fds[0]), socket(family, type, proto, fds[1]))


# ---- name resolution

def _getaddrinfo_raw(host, port, family, type, proto, flags):
    """getaddrinfo results as (family, type, proto, canonname, sockaddr bytes)."""
    if host is None:
        chost = None
    elif isinstance(host, str):
        chost = host.encode("idna")
    elif isinstance(host, (bytes, bytearray)):
        chost = bytes(host)
    else:
        raise TypeError(f"getaddrinfo() argument 1 must be string or None")
    if port is None:
        cport = None
    elif isinstance(port, int):
        cport = str(port).encode("ascii")
    elif isinstance(port, str):
        cport = port.encode("utf-8")
    elif isinstance(port, bytes):
        cport = port
    else:
        raise OSError("Int or String expected")
    from protojit import native
    cap = 16
    while True:
        out = (native.AddrInfo * cap)()
        count = _size()
        code = _ctypes.c_int()
        rc = _lib().pj_getaddrinfo(chost, cport, family, type, proto, flags, out, cap,
                                   _ctypes.byref(count), _ctypes.byref(code))
        if rc == _SOCK_GAIERROR:
            raise gaierror(code.value, _strerror(_lib().pj_gai_strerror, code.value))
        if rc < 0:
            _raise(rc)
        if count.value <= cap:
            break
        cap = count.value
    return [(r.family, r.socktype, r.protocol, r.canonname.decode("utf-8", "replace"),
             bytes(r.addr[:r.addrlen])) for r in out[:count.value]]


def _strerror(fn, code):
    buf = _ctypes.create_string_buffer(256)
    fn(code, buf, 256)
    return buf.value.decode("utf-8", "replace")


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """List of (family, type, proto, canonname, sockaddr) for host and port."""
    return [(f, t, p, c, _sockaddr_to(sa))
            for f, t, p, c, sa in _getaddrinfo_raw(host, port, family, type, proto, flags)]


def gethostname():
    buf = _ctypes.create_string_buffer(256)
    rc = _lib().pj_gethostname(buf, 256)
    if rc < 0:
        _raise(rc)
    return buf.value.decode("utf-8", "surrogateescape")


def gethostbyname(hostname):
    """The IPv4 address (text) of hostname."""
    return _resolve_ip(hostname, AF_INET)


def gethostbyaddr(ip_address):
    """(hostname, aliases, addresses) of a host given by address or name."""
    # Resolve a name first (as CPython does), then look the address up in reverse.
    text = _resolve_ip(ip_address, AF_UNSPEC) if not _is_numeric(AF_INET, str(ip_address)) \
        and not _is_numeric(AF_INET6, str(ip_address)) else str(ip_address)
    family = AF_INET if _is_numeric(AF_INET, text) else AF_INET6
    binary = inet_pton(family, text)
    L = _lib()
    name = _ctypes.create_string_buffer(1025)
    aliases = _ctypes.create_string_buffer(8192)
    addrs = _ctypes.create_string_buffer(4096)
    naliases, naddrs, addrsize = _size(), _size(), _size()
    herr = _ctypes.c_int()
    b = _ctypes.byref
    rc = L.pj_gethostbyaddr(binary, len(binary), family, name, 1025, aliases, 8192, b(naliases),
                            addrs, 4096, b(naddrs), b(addrsize), b(herr))
    if rc == _SOCK_HERROR:
        raise herror(herr.value, _strerror(L.pj_hstrerror, herr.value))
    if rc < 0:
        _raise(rc)
    alias_list = [a.decode("utf-8", "replace")
                  for a in aliases.raw.split(b"\0")[:naliases.value]]
    size = addrsize.value
    addr_list = [inet_ntop(family, addrs.raw[i * size:(i + 1) * size]) for i in range(naddrs.value)]
    return name.value.decode("utf-8", "replace"), alias_list, addr_list


# ---- address text <-> binary

def inet_aton(ip_string):
    """4 packed bytes for an IPv4 address in any inet_aton form ('127.1' too)."""
    if not isinstance(ip_string, str):
        raise TypeError(f"inet_aton() argument 1 must be str, not {type(ip_string).__name__}")
    out = _ctypes.create_string_buffer(4)
    if "\0" in ip_string or _lib().pj_inet_aton(ip_string.encode("ascii", "replace"), out) < 0:
        raise OSError("illegal IP address string passed to inet_aton")
    return out.raw


def inet_ntoa(packed_ip):
    """Dotted-quad text for 4 packed bytes."""
    data = bytes(memoryview(packed_ip))
    if len(data) != 4:
        raise OSError("packed IP wrong length for inet_ntoa")
    return inet_ntop(AF_INET, data)


def inet_pton(family, ip_string):
    out = _ctypes.create_string_buffer(16)
    n = _size()
    rc = _lib().pj_inet_pton(family, ip_string.encode("ascii", "replace"), out, 16, _ctypes.byref(n))
    if rc == -_errno.EINVAL:
        raise OSError("illegal IP address string passed to inet_pton")
    if rc < 0:
        _raise(rc)
    return out.raw[:n.value]


def inet_ntop(family, packed_ip):
    data = bytes(memoryview(packed_ip))
    if family not in (AF_INET, AF_INET6):
        raise ValueError("unknown address family %d" % family)
    if len(data) != (4 if family == AF_INET else 16):
        raise ValueError("invalid length of packed IP address string")
    buf = _ctypes.create_string_buffer(64)
    rc = _lib().pj_inet_ntop(family, data, len(data), buf, 64)
    if rc < 0:
        _raise(rc)
    return buf.value.decode("ascii")


# ---- byte order (network order is big-endian)

def _check_short(x, name):
    if not hasattr(x, "__index__"):
        raise TypeError(f"'{type(x).__name__}' object cannot be interpreted as an integer")
    x = x.__index__()
    if x < 0:
        raise OverflowError(f"{name}: can't convert negative Python int to C 16-bit unsigned integer")
    if x > 0x7FFFFFFF:
        raise OverflowError("signed integer is greater than maximum")
    if x > 0xFFFF:
        raise OverflowError(f"{name}: Python int too large to convert to C 16-bit unsigned integer")
    return x


def _check_long(x):
    if not isinstance(x, int):
        raise TypeError(f"expected int, {type(x).__name__} found")
    if x < 0:
        raise OverflowError("can't convert negative value to unsigned int")
    if x > 0xFFFFFFFF:
        raise OverflowError("int larger than 32 bits")
    return x


def _swap(x, nbytes):
    if _sys.byteorder == "big":
        return x
    return int.from_bytes(x.to_bytes(nbytes, "little"), "big")


def htons(x):
    return _swap(_check_short(x, "htons"), 2)


def ntohs(x):
    return _swap(_check_short(x, "ntohs"), 2)


def htonl(x):
    return _swap(_check_long(x), 4)


def ntohl(x):
    return _swap(_check_long(x), 4)


# ---- database lookups with no socket object involved: the host's _socket
# answers them (it releases its lock while the resolver blocks). Nothing here
# touches a protojit socket's descriptor.

has_ipv6 = _host_socket_mod.has_ipv6
gethostbyname_ex = _host_socket_mod.gethostbyname_ex
getnameinfo = _host_socket_mod.getnameinfo
getservbyname = _host_socket_mod.getservbyname
getservbyport = _host_socket_mod.getservbyport
getprotobyname = _host_socket_mod.getprotobyname
if_nameindex = _host_socket_mod.if_nameindex
if_nametoindex = _host_socket_mod.if_nametoindex
if_indextoname = _host_socket_mod.if_indextoname
sethostname = _host_socket_mod.sethostname


def __dir__():
    # As CPython's C module: its helpers are not in its namespace. Ours are (it is
    # Python), so dir() lists what CPython's lists: the public names and the dunders.
    return sorted(n for n in globals() if (not n.startswith("_") or n.endswith("__"))
                  and n not in ("__all__", "__builtins__", "__cached__", "__dir__", "__pj_guest__"))
