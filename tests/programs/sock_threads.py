"""Many guest threads on sockets at once: a thread per connection on the server,
several client threads, each checking its own echoed data."""
import hashlib
import socket
import threading

CLIENTS = 4
ROUNDS = 40

srv = socket.create_server(("127.0.0.1", 0), backlog=CLIENTS)
srv.settimeout(30)
addr = srv.getsockname()
server_threads = []


def handle(conn):
    with conn:
        conn.settimeout(30)
        while True:
            data = conn.recv(4096)
            if not data:
                break
            conn.sendall(hashlib.sha1(data).digest())


def acceptor():
    for _ in range(CLIENTS):
        conn, _ = srv.accept()
        t = threading.Thread(target=handle, args=(conn,))
        t.start()
        server_threads.append(t)


results = {}
lock = threading.Lock()


def client(n):
    ok = 0
    with socket.create_connection(addr, timeout=30) as c:
        for i in range(ROUNDS):
            message = (f"client {n} round {i} " * (i + 1)).encode()[:4000]
            c.sendall(message)
            digest = b""
            while len(digest) < 20:
                chunk = c.recv(20 - len(digest))
                if not chunk:
                    break
                digest += chunk
            ok += digest == hashlib.sha1(message).digest()
    with lock:
        results[n] = ok


a = threading.Thread(target=acceptor)
a.start()
clients = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
for t in clients:
    t.start()
for t in clients:
    t.join(60)
a.join(60)
for t in server_threads:
    t.join(60)
srv.close()
print(sorted(results.items()))
print(len(server_threads), any(t.is_alive() for t in clients + server_threads))

# socketpairs shared by producer/consumer threads: nothing lost, order kept per pair
pairs = [socket.socketpair() for _ in range(3)]
received = [[] for _ in pairs]


def producer(sock, k):
    for i in range(200):
        sock.sendall(b"%d:%d;" % (k, i))
    sock.shutdown(socket.SHUT_WR)


def consumer(sock, k):
    buf = b""
    while True:
        data = sock.recv(1000)
        if not data:
            break
        buf += data
    received[k] = buf.split(b";")[:-1]


threads = []
for k, (x, y) in enumerate(pairs):
    threads.append(threading.Thread(target=producer, args=(x, k)))
    threads.append(threading.Thread(target=consumer, args=(y, k)))
for t in threads:
    t.start()
for t in threads:
    t.join(60)
for k, got in enumerate(received):
    print(k, len(got), got[0], got[-1], got == [b"%d:%d" % (k, i) for i in range(200)])
for x, y in pairs:
    x.close()
    y.close()
