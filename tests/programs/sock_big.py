"""1 MB transfers over loopback TCP in both directions, with sendall/recv_into/makefile."""
import hashlib
import socket
import threading

SIZE = 1 << 20
payload = bytes((i * 7 + 3) & 0xFF for i in range(256)) * (SIZE // 256)
print(len(payload), hashlib.sha256(payload).hexdigest()[:16])

srv = socket.create_server(("127.0.0.1", 0))
srv.settimeout(30)
addr = srv.getsockname()


def echo_server():
    conn, _ = srv.accept()
    conn.settimeout(30)
    with conn:
        received = bytearray()
        view = memoryview(bytearray(65536))
        while len(received) < SIZE:
            n = conn.recv_into(view)
            if n == 0:
                break
            received += view[:n]
        conn.sendall(received[::-1])
        conn.shutdown(socket.SHUT_WR)
        conn.recv(1)   # wait for the client's close


t = threading.Thread(target=echo_server)
t.start()
c = socket.create_connection(addr, timeout=30)
c.sendall(payload)
chunks = []
while True:
    chunk = c.recv(100000)
    if not chunk:
        break
    chunks.append(chunk)
back = b"".join(chunks)
print(len(back), back == payload[::-1], len(chunks) > 1)
c.close()
t.join(30)
print("joined", t.is_alive())

# the same amount through makefile() buffered streams
def file_server():
    conn, _ = srv.accept()
    with conn, conn.makefile("rb") as rf, conn.makefile("wb") as wf:
        data = rf.read(SIZE)
        wf.write(hashlib.sha256(data).hexdigest().encode() + b"\n")
        wf.write(data[: SIZE // 2])


t = threading.Thread(target=file_server)
t.start()
with socket.create_connection(addr, timeout=30) as c, c.makefile("wb") as wf, c.makefile("rb") as rf:
    wf.write(payload)
    wf.flush()
    digest = rf.readline().strip().decode()
    half = rf.read()
print(digest == hashlib.sha256(payload).hexdigest(), len(half), half == payload[: SIZE // 2])
t.join(30)
srv.close()

# a socketpair moves 1 MB with a reader thread, nothing lost or reordered
a, b = socket.socketpair()
got = []


def reader():
    while True:
        data = b.recv(1 << 16)
        if not data:
            break
        got.append(data)


t = threading.Thread(target=reader)
t.start()
for i in range(0, SIZE, 100003):
    a.sendall(payload[i:i + 100003])
a.close()
t.join(30)
b.close()
print(b"".join(got) == payload)
