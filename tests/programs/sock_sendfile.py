"""socket.sendfile and its zero-copy path _sendfile_use_sendfile (os.sendfile between poll
waits), with offsets, counts, the file position after, and CPython's argument errors."""
import os, socket, tempfile, threading
data = bytes(range(256)) * 4000
with tempfile.TemporaryFile() as f:
    f.write(data)
    f.flush()
    a, b = socket.socketpair()
    got = []
    def reader():
        chunks = []
        while True:
            c = b.recv(65536)
            if not c:
                break
            chunks.append(c)
        got.append(b"".join(chunks))
    t = threading.Thread(target=reader)
    t.start()
    f.seek(0)
    print(a._sendfile_use_sendfile(f, 100, 300000), f.tell())
    print(a.sendfile(f, 0, None), f.tell())
    a.close()
    t.join()
    b.close()
    print(len(got[0]), got[0] == data[100:100 + 300000] + data)
    try:
        a2, b2 = socket.socketpair()
        a2.sendfile(open(os.devnull, "rb") if False else f, 0, -1)
    except ValueError as e:
        print("ValueError", e)
    finally:
        a2.close(); b2.close()
