"""Bottom layer of the guest sqlite3 package: the C runtime's pj_sqlite_* functions.

In: the loaded runtime from `protojit.native.lib()` (runtime_c/sqlite.c, which
dlopens the system libsqlite3). Out: the function objects, the host ctypes
helpers the layer above needs, SQLite's result-code constants and names, and
`read_value`/`set_result` for user-defined function callbacks. Only this
module touches ctypes; lib/sqlite3/__init__.py builds the DB-API on it.
"""
from protojit import native
from protojit.hostmods import host_import

# The host ctypes (the one that loaded the runtime); the guest name `ctypes`
# may be protojit's own lib/ctypes.
ctypes = host_import("ctypes")

L = native.lib()
if L.pj_sqlite_load() != 0:
    raise ImportError("sqlite3 needs the system SQLite library: neither libsqlite3.so.0 nor "
                      "libsqlite3.so could be loaded (install libsqlite3-0)")

c_int = ctypes.c_int
c_int64 = ctypes.c_int64
c_double = ctypes.c_double
c_void_p = ctypes.c_void_p
c_char_p = ctypes.c_char_p
byref = ctypes.byref
string_at = ctypes.string_at

# Callback shapes of sqlite3_create_function_v2 (xFunc/xStep, xFinal).
FUNC = ctypes.CFUNCTYPE(None, c_void_p, c_int, ctypes.POINTER(c_void_p))
FINAL = ctypes.CFUNCTYPE(None, c_void_p)
# A collation's comparison: (app, len_a, a, len_b, b) -> <0, 0, >0.
COLLATE = ctypes.CFUNCTYPE(c_int, c_void_p, c_int, c_void_p, c_int, c_void_p)
# sqlite3_trace_v2's callback: (event, app, P, X) -> 0; SQLITE_TRACE_STMT events only.
TRACE = ctypes.CFUNCTYPE(c_int, ctypes.c_uint, c_void_p, c_void_p, c_void_p)
TRACE_STMT = 1
# sqlite3_set_authorizer's callback: (app, action, arg1, arg2, dbname, source) -> code.
AUTHORIZER = ctypes.CFUNCTYPE(c_int, c_void_p, c_int, c_char_p, c_char_p, c_char_p, c_char_p)
# sqlite3_progress_handler's callback: (app) -> non-zero to interrupt.
PROGRESS = ctypes.CFUNCTYPE(c_int, c_void_p)

# Fundamental datatypes (pj_runtime.h PJ_SQLITE_*).
INTEGER, FLOAT, TEXT, BLOB, NULL, ERROR_RESULT = 1, 2, 3, 4, 5, 6
ERROR_TOOBIG, ERROR_NOMEM = 7, 8

# Open flags and function flags (sqlite.org/c3ref/c_open_autoproxy.html).
OPEN_READWRITE = 0x2
OPEN_CREATE = 0x4
OPEN_URI = 0x40
DETERMINISTIC = 0x800

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1

# Primary result codes (sqlite.org/rescode.html).
PRIMARY_CODES = {
    "SQLITE_OK": 0, "SQLITE_ERROR": 1, "SQLITE_INTERNAL": 2, "SQLITE_PERM": 3,
    "SQLITE_ABORT": 4, "SQLITE_BUSY": 5, "SQLITE_LOCKED": 6, "SQLITE_NOMEM": 7,
    "SQLITE_READONLY": 8, "SQLITE_INTERRUPT": 9, "SQLITE_IOERR": 10, "SQLITE_CORRUPT": 11,
    "SQLITE_NOTFOUND": 12, "SQLITE_FULL": 13, "SQLITE_CANTOPEN": 14, "SQLITE_PROTOCOL": 15,
    "SQLITE_EMPTY": 16, "SQLITE_SCHEMA": 17, "SQLITE_TOOBIG": 18, "SQLITE_CONSTRAINT": 19,
    "SQLITE_MISMATCH": 20, "SQLITE_MISUSE": 21, "SQLITE_NOLFS": 22, "SQLITE_AUTH": 23,
    "SQLITE_FORMAT": 24, "SQLITE_RANGE": 25, "SQLITE_NOTADB": 26, "SQLITE_NOTICE": 27,
    "SQLITE_WARNING": 28, "SQLITE_ROW": 100, "SQLITE_DONE": 101,
}

