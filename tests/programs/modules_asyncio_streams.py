"""asyncio streams on 127.0.0.1 as guest code: an echo server and two clients, the
socket module asyncio uses being the program's."""
import asyncio, socket, sys


async def echo(reader, writer):
    data = await reader.readline()
    writer.write(data.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(type(server.sockets[0]).__name__, server.sockets[0].family)
    async with server:
        for text in (b"hello\n", b"asyncio streams\n"):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            sock = writer.get_extra_info("socket")
            print(sock.family, sock.type, isinstance(sock.fileno(), int))
            writer.write(text)
            await writer.drain()
            print(await reader.read())
            writer.close()
            await writer.wait_closed()
        raw = socket.create_connection(("127.0.0.1", port))
        reader, writer = await asyncio.open_connection(sock=raw)
        writer.write(b"own socket\n")
        print(await reader.read())
        writer.close()
        await writer.wait_closed()
    try:
        await asyncio.open_connection("no-such-host.invalid", 80)
    except socket.gaierror as exc:
        print("gaierror", type(exc).__module__)
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    with a, b:
        a.setblocking(False)
        b.setblocking(False)
        await loop.sock_sendall(a, b"pair")
        print(await loop.sock_recv(b, 10))


asyncio.run(main())
