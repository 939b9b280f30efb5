"""ssl over loopback as guest code: a server thread and a client wrap sockets the program
made (socket.create_server, socket.create_connection: the program's socket module, which
the host's ssl accepts by their descriptors), with a self-signed certificate generated for
this run in a temporary folder (the openssl command line, else the cryptography package;
neither: a skip line, printed alike under CPython). An SSLSocket is a socket.socket to
guest code, as in CPython, and the host's socket errors are the program's."""
import datetime, os, shutil, socket, ssl, subprocess, tempfile, threading

folder = tempfile.mkdtemp()
cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")


def with_openssl():
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)


def with_cryptography():
    import ipaddress
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(private.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName(
                       [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(private, hashes.SHA256()))
    with open(key, "wb") as fh:
        fh.write(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    with open(cert, "wb") as fh:
        fh.write(certificate.public_bytes(serialization.Encoding.PEM))


def make_certificate():
    if shutil.which("openssl"):
        with_openssl()
        return True
    try:
        with_cryptography()
    except ImportError:
        return False
    return True


try:
    if not make_certificate():
        print("skipped: no openssl command and no cryptography package to make a certificate")
        raise SystemExit(0)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    client_ctx = ssl.create_default_context(cafile=cert)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    seen = []

    def serve():
        conn, _ = listener.accept()
        with server_ctx.wrap_socket(conn, server_side=True) as tls:
            seen.append((type(conn).__module__, tls.version() is not None, conn.fileno()))
            while data := tls.recv(1024):
                tls.sendall(data.upper())
                seen.append(data)

    server = threading.Thread(target=serve)
    server.start()
    raw = socket.create_connection(("127.0.0.1", port))
    with client_ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        print(isinstance(tls, socket.socket), issubclass(ssl.SSLSocket, socket.socket),
              isinstance(tls, ssl.SSLSocket), raw.fileno())
        print(tls.getpeercert()["subject"], tls.server_hostname)
        for text in (b"hello over tls", b"x" * 5000):
            tls.sendall(text)
            got = b""
            while len(got) < len(text):
                got += tls.recv(65536)
            print(got[:20], len(got))
        with tls.makefile("rwb") as stream:
            stream.write(b"via makefile\n")
            stream.flush()
            print(stream.readline())
    server.join()
    listener.close()
    print(seen[0], sum(len(d) for d in seen[1:]))
    # ssl keeps the host's socket module: its errors are the program's classes all the same
    print(ssl.socket_error is OSError, ssl._socket.gaierror is socket.gaierror)
    try:
        socket.getaddrinfo("not an address", 443, flags=socket.AI_NUMERICHOST)
    except socket.gaierror as exc:
        print("gaierror", type(exc).__module__, type(exc).__name__)
    bad_ctx = ssl.create_default_context()     # the system's CAs: our certificate fails
    listener = socket.create_server(("127.0.0.1", 0))

    def refuse():
        conn, _ = listener.accept()
        try:
            server_ctx.wrap_socket(conn, server_side=True).close()
        except (ssl.SSLError, OSError):
            conn.close()

    server = threading.Thread(target=refuse)
    server.start()
    with socket.create_connection(listener.getsockname()) as raw:
        try:
            bad_ctx.wrap_socket(raw, server_hostname="localhost")
        except ssl.SSLCertVerificationError as exc:
            print("SSLCertVerificationError", exc.verify_message)
    server.join()
    listener.close()
finally:
    shutil.rmtree(folder)