# Extended result codes are primary | (n << 8); (primary, n, suffix) per sqlite.org/rescode.html.
_EXTENDED = [
    ("ERROR", 1, "MISSING_COLLSEQ"), ("ERROR", 2, "RETRY"), ("ERROR", 3, "SNAPSHOT"),
    ("IOERR", 1, "READ"), ("IOERR", 2, "SHORT_READ"), ("IOERR", 3, "WRITE"),
    ("IOERR", 4, "FSYNC"), ("IOERR", 5, "DIR_FSYNC"), ("IOERR", 6, "TRUNCATE"),
    ("IOERR", 7, "FSTAT"), ("IOERR", 8, "UNLOCK"), ("IOERR", 9, "RDLOCK"),
    ("IOERR", 10, "DELETE"), ("IOERR", 11, "BLOCKED"), ("IOERR", 12, "NOMEM"),
    ("IOERR", 13, "ACCESS"), ("IOERR", 14, "CHECKRESERVEDLOCK"), ("IOERR", 15, "LOCK"),
    ("IOERR", 16, "CLOSE"), ("IOERR", 17, "DIR_CLOSE"), ("IOERR", 18, "SHMOPEN"),
    ("IOERR", 19, "SHMSIZE"), ("IOERR", 20, "SHMLOCK"), ("IOERR", 21, "SHMMAP"),
    ("IOERR", 22, "SEEK"), ("IOERR", 23, "DELETE_NOENT"), ("IOERR", 24, "MMAP"),
    ("IOERR", 25, "GETTEMPPATH"), ("IOERR", 26, "CONVPATH"), ("IOERR", 27, "VNODE"),
    ("IOERR", 28, "AUTH"), ("IOERR", 29, "BEGIN_ATOMIC"), ("IOERR", 30, "COMMIT_ATOMIC"),
    ("IOERR", 31, "ROLLBACK_ATOMIC"), ("IOERR", 32, "DATA"), ("IOERR", 33, "CORRUPTFS"),
    ("LOCKED", 1, "SHAREDCACHE"), ("LOCKED", 2, "VTAB"),
    ("BUSY", 1, "RECOVERY"), ("BUSY", 2, "SNAPSHOT"), ("BUSY", 3, "TIMEOUT"),
    ("CANTOPEN", 1, "NOTEMPDIR"), ("CANTOPEN", 2, "ISDIR"), ("CANTOPEN", 3, "FULLPATH"),
    ("CANTOPEN", 4, "CONVPATH"), ("CANTOPEN", 5, "DIRTYWAL"), ("CANTOPEN", 6, "SYMLINK"),
    ("CORRUPT", 1, "VTAB"), ("CORRUPT", 2, "SEQUENCE"), ("CORRUPT", 3, "INDEX"),
    ("READONLY", 1, "RECOVERY"), ("READONLY", 2, "CANTLOCK"), ("READONLY", 3, "ROLLBACK"),
    ("READONLY", 4, "DBMOVED"), ("READONLY", 5, "CANTINIT"), ("READONLY", 6, "DIRECTORY"),
    ("ABORT", 2, "ROLLBACK"),
    ("CONSTRAINT", 1, "CHECK"), ("CONSTRAINT", 2, "COMMITHOOK"), ("CONSTRAINT", 3, "FOREIGNKEY"),
    ("CONSTRAINT", 4, "FUNCTION"), ("CONSTRAINT", 5, "NOTNULL"), ("CONSTRAINT", 6, "PRIMARYKEY"),
    ("CONSTRAINT", 7, "TRIGGER"), ("CONSTRAINT", 8, "UNIQUE"), ("CONSTRAINT", 9, "VTAB"),
    ("CONSTRAINT", 10, "ROWID"), ("CONSTRAINT", 11, "PINNED"), ("CONSTRAINT", 12, "DATATYPE"),
    ("NOTICE", 1, "RECOVER_WAL"), ("NOTICE", 2, "RECOVER_ROLLBACK"),
    ("WARNING", 1, "AUTOINDEX"), ("AUTH", 1, "USER"), ("OK", 1, "LOAD_PERMANENTLY"),
    ("OK", 2, "SYMLINK"),
]

RESULT_CODES = dict(PRIMARY_CODES)
for _primary, _n, _suffix in _EXTENDED:
    RESULT_CODES[f"SQLITE_{_primary}_{_suffix}"] = PRIMARY_CODES["SQLITE_" + _primary] | (_n << 8)
CODE_NAMES = {code: name for name, code in RESULT_CODES.items()}
del _primary, _n, _suffix

OK, ROW, DONE = 0, 100, 101


def libversion():
    """(version string, version number) of the loaded SQLite library."""
    text = c_char_p()
    number = c_int()
    native.check(L.pj_sqlite_libversion(byref(text), byref(number)))
    return text.value.decode("ascii"), number.value


def threadsafe():
    """sqlite3_threadsafe(): the library's compile-time threading mode."""
    mode = c_int()
    native.check(L.pj_sqlite_threadsafe(byref(mode)))
    return mode.value


