"""lib/socket.py + lib/_socket.py (over runtime_c/socket.c) against the host's socket module.

The guest module is loaded by file path under a private name (its `import _socket`
then loads lib/_socket.py); every server binds 127.0.0.1 and every wait is bounded.
"""
import importlib.util
import os
import selectors
import socket as host
import threading
import time

import pytest

from blocking import seen_asleep

LIB = os.path.join(os.path.dirname(__file__), "..", "..", "lib")


@pytest.fixture(scope="module")
def gs():
    spec = importlib.util.spec_from_file_location("_pj_guest_socket_test",
                                                  os.path.join(LIB, "socket.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _echo_server(gs, count=1):
    """A listening guest socket and a thread echoing `count` connections."""
    srv = gs.create_server(("127.0.0.1", 0))
    srv.settimeout(5)

    def serve():
        for _ in range(count):
            conn, _addr = srv.accept()
            with conn:
                conn.settimeout(5)
                while True:
                    data = conn.recv(65536)
                    if not data:
                        break
                    conn.sendall(data)
    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return srv, t


def test_constants_and_enums(gs):
    for name in ("AF_INET", "AF_INET6", "AF_UNIX", "SOCK_STREAM", "SOCK_DGRAM", "SOL_SOCKET",
                 "SO_REUSEADDR", "SO_KEEPALIVE", "SO_RCVBUF", "SO_SNDBUF", "SO_ERROR",
                 "IPPROTO_TCP", "IPPROTO_UDP", "TCP_NODELAY", "SHUT_RD", "SHUT_WR", "SHUT_RDWR"):
        assert getattr(gs, name) == getattr(host, name)
        assert repr(getattr(gs, name)).replace("_pj_guest_socket_test", "socket") \
            == repr(getattr(host, name)) or isinstance(getattr(host, name), int)
    assert repr(gs.AF_INET) == repr(host.AF_INET)
    assert gs.timeout is TimeoutError and gs.error is OSError
    assert gs.htons(1) == host.htons(1) and gs.ntohl(0x01020304) == host.ntohl(0x01020304)
    assert gs.inet_aton("127.1") == host.inet_aton("127.1")
    assert gs.inet_ntoa(b"\x0a\x00\x00\x01") == host.inet_ntoa(b"\x0a\x00\x00\x01")
    assert gs.inet_pton(gs.AF_INET6, "::1") == host.inet_pton(host.AF_INET6, "::1")
    for bad in (-1, 1 << 16, 1 << 40):
        with pytest.raises(OverflowError) as g:
            gs.htons(bad)
        with pytest.raises(OverflowError) as h:
            host.htons(bad)
        assert str(g.value) == str(h.value)


def test_tcp_echo_and_repr(gs):
    srv, t = _echo_server(gs)
    with srv, gs.create_connection(srv.getsockname(), timeout=5) as c:
        assert c.family is gs.AddressFamily.AF_INET and c.type is gs.SocketKind.SOCK_STREAM
        c.sendall(b"hello")
        assert c.recv(100) == b"hello"
        r = repr(c)
        assert r.startswith("<_pj_guest_socket_test.socket fd=") and "laddr=('127.0.0.1'" in r
        assert f"raddr={srv.getsockname()}" in r
        c.shutdown(gs.SHUT_WR)
        assert c.recv(100) == b""
    t.join(5)
    hs = host.socket(host.AF_INET, host.SOCK_STREAM, c.proto)
    hs.close()
    assert repr(c).split(" ", 1)[1] == repr(hs).split(" ", 1)[1]


def test_one_megabyte(gs):
    srv, t = _echo_server(gs)
    payload = os.urandom(1 << 20)
    got = bytearray()
    with srv, gs.create_connection(srv.getsockname(), timeout=5) as c:
        def send():
            c.sendall(payload)
            c.shutdown(gs.SHUT_WR)
        s = threading.Thread(target=send)
        s.start()
        buf = bytearray(65536)
        while True:
            n = c.recv_into(buf)
            if not n:
                break
            got += buf[:n]
        s.join(5)
    t.join(5)
    assert bytes(got) == payload


def test_udp(gs):
    with gs.socket(gs.AF_INET, gs.SOCK_DGRAM) as a, gs.socket(gs.AF_INET, gs.SOCK_DGRAM) as b:
        a.bind(("127.0.0.1", 0))
        b.settimeout(5)
        a.settimeout(5)
        b.sendto(b"ping", a.getsockname())
        data, addr = a.recvfrom(100)
        assert data == b"ping" and addr[0] == "127.0.0.1" and addr[1] == b.getsockname()[1]


def test_timeout(gs):
    a, b = gs.socketpair()
    with a, b:
        a.settimeout(0.2)
        with pytest.raises(TimeoutError) as info:
            a.recv(1)
        assert info.value.args == ("timed out",) and type(info.value) is TimeoutError
        a.setblocking(False)
        assert a.gettimeout() == 0.0 and not a.getblocking()
        with pytest.raises(BlockingIOError) as g:
            a.recv(1)
        hs1, hs2 = host.socketpair()
        with hs1, hs2:
            hs1.setblocking(False)
            with pytest.raises(BlockingIOError) as h:
                hs1.recv(1)
        assert g.value.args == h.value.args


def test_refused(gs):
    with host.socket() as probe:     # a free port with no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ConnectionRefusedError) as g:
        gs.create_connection(("127.0.0.1", port), timeout=5)
    with pytest.raises(ConnectionRefusedError) as h:
        host.create_connection(("127.0.0.1", port), timeout=5)
    assert g.value.args == h.value.args
    with gs.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) == host.socket().connect_ex(("127.0.0.1", port))


def test_socketpair_makefile_selectors(gs):
    a, b = gs.socketpair()
    with a, b:
        assert a.family == host.AF_UNIX and a.getsockname() == ""
        w = a.makefile("w")
        r = b.makefile("rb")
        w.write("line one\nline two\n")
        w.flush()
        assert r.readline() == b"line one\n" and r.readline() == b"line two\n"
        w.close()
        r.close()
        sel = selectors.DefaultSelector()
        sel.register(b, selectors.EVENT_READ)
        assert sel.select(0) == []
        a.send(b"x")
        events = sel.select(5)
        assert len(events) == 1 and events[0][0].fileobj is b
        sel.close()
        assert b.recv(1) == b"x"


def test_resolver(gs):
    assert gs.getaddrinfo("localhost", 80) == host.getaddrinfo("localhost", 80)
    assert gs.getaddrinfo("127.0.0.1", "80", gs.AF_INET, gs.SOCK_STREAM) == \
        host.getaddrinfo("127.0.0.1", "80", host.AF_INET, host.SOCK_STREAM)
    assert gs.gethostname() == host.gethostname()
    assert gs.gethostbyname("localhost") == host.gethostbyname("localhost")
    assert gs.gethostbyaddr("127.0.0.1") == host.gethostbyaddr("127.0.0.1")
    assert gs.getfqdn() == host.getfqdn()
    with pytest.raises(gs.gaierror) as g:
        gs.getaddrinfo("nonexistent.invalid", 80)
    with pytest.raises(host.gaierror) as h:
        host.getaddrinfo("nonexistent.invalid", 80)
    assert g.value.args == h.value.args and repr(g.value) == repr(h.value)


def test_closed_socket_errors(gs):
    g, h = gs.socket(), host.socket()
    g.close()
    h.close()
    assert g.fileno() == h.fileno() == -1
    for call in (lambda s: s.recv(1), lambda s: s.send(b"x"), lambda s: s.getsockname(),
                 lambda s: s.listen(), lambda s: s.bind(("127.0.0.1", 0))):
        with pytest.raises(OSError) as ge:
            call(g)
        with pytest.raises(OSError) as he:
            call(h)
        assert type(ge.value) is type(he.value) and ge.value.args == he.value.args


def test_argument_errors(gs):
    with gs.socket() as g, host.socket() as h:
        for call in (lambda s: s.bind(("127.0.0.1", 70000)), lambda s: s.bind(("127.0.0.1",)),
                     lambda s: s.recv(-1)):
            with pytest.raises(Exception) as ge:
                call(g)
            with pytest.raises(Exception) as he:
                call(h)
            assert type(ge.value) is type(he.value) and ge.value.args == he.value.args


def _signal_main_when_asleep(done, log, again=None):
    """A started thread that sends SIGALRM to the main thread once it is seen asleep in a
    call (log gets "blocked"); with `again` (the handler's hit list), it then waits for the
    handler and for the call to be seen asleep once more (log gets "blocked again")."""
    import signal
    main = threading.main_thread()

    def run():
        if not seen_asleep(main, lambda: not done):
            return
        log.append("blocked")
        signal.pthread_kill(main.ident, signal.SIGALRM)
        if again is not None:
            while not again and not done:
                time.sleep(0.002)
            if again and seen_asleep(main, lambda: not done):
                log.append("blocked again")
    t = threading.Thread(target=run)
    t.start()
    return t


def test_c_calls_return_eintr_for_signals():
    """A blocked pj_sock_recv / pj_sock_accept returns -EINTR when a handled signal arrives
    (sent once the call is seen blocked)."""
    import ctypes
    import errno
    import signal

    from protojit import native

    lib = native.lib()
    hits = []
    old = signal.signal(signal.SIGALRM, lambda *_: hits.append(1))
    a, b = host.socketpair()
    srv = host.create_server(("127.0.0.1", 0))
    done = []
    try:
        got = ctypes.c_size_t()
        buf = ctypes.create_string_buffer(8)
        log = []
        t = _signal_main_when_asleep(done, log)
        assert lib.pj_sock_recv(b.fileno(), buf, 8, 0, -1.0, ctypes.byref(got)) == -errno.EINTR
        done.append(True)
        t.join()
        fd, n = ctypes.c_int(), ctypes.c_size_t(128)
        addr = ctypes.create_string_buffer(128)
        done = []
        t = _signal_main_when_asleep(done, log)
        assert lib.pj_sock_accept(srv.fileno(), -1.0, ctypes.byref(fd), addr,
                                  ctypes.byref(n)) == -errno.EINTR
        done.append(True)
        t.join()
        assert hits == [1, 1] and log == ["blocked", "blocked"]
    finally:
        done.append(True)      # a watcher of a call that failed stops looking
        signal.signal(signal.SIGALRM, old)
        for s in (a, b, srv):
            s.close()


def test_guest_calls_retry_after_quiet_signals(gs):
    """A quiet handler runs during a guest recv, which then waits again (seen blocked again):
    for data sent only after that, and across a timeout, which still ends the call."""
    import signal
    hits = []
    old = signal.signal(signal.SIGALRM, lambda *_: hits.append(1))
    a, b = gs.socketpair()
    done, log = [], []
    try:
        def send_late():
            t.join()
            a.send(b"late")
        t = _signal_main_when_asleep(done, log, again=hits)
        sender = threading.Thread(target=send_late)
        sender.start()
        assert b.recv(10) == b"late" and hits == [1]
        done.append(True)
        sender.join()
        assert log == ["blocked", "blocked again"]
        # a longer timeout only when the call ended before the watcher saw it all (load)
        for timeout in (0.5, 2.0, 8.0):
            hits.clear()
            done, log = [], []
            b.settimeout(timeout)
            t = _signal_main_when_asleep(done, log, again=hits)
            with pytest.raises(TimeoutError, match="timed out"):
                b.recv(10)
            done.append(True)
            t.join()
            if len(log) == 2:
                break
        assert hits == [1] and log == ["blocked", "blocked again"]
    finally:
        done.append(True)      # a watcher of a call that failed stops looking
        signal.signal(signal.SIGALRM, old)
        a.close()
        b.close()


def test_sendmsg_recvmsg_match_host(gs):
    """Scatter/gather, descriptor passing and truncation flags, as the host reports them."""
    import array

    def body(mod):
        a, b = mod.socketpair()
        try:
            out = [a.sendmsg([b"ab", bytearray(b"cd")]), b.recvmsg(10)]
            r, w = os.pipe()
            out.append(mod.send_fds(a, [b"f"], [r, w]))
            msg, fds, flags, addr = mod.recv_fds(b, 4, 2)
            out.append((msg, len(fds), flags, addr))
            for fd in fds + [r, w]:
                os.close(fd)
            a.sendmsg([b"hello"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [0]))])
            out.append(b.recvmsg(2, 0))
            first, second = bytearray(2), bytearray(4)
            out.append((b.recvmsg_into([first, second]), bytes(first), bytes(second)))
            return out
        finally:
            a.close()
            b.close()
    assert body(gs) == body(host)


