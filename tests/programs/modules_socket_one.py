"""One `socket` (and `_socket`) in the process: asyncio, http.client, socketserver and
ftplib use the program's module; its enums and exceptions pickle to the same classes; a
socket.gaierror raised for the program reaches a host library's `except socket.gaierror`
(and the host's own are the program's class); dir() lists CPython's names."""
import _socket, asyncio, asyncio.base_events, ftplib, http.client, importlib, pickle
import socket, socketserver, ssl, urllib.request

print(asyncio.base_events.socket is socket, http.client.socket is socket,
      socketserver.socket is socket, ftplib.socket is socket)
print(importlib.import_module("socket") is socket, importlib.import_module("_socket") is _socket)
print(socket.SocketType is _socket.socket, issubclass(socket.socket, _socket.socket))
print(ssl._socket.gaierror is socket.gaierror, ssl._socket.herror is socket.herror)

for obj in (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), socket.herror(1, "h")):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(obj, proto))
        assert type(back) is type(obj) and back.args == obj.args, (obj, proto)
    print(repr(obj), "round-trips")
for member in (socket.AF_INET, socket.SOCK_STREAM, socket.MSG_PEEK, socket.AI_PASSIVE):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(member, proto)) is member, (member, proto)
    print(repr(member), "round-trips")
for cls in (socket.AddressFamily, socket.socket, socket.SocketIO, socket.gaierror):
    print(cls.__name__, pickle.loads(pickle.dumps(cls)) is cls)



def failing_lookup(host):
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


# urllib.request's own `except socket.gaierror` catches the program's (raised in guest code)
real_lookup, socket.gethostbyname = socket.gethostbyname, failing_lookup
try:
    print("caught by urllib:", urllib.request._safe_gethostbyname("example.invalid"))
finally:
    socket.gethostbyname = real_lookup
try:
    socket.getaddrinfo("not an address", 80, flags=socket.AI_NUMERICHOST)
except socket.gaierror as exc:
    print("gaierror", exc.errno == socket.EAI_NONAME)


async def resolve():
    loop = asyncio.get_running_loop()
    try:
        await loop.getaddrinfo("not an address", 80, flags=socket.AI_NUMERICHOST)
    except socket.gaierror as exc:
        return type(exc) is socket.gaierror


print("asyncio", asyncio.run(resolve()))
with socket.socket() as s:
    for proto in (2, pickle.HIGHEST_PROTOCOL):
        try:
            pickle.dumps(s, proto)
        except TypeError as exc:
            print(proto, exc)
for name in ("_LOCALHOST", "_LOCALHOST_V6", "_GiveupOnSendfile", "_GLOBAL_DEFAULT_TIMEOUT",
             "_intenum_converter", "_blocking_errnos", "errno", "os", "sys", "io", "selectors"):
    print(name, hasattr(socket, name))
print(callable(socket.socket._sendfile_use_send), callable(socket.socket._sendfile_use_sendfile))
print(sorted(dir(socket)) == sorted(set(dir(socket))), len([n for n in dir(socket) if n.startswith("__")]))
print(sorted(n for n in dir(socket) if not n.isupper()))
print(sorted(n for n in dir(_socket) if not n.isupper()))