def complete(sql_bytes):
    out = c_int()
    native.check(L.pj_sqlite_complete(sql_bytes, len(sql_bytes), byref(out)))
    return bool(out.value)


def errstr(code):
    """SQLite's English text for a result code."""
    out = c_char_p()
    native.check(L.pj_sqlite_errstr(code, byref(out)))
    return out.value.decode("utf-8", "replace") if out.value is not None else "unknown error"


def errmsg(db):
    """(message, extended code) of the connection's last error."""
    msg = c_char_p()
    code = c_int()
    extended = c_int()
    native.check(L.pj_sqlite_errmsg(db, byref(msg), byref(code), byref(extended)))
    text = msg.value.decode("utf-8", "replace") if msg.value is not None else "out of memory"
    return text, extended.value


class ValueReader:
    """Scratch out-parameters for reading sqlite3_value arguments in a callback."""
    __slots__ = ("type", "i", "d", "ptr", "len", "_refs")

    def __init__(self):
        self.type = c_int()
        self.i = c_int64()
        self.d = c_double()
        self.ptr = c_void_p()
        self.len = c_int64()
        self._refs = (byref(self.type), byref(self.i), byref(self.d), byref(self.ptr), byref(self.len))

    def read(self, value):
        """The Python value of one sqlite3_value* (text decoded as UTF-8)."""
        native.check(L.pj_sqlite_value(value, *self._refs))
        kind = self.type.value
        if kind == INTEGER:
            return self.i.value
        if kind == FLOAT:
            return self.d.value
        if kind == TEXT:
            n = self.len.value
            return string_at(self.ptr.value, n).decode("utf-8") if n else ""
        if kind == BLOB:
            n = self.len.value
            return string_at(self.ptr.value, n) if n else b""
        return None


def set_result(ctx, value):
    """Set a callback's SQL result from a Python value; TypeError/OverflowError if impossible."""
    if value is None:
        rc = L.pj_sqlite_result(ctx, NULL, 0, 0.0, None, 0)
    elif isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        rc = L.pj_sqlite_result(ctx, INTEGER, int(value), 0.0, None, 0)
    elif isinstance(value, float):
        rc = L.pj_sqlite_result(ctx, FLOAT, 0, value, None, 0)
    elif isinstance(value, str):
        data = value.encode("utf-8")
        rc = L.pj_sqlite_result(ctx, TEXT, 0, 0.0, data, len(data))
    elif isinstance(value, (bytes, bytearray, memoryview)):
        view = memoryview(value)
        if not view.c_contiguous:   # CPython asks for a simple buffer
            raise BufferError("memoryview: underlying buffer is not C-contiguous")
        data = view.tobytes()
        rc = L.pj_sqlite_result(ctx, BLOB, 0, 0.0, data, len(data))
    else:
        raise TypeError(f"unsupported result type {type(value).__name__!r}")
    native.check(rc)


def set_error(ctx, message, exc=None):
    """Make a callback fail as CPython 3.11 does for the exception exc: MemoryError
    -> SQLITE_NOMEM, OverflowError -> SQLITE_TOOBIG, anything else -> message."""
    if isinstance(exc, MemoryError):
        rc = L.pj_sqlite_result(ctx, ERROR_NOMEM, 0, 0.0, None, 0)
    elif isinstance(exc, OverflowError):
        rc = L.pj_sqlite_result(ctx, ERROR_TOOBIG, 0, 0.0, None, 0)
    else:
        data = message.encode("utf-8")
        rc = L.pj_sqlite_result(ctx, ERROR_RESULT, 0, 0.0, data, len(data))
    native.check(rc)


def aggregate_slot(ctx, allocate):
    """The int64 slot SQLite keeps for this aggregate invocation, or None if it was
    never allocated and allocate is false."""
    out = c_void_p()
    native.check(L.pj_sqlite_aggregate_context(ctx, 8 if allocate else 0, byref(out)))
    if not out.value:
        return None
    return c_int64.from_address(out.value)


def enable_shared_cache(flag):
    """sqlite3_enable_shared_cache(flag) of the SQLite library the runtime loaded (dlopen of
    the same name returns that library; runtime_c/sqlite.c tries these two): its result code.
    A process-wide setting of the library, as in CPython; no pj_ call exists for it."""
    for name in ("libsqlite3.so.0", "libsqlite3.so"):
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        function = library.sqlite3_enable_shared_cache
        function.argtypes = [c_int]
        function.restype = c_int
        return function(flag)
    raise ImportError("sqlite3 needs the system SQLite library")
