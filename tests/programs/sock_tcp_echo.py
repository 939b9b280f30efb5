"""Loopback TCP echo: the server runs in a guest thread, clients in the main thread."""
import socket
import threading

N_CLIENTS = 3


def handle(conn):
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                break
            conn.sendall(data.upper())


def serve(srv, count, log):
    for i in range(count):
        conn, addr = srv.accept()
        log.append((addr[0], type(addr[1]).__name__, conn.getsockname()[0]))
        handle(conn)
    srv.close()


srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen()
srv.settimeout(20)
port = srv.getsockname()[1]
log = []
t = threading.Thread(target=serve, args=(srv, N_CLIENTS, log))
t.start()

for i in range(N_CLIENTS):
    with socket.create_connection(("127.0.0.1", port), timeout=20) as c:
        print("peer host", c.getpeername()[0], c.family, c.type)
        for word in ["hello", "world " * i, "x" * 1000]:
            c.sendall(word.encode())
            want = len(word)
            got = b""
            while len(got) < want:
                chunk = c.recv(want - len(got))
                if not chunk:
                    break
                got += chunk
            print(i, len(got), got[:12])
        c.shutdown(socket.SHUT_WR)
        print("eof", c.recv(10))

t.join(20)
print("server done", not t.is_alive(), log)

# a line protocol over makefile()
srv2 = socket.create_server(("127.0.0.1", 0))
port2 = srv2.getsockname()[1]


def line_server():
    conn, _ = srv2.accept()
    with conn, conn.makefile("rwb") as f:
        for line in f:
            f.write(b"> " + line)
            f.flush()
    srv2.close()


t2 = threading.Thread(target=line_server)
t2.start()
with socket.create_connection(("127.0.0.1", port2)) as c:
    f = c.makefile("rw", encoding="utf-8", newline="\n")
    for text in ["one", "two", "caf\u00e9"]:
        f.write(text + "\n")
        f.flush()
        print(repr(f.readline()))
    f.close()
t2.join(20)
print("done", t2.is_alive())