def test_msg_c_edges():
    import ctypes
    import errno

    from protojit import native
    lib = native.lib()
    sent, got, flags = ctypes.c_size_t(), ctypes.c_size_t(), ctypes.c_int()
    iov = (native.Iov * 1)()
    assert lib.pj_sock_sendmsg(0, None, 1, None, 0, 0, None, 0, 0.0, ctypes.byref(sent)) \
        == -errno.EINVAL
    assert lib.pj_sock_sendmsg(0, iov, 1, None, 5, 0, None, 0, 0.0, ctypes.byref(sent)) \
        == -errno.EINVAL
    iov[0].len = 3   # NULL base with a length
    clen = ctypes.c_size_t(0)
    assert lib.pj_sock_recvmsg(0, iov, 1, None, ctypes.byref(clen), 0, 0.0, ctypes.byref(got),
                               ctypes.byref(flags), None, None) == -errno.EINVAL
    big = ctypes.c_size_t(native.SOCK_CONTROL_MAX + 1)
    buf = ctypes.create_string_buffer(1)
    assert lib.pj_sock_recvmsg(0, None, 0, buf, ctypes.byref(big), 0, 0.0, ctypes.byref(got),
                               ctypes.byref(flags), None, None) == -errno.EINVAL
    assert lib.pj_sock_sendmsg(-1, None, 0, None, 0, 0, None, 0, 0.0, ctypes.byref(sent)) \
        == -errno.EBADF
