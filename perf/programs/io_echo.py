"""Loopback TCP echo: a server thread echoes what one client sends (perf/bench_io.py).

main() moves ROUNDS messages of SIZE bytes to the server and back and returns
the number of bytes that came back (the benchmark checks it).
"""
import socket
import threading

ROUNDS = 300
SIZE = 16384


def _serve(srv):
    conn, _ = srv.accept()
    with conn:
        while True:
            data = conn.recv(65536)
            if not data:
                break
            conn.sendall(data)


def main():
    srv = socket.create_server(("127.0.0.1", 0))
    server = threading.Thread(target=_serve, args=(srv,))
    server.start()
    client = socket.create_connection(srv.getsockname())
    message = b"x" * SIZE
    total = 0
    for _ in range(ROUNDS):
        client.sendall(message)
        got = 0
        while got < SIZE:
            got += len(client.recv(SIZE - got))
        total += got
    client.close()
    server.join()
    srv.close()
    return total
