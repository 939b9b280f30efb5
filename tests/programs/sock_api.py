"""The socket module's helpers and constants: values, enums, conversions and errors."""
import socket

for name in ["AF_INET", "AF_INET6", "AF_UNIX", "SOCK_STREAM", "SOCK_DGRAM", "SOL_SOCKET",
             "SO_REUSEADDR", "SO_KEEPALIVE", "SO_RCVBUF", "SO_SNDBUF", "SO_ERROR", "SO_TYPE",
             "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_IP", "TCP_NODELAY", "SHUT_RD", "SHUT_WR",
             "SHUT_RDWR", "SOMAXCONN", "MSG_PEEK", "MSG_DONTWAIT", "AI_PASSIVE", "INADDR_ANY",
             "AI_NUMERICHOST", "NI_NUMERICHOST", "EAI_NONAME", "has_ipv6"]:
    value = getattr(socket, name)
    print(name, int(value), type(value).__name__)
print(repr(socket.AF_INET), str(socket.SOCK_DGRAM), socket.AddressFamily(10).name)
print(socket.SocketKind.SOCK_STREAM is socket.SOCK_STREAM, socket.timeout is TimeoutError,
      socket.error is OSError, issubclass(socket.gaierror, OSError),
      issubclass(socket.herror, OSError))

print(socket.inet_aton("127.0.0.1"), socket.inet_aton("10.1"), socket.inet_ntoa(b"\x7f\0\0\x01"))
print(socket.inet_pton(socket.AF_INET6, "::1"), socket.inet_ntop(socket.AF_INET6, bytes(15) + b"\1"))
print(socket.inet_ntop(socket.AF_INET, b"\xc0\xa8\x00\x01"))
for bad in [lambda: socket.inet_aton("1.2.3.256"), lambda: socket.inet_ntoa(b"abc"),
            lambda: socket.inet_pton(socket.AF_INET, "1.2.3"),
            lambda: socket.inet_ntop(socket.AF_INET6, b"x"),
            lambda: socket.htons(70000), lambda: socket.htons(-1), lambda: socket.htonl(2 ** 32),
            lambda: socket.htons(1.5)]:
    try:
        print(bad())
    except Exception as exc:
        print(type(exc).__name__, exc)
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(0x01020304))

info = socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM)
print(info)
print(socket.getaddrinfo("127.0.0.1", "80", type=socket.SOCK_DGRAM, flags=socket.AI_NUMERICHOST))
print(socket.getaddrinfo(None, 0, socket.AF_INET, socket.SOCK_STREAM, 0, socket.AI_PASSIVE))
print(socket.getaddrinfo("::1", 8080, socket.AF_INET6, socket.SOCK_STREAM))
try:
    socket.getaddrinfo("no-such-host.invalid", 80, flags=socket.AI_NUMERICHOST)
except socket.gaierror as exc:
    print(type(exc).__name__, exc.errno == socket.EAI_NONAME, exc)
try:
    socket.getaddrinfo("127.0.0.1", "no-such-service-pj", type=socket.SOCK_STREAM)
except socket.gaierror as exc:
    print(type(exc).__name__, exc)
print(socket.gethostbyname("127.0.0.1"), socket.gethostbyname("localhost"))
name = socket.gethostname()
print(type(name).__name__, len(name) > 0, socket.getfqdn("127.0.0.1") != "")
print(socket.gethostbyaddr("127.0.0.1")[2])

# socket objects: repr without the descriptor and port, properties, context manager
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    print(s.family, s.type, s.proto, s.timeout, repr(s.family))
    s.bind(("127.0.0.1", 0))
    print(repr(s).startswith("<socket.socket fd="), "laddr=('127.0.0.1'," in repr(s))
    print(s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_DGRAM)
print(repr(s).startswith("<socket.socket [closed] fd=-1"))
with socket.socket() as t:
    print(t.family, t.type, t.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR))
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
    print(t.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0,
          t.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
    print(len(t.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)))
    t.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, bytes(8))
    print(t.getsockname())
with socket.socket(socket.AF_INET6) as u:
    u.bind(("::1", 0))
    addr = u.getsockname()
    print(len(addr), addr[0], addr[2:])
try:
    socket.socket(12345)
except OSError as exc:
    print(type(exc).__name__, exc)
try:
    socket.socket(socket.AF_INET, 999)
except OSError as exc:
    print(type(exc).__name__, exc)
try:
    import pickle
    pickle.dumps(socket.socket())
except TypeError as exc:
    print(type(exc).__name__, exc)
print(socket.getprotobyname("tcp"), socket.getprotobyname("udp"))
print(socket.getnameinfo(("127.0.0.1", 8080), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.gethostbyname_ex("127.0.0.1")[2], socket.has_ipv6)
with socket.socket() as s:
    print(s.get_inheritable())
    s.set_inheritable(True)
    print(s.get_inheritable())
