"""The guest `sqlite3` module: the DB-API 2.0 interface of CPython 3.11's sqlite3,
built on the system SQLite library through protojit's C runtime.

In: SQL text and Python parameters from guest programs. Out: rows, cursors and
the DB-API exceptions with SQLite's own messages. Below: lib/sqlite3/_bridge.py
(ctypes over runtime_c/sqlite.c, which dlopens libsqlite3). Parameters are always
bound with sqlite3_bind_*, never interpolated into SQL text.

Behaviour follows CPython 3.11 (the spec): implicit BEGIN before INSERT/UPDATE/
DELETE/REPLACE unless isolation_level is None, rowcount -1 for non-DML and the
sum of changes for executemany, the context manager commits or rolls back and
does not close, uncommitted changes are rolled back when a connection closes.
Not supported (NotSupportedError naming the feature): loading extensions and
enable_shared_cache().
"""
import collections.abc as _collections_abc
import operator as _operator
from protojit.hostmods import host_import as _host_import
from protojit.runtime.typenames import make_immutable as _make_immutable, set_c_type_name as _set_c_type_name
from protojit.runtime.unraisable import write_unraisable as _write_unraisable
import time as _time
from _thread import get_ident as _get_ident

from builtins import callable as _callable

from . import _bridge
from ._bridge import L as _L

_os = _host_import("os")   # fsencode/strerror only; the host's keeps this module's imports light
_errno = _host_import("errno")
_weakref = _host_import("weakref")

__all__ = [
    "connect", "Connection", "Cursor", "Row", "Blob", "PrepareProtocol",
    "Warning", "Error", "InterfaceError", "DatabaseError", "DataError", "OperationalError",
    "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError",
    "register_adapter", "register_converter", "adapt", "complete_statement",
    "enable_callback_tracebacks", "adapters", "converters",
    "apilevel", "paramstyle", "threadsafety", "version", "version_info",
    "sqlite_version", "sqlite_version_info", "PARSE_DECLTYPES", "PARSE_COLNAMES",
    "Binary", "Date", "Time", "Timestamp", "DateFromTicks", "TimeFromTicks", "TimestampFromTicks",
]

apilevel = "2.0"
paramstyle = "qmark"
version = "2.6.0"
version_info = (2, 6, 0)
sqlite_version, _sqlite_version_number = _bridge.libversion()
sqlite_version_info = tuple(int(part) for part in sqlite_version.split("."))
# DB-API threadsafety from SQLite's threading mode (single-thread 0, serialized 3, multi-thread 1).
threadsafety = {0: 0, 1: 3, 2: 1}.get(_bridge.threadsafe(), 0)

PARSE_DECLTYPES = 1
PARSE_COLNAMES = 2

# The result codes CPython 3.11 exports (newer ones keep their names in error
# attributes, see _bridge.CODE_NAMES, but are not module constants).
_EXPORTED_CODES = {name: code for name, code in _bridge.RESULT_CODES.items()
                   if name != "SQLITE_CONSTRAINT_DATATYPE"}
globals().update(_EXPORTED_CODES)
__all__.extend(_EXPORTED_CODES)

# Authorizer action codes and return values (sqlite.org/c3ref/c_alter_table.html)
# and limit categories (sqlite.org/c3ref/c_limit_attached.html): SQLite's values.
_AUTHORIZER_CODES = {
    "SQLITE_CREATE_INDEX": 1, "SQLITE_CREATE_TABLE": 2, "SQLITE_CREATE_TEMP_INDEX": 3,
    "SQLITE_CREATE_TEMP_TABLE": 4, "SQLITE_CREATE_TEMP_TRIGGER": 5, "SQLITE_CREATE_TEMP_VIEW": 6,
    "SQLITE_CREATE_TRIGGER": 7, "SQLITE_CREATE_VIEW": 8, "SQLITE_DELETE": 9,
    "SQLITE_DROP_INDEX": 10, "SQLITE_DROP_TABLE": 11, "SQLITE_DROP_TEMP_INDEX": 12,
    "SQLITE_DROP_TEMP_TABLE": 13, "SQLITE_DROP_TEMP_TRIGGER": 14, "SQLITE_DROP_TEMP_VIEW": 15,
    "SQLITE_DROP_TRIGGER": 16, "SQLITE_DROP_VIEW": 17, "SQLITE_INSERT": 18, "SQLITE_PRAGMA": 19,
    "SQLITE_READ": 20, "SQLITE_SELECT": 21, "SQLITE_TRANSACTION": 22, "SQLITE_UPDATE": 23,
    "SQLITE_ATTACH": 24, "SQLITE_DETACH": 25, "SQLITE_ALTER_TABLE": 26, "SQLITE_REINDEX": 27,
    "SQLITE_ANALYZE": 28, "SQLITE_CREATE_VTABLE": 29, "SQLITE_DROP_VTABLE": 30,
    "SQLITE_FUNCTION": 31, "SQLITE_SAVEPOINT": 32, "SQLITE_RECURSIVE": 33,
    "SQLITE_DENY": 1, "SQLITE_IGNORE": 2,
}
_LIMIT_CODES = {
    "SQLITE_LIMIT_LENGTH": 0, "SQLITE_LIMIT_SQL_LENGTH": 1, "SQLITE_LIMIT_COLUMN": 2,
    "SQLITE_LIMIT_EXPR_DEPTH": 3, "SQLITE_LIMIT_COMPOUND_SELECT": 4, "SQLITE_LIMIT_VDBE_OP": 5,
    "SQLITE_LIMIT_FUNCTION_ARG": 6, "SQLITE_LIMIT_ATTACHED": 7,
    "SQLITE_LIMIT_LIKE_PATTERN_LENGTH": 8, "SQLITE_LIMIT_VARIABLE_NUMBER": 9,
    "SQLITE_LIMIT_TRIGGER_DEPTH": 10, "SQLITE_LIMIT_WORKER_THREADS": 11,
}
globals().update(_AUTHORIZER_CODES)
globals().update(_LIMIT_CODES)
__all__.extend(_AUTHORIZER_CODES)
__all__.extend(_LIMIT_CODES)

_CACHE_DEFAULT = 128
_NOT_GIVEN = object()   # an argument left out (None is a value some arguments reject)
_C_INT_LIMIT = 1 << 31
_C_LONG_LIMIT = 1 << 63


# ---- exceptions (PEP 249 hierarchy) -----------------------------------------------------

class Warning(Exception):
    __module__ = "sqlite3"


class Error(Exception):
    __module__ = "sqlite3"


class InterfaceError(Error):
    __module__ = "sqlite3"


class DatabaseError(Error):
    __module__ = "sqlite3"


class DataError(DatabaseError):
    __module__ = "sqlite3"


class OperationalError(DatabaseError):
    __module__ = "sqlite3"


class IntegrityError(DatabaseError):
    __module__ = "sqlite3"


class InternalError(DatabaseError):
    __module__ = "sqlite3"


class ProgrammingError(DatabaseError):
    __module__ = "sqlite3"


class NotSupportedError(DatabaseError):
    __module__ = "sqlite3"


# Exception class per primary result code (as CPython 3.11's _pysqlite_seterror).
_ERROR_CLASSES = {
    2: InternalError, 12: InternalError,
    7: MemoryError,
    1: OperationalError, 3: OperationalError, 4: OperationalError, 5: OperationalError,
    6: OperationalError, 8: OperationalError, 9: OperationalError, 10: OperationalError,
    13: OperationalError, 14: OperationalError, 15: OperationalError, 16: OperationalError,
    17: OperationalError,
    11: DatabaseError,
    18: DataError,
    19: IntegrityError, 20: IntegrityError,
    21: InterfaceError, 25: InterfaceError,
}


def _db_error(db):
    """The exception for the connection's last SQLite error (message from sqlite3_errmsg)."""
    message, code = _bridge.errmsg(db)
    cls = _ERROR_CLASSES.get(code & 0xFF, DatabaseError)
    exc = cls(message)
    if cls is not MemoryError:
        exc.sqlite_errorcode = code
        exc.sqlite_errorname = _bridge.CODE_NAMES.get(code, "unknown error code")
    return exc


# ---- adapters and converters ------------------------------------------------------------

class PrepareProtocol:
    """The protocol object of PEP 246-style adaptation used by register_adapter."""
    __module__ = "sqlite3"


# The adapter registry. Its public name `adapters` appears once the default
# date/datetime adapters are registered (see _load_datetime).
_adapters = {}
converters = {}
_callback_tracebacks = False


# True once an adapter is registered for int, float, str or bytearray: from then on
# every parameter goes through adapt(), as in CPython (BaseTypeAdapted).
_base_types_adapted = False


def register_adapter(type_, adapter):
    global _base_types_adapted
    if type_ is int or type_ is float or type_ is str or type_ is bytearray:
        _base_types_adapted = True
    _adapters[(type_, PrepareProtocol)] = adapter


def register_converter(name, converter):
    converters[name.upper()] = converter


def adapt(obj, proto=PrepareProtocol, alt=_NOT_GIVEN, /):
    """Adapt obj for proto: a registered adapter, then proto.__adapt__, then obj.__conform__
    (CPython's order). A TypeError from either hook means "cannot": the next way is tried."""
    if _datetime is None and type(obj).__module__ == "datetime":
        _load_datetime()
    adapter = _adapters.get((type(obj), proto))
    if adapter is not None:
        return adapter(obj)
    for hook, arg in ((getattr(proto, "__adapt__", None), obj),
                      (getattr(obj, "__conform__", None), proto)):
        if hook is not None:
            try:
                adapted = hook(arg)
            except TypeError:
                continue
            if adapted is not None:
                return adapted
    if alt is not _NOT_GIVEN:      # even None, as CPython's C alt argument
        return alt
    raise ProgrammingError("can't adapt")


def enable_callback_tracebacks(flag, /):
    global _callback_tracebacks
    _callback_tracebacks = bool(flag)


def complete_statement(statement):
    if not isinstance(statement, str):
        raise TypeError(f"complete_statement() argument 'statement' must be str, not {type(statement).__name__}")
    return _bridge.complete(statement.encode("utf-8"))


Binary = memoryview

# `datetime` is imported on first need, not with this module (it is a large guest
# module): by the names below, by a date/datetime parameter, or by a converter.
# Until then Date, Time, Timestamp and adapters are served by __getattr__.
_datetime = None


def _load_datetime():
    """Import datetime, publish Date/Time/Timestamp/adapters and register the
    default adapters (unless the program registered its own first)."""
    global _datetime, Date, Time, Timestamp, adapters
    if _datetime is None:
        import datetime as module
        Date, Time, Timestamp = module.date, module.time, module.datetime
        _adapters.setdefault((module.date, PrepareProtocol), _adapt_date)
        _adapters.setdefault((module.datetime, PrepareProtocol), _adapt_datetime)
        adapters = _adapters
        _datetime = module
    return _datetime


_LAZY_NAMES = ("Date", "Time", "Timestamp", "adapters")
_importing_dbapi2 = False


def __getattr__(name):
    global _importing_dbapi2
    if name in _LAZY_NAMES:
        _load_datetime()
        return globals()[name]
    if name == "OptimizedUnicode":
        import warnings
        warnings.warn("""
            OptimizedUnicode is deprecated and will be removed in Python 3.12.
            Since Python 3.3 it has simply been an alias for 'str'.
        """, DeprecationWarning, stacklevel=2)
        return str
    if name == "dbapi2" and not _importing_dbapi2:
        # CPython's package always has this submodule loaded. While it loads, the
        # import system's own look-up of the attribute must fail, not recurse.
        _importing_dbapi2 = True
        try:
            from . import dbapi2
        finally:
            _importing_dbapi2 = False
        return dbapi2
    raise AttributeError(f"module 'sqlite3' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(_LAZY_NAMES) | {"dbapi2"})


def enable_shared_cache(enable):
    # CPython 3.11's (sqlite3/dbapi2.py over _sqlite3's), message and all
    import warnings
    msg = (
        "enable_shared_cache is deprecated and will be removed in Python 3.12. "
        "Shared cache is strongly discouraged by the SQLite 3 documentation. "
        "If shared cache must be used, open the database in URI mode using"
        "the cache=shared query parameter."
    )
    warnings.warn(msg, DeprecationWarning, stacklevel=2)
    flag = _operator.index(enable)
    if not -2 ** 31 <= flag < 2 ** 31:
        raise OverflowError("Python int too large to convert to C int")
    if _bridge.enable_shared_cache(flag) != 0:
        raise OperationalError("Changing the shared_cache flag failed")


def DateFromTicks(ticks):
    return _load_datetime().date(*_time.localtime(ticks)[:3])


def TimeFromTicks(ticks):
    return _load_datetime().time(*_time.localtime(ticks)[3:6])


def TimestampFromTicks(ticks):
    return _load_datetime().datetime(*_time.localtime(ticks)[:6])


# The default adapters and converters CPython 3.11 registers (dbapi2.register_adapters_and_converters).
def _adapt_date(value):
    return value.isoformat()


def _adapt_datetime(value):
    return value.isoformat(" ")


def _convert_date(value):
    return _load_datetime().date(*map(int, value.split(b"-")))


def _convert_timestamp(value):
    datepart, timepart = value.split(b" ")
    year, month, day = map(int, datepart.split(b"-"))
    timepart_full = timepart.split(b".")
    hours, minutes, seconds = map(int, timepart_full[0].split(b":"))
    # The fraction is read as six digits: cut after six, padded with zeros on the right.
    micro = int(timepart_full[1].decode()[:6].ljust(6, "0")) if len(timepart_full) == 2 else 0
    return _load_datetime().datetime(year, month, day, hours, minutes, seconds, micro)


register_converter("date", _convert_date)
register_converter("timestamp", _convert_timestamp)


# ---- SQL text helpers -------------------------------------------------------------------

_DML_KEYWORDS = ("insert", "update", "delete", "replace")


def _skip_space_and_comments(sql, pos=0):
    """Index of the first character of sql[pos:] that is not whitespace or an SQL comment."""
    n = len(sql)
    while pos < n:
        ch = sql[pos]
        if ch in " \t\n\r\f\v":
            pos += 1
        elif sql.startswith("--", pos):
            end = sql.find("\n", pos)
            pos = n if end < 0 else end + 1
        elif sql.startswith("/*", pos):
            end = sql.find("*/", pos + 2)
            pos = n if end < 0 else end + 2
        else:
            break
    return pos


def _is_dml(sql):
    start = _skip_space_and_comments(sql)
    head = sql[start:start + 7].lower()
    return any(head.startswith(word) for word in _DML_KEYWORDS)


_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _sqlite_float_text(value):
    """SQLite's text form of a REAL ("%!.15g": always a decimal point), for converters."""
    text = "%.15g" % value
    if text.lstrip("-").isdigit():
        text += ".0"
    return text


# ---- statements -------------------------------------------------------------------------

def _check_sql_length(db, nbytes):
    """CPython's check of SQL text (UTF-8 bytes) against SQLITE_LIMIT_SQL_LENGTH."""
    limit = _bridge.c_int()
    if _L.pj_sqlite_limit(db, 1, -1, _bridge.byref(limit)) == 0 and nbytes > limit.value:
        raise DataError("query string is too large")


class _Statement:
    """One prepared statement with its fixed facts and row buffers.

    Invariant: in_use is true exactly while a cursor holds it between a step that
    returned SQLITE_ROW and the reset that ends the result set.
    """
    __slots__ = ("handle", "sql", "nparams", "ncols", "readonly", "is_dml", "in_use",
                 "cached", "names", "decltypes", "_bufs")

    def __init__(self, db, sql):
        self.handle = None
        if "\0" in sql:
            raise ProgrammingError("the query contains a null character")
        data = sql.encode("utf-8")
        _check_sql_length(db, len(data))
        handle = _bridge.c_void_p()
        tail = _bridge.c_int64()
        rc = _L.pj_sqlite_prepare(db, data, len(data), _bridge.byref(handle), _bridge.byref(tail))
        if rc != 0:
            _L.pj_sqlite_finalize(handle)
            if rc < 0:
                _bridge.native.check(rc)
            raise _db_error(db)
        self.handle = handle.value
        self.sql = sql
        self.in_use = False
        self.cached = False
        rest = data[tail.value:].decode("utf-8")
        if rest[_skip_space_and_comments(rest):]:
            self.finalize()
            raise ProgrammingError("You can only execute one statement at a time.")
        self.is_dml = _is_dml(sql)
        nparams, ncols, readonly = _bridge.c_int(), _bridge.c_int(), _bridge.c_int()
        if self.handle is not None:
            _bridge.native.check(_L.pj_sqlite_stmt_info(
                self.handle, _bridge.byref(nparams), _bridge.byref(ncols), _bridge.byref(readonly)))
        self.nparams = nparams.value
        self.ncols = ncols.value
        self.readonly = bool(readonly.value) if self.handle is not None else True
        self._bufs = None
        self._read_columns()

    def _read_columns(self):
        names, decltypes = [], []
        name, decl = _bridge.c_char_p(), _bridge.c_char_p()
        for col in range(self.ncols):
            _bridge.native.check(_L.pj_sqlite_column_info(
                self.handle, col, _bridge.byref(name), _bridge.byref(decl)))
            names.append(name.value.decode("utf-8"))
            decltypes.append(decl.value.decode("utf-8") if decl.value is not None else None)
        self.names = names
        self.decltypes = decltypes

    def refresh_columns(self):
        """Re-read the result columns after a step: SQLite re-prepares a statement
        whose schema changed (ALTER TABLE, ...), and its columns change with it."""
        nparams, ncols, readonly = _bridge.c_int(), _bridge.c_int(), _bridge.c_int()
        _bridge.native.check(_L.pj_sqlite_stmt_info(
            self.handle, _bridge.byref(nparams), _bridge.byref(ncols), _bridge.byref(readonly)))
        if ncols.value != self.ncols:
            self.ncols = ncols.value
            self._bufs = None
        if self.ncols:
            self._read_columns()

    def param_name(self, index):
        out = _bridge.c_char_p()
        _bridge.native.check(_L.pj_sqlite_param_name(self.handle, index, _bridge.byref(out)))
        return out.value.decode("utf-8") if out.value is not None else None

    def read_row(self):
        """The current row as five ctypes arrays (types, ints, doubles, ptrs, lens),
        reused from row to row; text and blob pointers are SQLite's and valid
        until the next step or reset."""
        bufs = self._bufs
        if bufs is None:
            n = self.ncols
            bufs = self._bufs = ((_bridge.c_int * n)(), (_bridge.c_int64 * n)(),
                                 (_bridge.c_double * n)(), (_bridge.c_void_p * n)(),
                                 (_bridge.c_int64 * n)())
        types, ints, doubles, ptrs, lens = bufs
        _bridge.native.check(_L.pj_sqlite_row(self.handle, self.ncols, types, ints, doubles, ptrs, lens))
        return bufs

    def reset(self):
        """Reset for re-execution; returns SQLite's code (the last step's error, if any)."""
        self.in_use = False
        return _L.pj_sqlite_reset(self.handle, 1) if self.handle is not None else 0

    def finalize(self):
        handle, self.handle = self.handle, None
        if handle is not None:
            _L.pj_sqlite_finalize(handle)

    def __del__(self):
        self.finalize()


def _bind_parameters(db, stmt, params):
    """Bind params (a sequence or a mapping) to stmt, with CPython's checks and messages."""
    handle = stmt.handle
    n = stmt.nparams
    kind = type(params)
    if kind is tuple or kind is list or (not isinstance(params, dict) and hasattr(kind, "__getitem__")
                                         and hasattr(kind, "__len__")):
        supplied = len(params)
        if supplied != n:
            raise ProgrammingError(f"Incorrect number of bindings supplied. The current statement "
                                   f"uses {n}, and there are {supplied} supplied.")
        for index in range(1, n + 1):
            rc = _bind_one(handle, index, params[index - 1])
            if rc:
                _bind_failed(db, rc)
    elif isinstance(params, dict):
        for index in range(1, n + 1):
            name = stmt.param_name(index)
            if name is None:
                raise ProgrammingError(f"Binding {index} has no name, but you supplied a "
                                       f"dictionary (which has only names).")
            try:
                value = params[name[1:]]
            except KeyError:
                raise ProgrammingError(f"You did not supply a value for binding parameter {name}.") from None
            rc = _bind_one(handle, index, value)
            if rc:
                _bind_failed(db, rc)
    else:
        raise ProgrammingError("parameters are of unsupported type")


def _bind_one(handle, index, value):
    """Bind one value (adapted first, as CPython 3.11 decides); returns the bridge's code."""
    kind = type(value)
    if _datetime is None and kind.__module__ == "datetime":
        _load_datetime()
    if (_base_types_adapted or (kind is not int and kind is not float and kind is not str
                                and kind is not bytearray and value is not None)):
        value = adapt(value, PrepareProtocol, value)
    if value is None:
        rc = _L.pj_sqlite_bind_null(handle, index)
    elif isinstance(value, int):
        if not _bridge.INT64_MIN <= value <= _bridge.INT64_MAX:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        rc = _L.pj_sqlite_bind_int64(handle, index, value)
    elif isinstance(value, float):
        rc = _L.pj_sqlite_bind_double(handle, index, value)
    elif isinstance(value, str):
        data = value.encode("utf-8")
        rc = _L.pj_sqlite_bind_text(handle, index, data, len(data))
    elif isinstance(value, (bytes, bytearray, memoryview)):
        if type(value) is memoryview and not value.c_contiguous:
            raise BufferError("memoryview: underlying buffer is not C-contiguous")
        data = bytes(value)
        rc = _L.pj_sqlite_bind_blob(handle, index, data, len(data))
    else:
        raise ProgrammingError(f"Error binding parameter {index}: type '{type(value).__name__}' is not supported")
    return rc


def _bind_failed(db, rc):
    """Raise the error for a failed sqlite3_bind_* (rc != 0)."""
    if rc == -_errno.E2BIG:
        raise OverflowError("string longer than INT_MAX bytes")
    _bridge.native.check(rc)
    raise _db_error(db)


# ---- argument parsing of the execute family (CPython's messages) -------------------------

def _execute_args(owner, args, kwargs):
    if kwargs:
        raise TypeError(f"{owner}.execute() takes no keyword arguments")
    if not args:
        raise TypeError("execute expected at least 1 argument, got 0")
    if len(args) > 2:
        raise TypeError(f"execute expected at most 2 arguments, got {len(args)}")
    sql = args[0]
    if not isinstance(sql, str):
        raise TypeError(f"execute() argument 1 must be str, not {type(sql).__name__}")
    return sql, (args[1] if len(args) == 2 else ())


def _executemany_args(owner, args, kwargs):
    if kwargs:
        raise TypeError(f"{owner}.executemany() takes no keyword arguments")
    if len(args) != 2:
        raise TypeError(f"executemany expected 2 arguments, got {len(args)}")
    if not isinstance(args[0], str):
        raise TypeError(f"executemany() argument 1 must be str, not {type(args[0]).__name__}")
    return args


def _script_arg(owner, args, kwargs):
    if kwargs:
        raise TypeError(f"{owner}.executescript() takes no keyword arguments")
    if len(args) != 1:
        raise TypeError(f"{owner}.executescript() takes exactly one argument ({len(args)} given)")
    return args[0]


# ---- rows -------------------------------------------------------------------------------

class Statement:
    """A compiled statement, as Connection.__call__ returns it; programs cannot make one
    (CPython's sqlite3.Statement). Its _Statement is finalized with it."""
    __module__ = "sqlite3"
    __slots__ = ("_stmt", "__weakref__")

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'sqlite3.Statement' instances")

    @classmethod
    def _of(cls, stmt):
        self = object.__new__(cls)
        self._stmt = stmt
        return self


class Row:
    """A result row: indexable by position and by case-insensitive column name."""
    __module__ = "sqlite3"
    __slots__ = ("_description", "_data")

    def __init__(self, cursor, data, /):
        if not issubclass(type(cursor), Cursor):    # the real type, as PyObject_TypeCheck
            raise TypeError(f"Row() argument 1 must be sqlite3.Cursor, not {type(cursor).__name__}")
        if not isinstance(data, tuple):
            raise TypeError(f"Row() argument 2 must be tuple, not {type(data).__name__}")
        self._description = cursor.description
        self._data = data

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._data[key]
        if isinstance(key, str):
            folded = key.translate(_ASCII_FOLD)
            for index, column in enumerate(self._description or ()):
                if column[0].translate(_ASCII_FOLD) == folded:
                    return self._data[index]
            raise IndexError("No item with that key")
        if isinstance(key, slice):
            return self._data[key]
        raise IndexError("Index must be int or string")

    def keys(self):
        return [column[0] for column in self._description or ()]

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __eq__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return self._description == other._description and self._data == other._data

    def __ne__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return not (self._description == other._description and self._data == other._data)

    def __hash__(self):
        return hash(self._description) ^ hash(self._data)

    def __repr__(self):
        return f"<sqlite3.Row object at {id(self):#x}>"


_collections_abc.Sequence.register(Row)     # as CPython's sqlite3/dbapi2.py does


# ---- cursors ----------------------------------------------------------------------------

class Cursor:
    """A DB-API cursor: executes statements on its connection and fetches their rows."""
    __module__ = "sqlite3"

    # An object made by __new__ alone: "Base Cursor.__init__ not called.", as CPython's.
    _initialized = False
    _locked = False

    def __init__(self, connection, /):
        self._check_unlocked()
        if not isinstance(connection, Connection):
            raise TypeError(f"Cursor() argument 1 must be sqlite3.Connection, not {type(connection).__name__}")
        self._connection = connection
        self.arraysize = 1
        self.row_factory = connection.row_factory
        self._description = None
        self._rowcount = -1
        self._lastrowid = None
        self._active = None       # _Statement with a pending row, or None
        self._converters = None   # per-column converter list for the active statement
        self._closed = False
        # True while converters and text_factory (program code) run on a fetched row:
        # every use of the cursor then raises "Recursive use of cursors not allowed.", as
        # CPython's. (_convert_row also copies the row out of SQLite before they run.)
        self._locked = False
        self._initialized = True

    @property
    def connection(self):
        return self._connection

    # Read-only results of the last execute (CPython: "readonly attribute").
    @property
    def description(self):
        return self._description

    @description.setter
    def description(self, value):
        raise AttributeError("readonly attribute")

    @property
    def rowcount(self):
        return self._rowcount

    @rowcount.setter
    def rowcount(self, value):
        raise AttributeError("readonly attribute")

    @property
    def lastrowid(self):
        return self._lastrowid

    @lastrowid.setter
    def lastrowid(self, value):
        raise AttributeError("readonly attribute")

    @property
    def arraysize(self):
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value):
        value = _operator.index(value)
        if not -_C_LONG_LIMIT <= value < _C_LONG_LIMIT:
            raise OverflowError("Python int too large to convert to C long")
        self._arraysize = value

    def _check(self):
        if not self._initialized:
            raise ProgrammingError("Base Cursor.__init__ not called.")
        if self._closed:
            raise ProgrammingError("Cannot operate on a closed cursor.")
        self._check_unlocked()
        self._connection._check()

    def _check_unlocked(self):
        if self._locked:
            raise ProgrammingError("Recursive use of cursors not allowed.")

    def _release(self):
        stmt, self._active = self._active, None
        if stmt is not None:
            stmt.reset()
            self._connection._release_statement(stmt)

    def close(self):
        self._check_unlocked()
        if not self._initialized:
            raise ProgrammingError("Base Cursor.__init__ not called.")
        self._connection._check_thread()
        if not self._connection._closed:
            self._release()
        self._closed = True

    def execute(self, *args, **kwargs):
        """execute(sql, parameters=(), /): run one statement; returns the cursor."""
        sql, parameters = _execute_args("Cursor", args, kwargs)
        return self._execute(sql, (parameters,), False)

    def executemany(self, *args, **kwargs):
        """executemany(sql, seq_of_parameters, /): run a DML statement once per parameter set."""
        sql, seq_of_parameters = _executemany_args("Cursor", args, kwargs)
        return self._execute(sql, iter(seq_of_parameters), True)

    def __del__(self):
        # A cursor dropped with rows pending resets its statement (as CPython's does), so
        # the statement stops counting as running (locks, sqlite3_interrupt).
        if getattr(self, "_active", None) is not None and not self._connection._closed:
            self._release()

    def _execute(self, sql, param_sets, multiple):
        if self._locked:
            # CPython's execute()/executemany() clear the lock as they fail.
            self._locked = False
            raise ProgrammingError("Recursive use of cursors not allowed.")
        self._check()
        self._release()
        conn = self._connection
        db = conn._db
        self._description = None
        self._rowcount = -1
        # Locked while it runs, as CPython's: the parameters may be a generator that uses
        # this cursor again (ProgrammingError there, not a statement reset under our feet).
        self._locked = True
        try:
            stmt = conn._statement(sql)
            if stmt.handle is None and not multiple:
                return self
            if multiple and stmt.readonly:      # (empty SQL counts as read-only, as in SQLite)
                raise ProgrammingError("executemany() can only execute DML statements.")
            if stmt.is_dml and conn._isolation_level is not None and not conn.in_transaction:
                conn._run(conn._begin)
            is_dml = stmt.is_dml
            rowcount = 0 if is_dml else -1
            # The per-row loop is the hot path of executemany: tuples and lists of
            # int/str/float/None bind inline; anything else goes through
            # _bind_parameters / _bind_one (adapters, mappings, blobs, checks).
            handle = stmt.handle
            nparams = stmt.nparams
            inline = not _base_types_adapted
            bind_int, bind_text = _L.pj_sqlite_bind_int64, _L.pj_sqlite_bind_text
            bind_double, bind_null = _L.pj_sqlite_bind_double, _L.pj_sqlite_bind_null
            step_reset = _L.pj_sqlite_step_reset
            changes, changes_ref = conn._changes_buf, conn._changes_ref
            done = _bridge.DONE
            type_, len_, tuple_, list_, int_, str_, float_ = type, len, tuple, list, int, str, float
            stmt.reset()
            for params in param_sets:
                kind = type_(params)
                if inline and (kind is tuple_ or kind is list_) and len_(params) == nparams:
                    index = 0
                    for value in params:
                        index += 1
                        kind = type_(value)
                        if kind is int_ and -9223372036854775808 <= value <= 9223372036854775807:
                            rc = bind_int(handle, index, value)
                        elif kind is str_:
                            data = value.encode()
                            rc = bind_text(handle, index, data, len_(data))
                        elif kind is float_:
                            rc = bind_double(handle, index, value)
                        elif value is None:
                            rc = bind_null(handle, index)
                        else:
                            rc = _bind_one(handle, index, value)
                        if rc:
                            _bind_failed(db, rc)
                else:
                    _bind_parameters(db, stmt, params)
                rc = step_reset(handle, changes_ref)
                if conn._callback_error is not None:
                    stmt.reset()
                    conn._raise_callback_error()
                if rc != done:
                    if rc == _bridge.ROW:
                        if multiple:
                            stmt.reset()
                            raise ProgrammingError("executemany() can only execute DML statements.")
                        stmt.in_use = True
                        self._active = stmt
                        break
                    error = _db_error(db) if rc > 0 else OSError(-rc, _os.strerror(-rc))
                    stmt.reset()
                    raise error
                if is_dml:
                    rowcount += changes.value
            if stmt.handle is not None:
                # After the first step: the columns of a re-prepared statement are current.
                stmt.refresh_columns()
                if stmt.ncols:
                    self._description = tuple(
                        (_column_name(name, conn._detect_types), None, None, None, None, None, None)
                        for name in stmt.names)
                if self._active is not None:
                    self._converters = conn._column_converters(stmt)
            if self._active is None:
                stmt.reset()
                conn._release_statement(stmt)
            self._rowcount = rowcount
            if not multiple:
                self._lastrowid = conn._counters()[2]
        except BaseException:
            self._rowcount = -1
            raise
        finally:
            self._locked = False
        return self

    def executescript(self, *args, **kwargs):
        """executescript(sql_script, /): commit, then run every statement of the script."""
        sql_script = _script_arg("Cursor", args, kwargs)
        self._check()
        if not isinstance(sql_script, str):
            raise TypeError(f"executescript() argument must be str, not {type(sql_script).__name__}")
        if "\0" in sql_script:
            raise ValueError("embedded null character")
        _check_sql_length(self._connection._db, len(sql_script.encode("utf-8")))
        self._release()
        conn = self._connection
        if conn.in_transaction:
            conn._run("COMMIT")
        conn._run_script(sql_script)
        return self

    def _next_row(self):
        stmt = self._active
        if stmt is None:
            return None
        conn = self._connection
        types, ints, doubles, ptrs, lens = stmt.read_row()
        text_factory = conn.text_factory
        converters_ = self._converters
        values = None
        if converters_ is None and text_factory is str:
            # The common case, kept to a few operations per value (the hot path of fetches).
            values = []
            append = values.append
            string_at = _bridge.string_at
            try:
                for kind, i, d, p, n in zip(types, ints, doubles, ptrs, lens):
                    if kind == 1:
                        append(i)
                    elif kind == 3:
                        append(string_at(p, n).decode() if n else "")
                    elif kind == 2:
                        append(d)
                    elif kind == 5:
                        append(None)
                    else:
                        append(string_at(p, n) if n else b"")
            except UnicodeDecodeError:
                values = None      # the general loop below raises CPython's error
        if values is None:
            self._locked = True
            try:
                values = self._convert_row(stmt, types, ints, doubles, ptrs, lens, text_factory,
                                           converters_)
            finally:
                self._locked = False
        rc = _L.pj_sqlite_step(stmt.handle)
        if conn._callback_error is not None:
            self._release()
            conn._raise_callback_error()
        if rc != _bridge.ROW:
            if rc != _bridge.DONE:
                error = _db_error(conn._db)
                self._release()
                raise error
            if stmt.is_dml:     # INSERT ... RETURNING: rowcount once all rows are out
                self._rowcount = conn._counters()[0]
            self._release()
        row = tuple(values)
        factory = self.row_factory
        return factory(self, row) if factory is not None else row

    def _convert_row(self, stmt, types, ints, doubles, ptrs, lens, text_factory, converters_):
        """Column values with converters and text_factory applied (the general case)."""
        # Copy every text and blob out of SQLite before any converter or text_factory runs:
        # program code may reset or finalize the statement (another execute() on this
        # cursor's connection, executemany(), executescript()), which frees the row buffer.
        raws = [_bridge.string_at(ptrs[i], lens[i]) if kind in (3, 4) and lens[i] else b""
                for i, kind in enumerate(types)]
        values = []
        for index, kind in enumerate(types):
            if kind == 1:
                value = ints[index]
            elif kind == 2:
                value = doubles[index]
            elif kind == 5:
                value = None
            else:
                raw = raws[index]
                if converters_ is not None and converters_[index] is not None:
                    value = raw
                elif kind == 4:
                    value = raw
                elif text_factory is str:
                    try:
                        value = raw.decode("utf-8")
                    except UnicodeDecodeError:
                        raise OperationalError(
                            f"Could not decode to UTF-8 column '{stmt.names[index]}' with text "
                            f"'{raw.decode('utf-8', 'replace')}'") from None
                else:
                    value = text_factory(raw)
            if converters_ is not None and converters_[index] is not None and value is not None:
                if kind in (3, 4) and not lens[index]:
                    # CPython converts what sqlite3_column_blob() returns, NULL for an
                    # empty text or blob: the value is None, the converter is not called.
                    values.append(None)
                    continue
                if kind == 1:
                    value = str(value).encode("ascii")
                elif kind == 2:
                    value = _sqlite_float_text(value).encode("ascii")
                value = converters_[index](value)
            values.append(value)
        return values

    def fetchone(self):
        self._check()
        return self._next_row()

    def fetchmany(self, size=_NOT_GIVEN):
        """Up to size rows (default arraysize); like CPython, a size below 1 means all."""
        count = self.arraysize if size is _NOT_GIVEN else _operator.index(size)
        if not -_C_INT_LIMIT <= count < _C_INT_LIMIT:
            raise OverflowError("Python int too large to convert to C int")
        self._check()
        rows = []
        while True:
            row = self._next_row()
            if row is None:
                break
            rows.append(row)
            if len(rows) == count:
                break
        return rows

    def fetchall(self):
        self._check()
        rows = []
        while True:
            row = self._next_row()
            if row is None:
                return rows
            rows.append(row)

    def __iter__(self):
        return self

    def __next__(self):
        self._check()
        row = self._next_row()
        if row is None:
            raise StopIteration
        return row

    def setinputsizes(self, sizes, /):
        pass

    def setoutputsize(self, size, column=None, /):
        pass


def _column_name(name, detect_types):
    """The description name: with PARSE_COLNAMES, "x [type]" is cut at the first
    '[' and one space before it goes too ("x [type]" -> "x", "x  [t]" -> "x ")."""
    if detect_types & PARSE_COLNAMES:
        cut = name.find("[")
        if cut >= 0:
            if cut > 0 and name[cut - 1] == " ":
                cut -= 1
            return name[:cut]
    return name


# ---- connections ------------------------------------------------------------------------

_ISOLATION_LEVELS = ("", "DEFERRED", "IMMEDIATE", "EXCLUSIVE")


def _check_isolation_level(level):
    """The canonical (upper-case) isolation level, or None; CPython's errors otherwise."""
    if level is None:
        return None
    if not isinstance(level, str):
        raise TypeError("isolation_level must be str or None")
    if "\0" in level:
        raise ValueError("embedded null character")
    # CPython compares in C (ASCII, case-insensitive): a str subclass's upper() is not called.
    canonical = str.upper(level) if str.isascii(level) else None
    if canonical not in _ISOLATION_LEVELS:
        raise ValueError("isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'")
    return canonical


class Connection:
    """A connection to one SQLite database (a file, ':memory:' or a URI)."""
    __module__ = "sqlite3"

    Warning = Warning
    Error = Error
    InterfaceError = InterfaceError
    DatabaseError = DatabaseError
    DataError = DataError
    OperationalError = OperationalError
    IntegrityError = IntegrityError
    InternalError = InternalError
    ProgrammingError = ProgrammingError
    NotSupportedError = NotSupportedError

    # What an object made by __new__ alone has: every operation then says
    # "Base Connection.__init__ not called.", as CPython's.
    _initialized = False
    _closed = True
    _check_same_thread = False
    _db = None

    def __init__(self, database, timeout=5.0, detect_types=0, isolation_level="",
                 check_same_thread=True, factory=None, cached_statements=_CACHE_DEFAULT, uri=False):
        if getattr(self, "_initialized", False):
            # Re-initialised: CPython closes the old database first and stays
            # uninitialised if the new one cannot be opened.
            self._close_for_reinit()
            self._initialized = False
        self._db = None
        self._closed = True
        self._cache = {}
        path = _os.fsencode(database)
        if not isinstance(timeout, (int, float)):
            try:
                timeout = float(timeout)
            except (TypeError, ValueError):
                raise TypeError(f"must be real number, not {type(timeout).__name__}") from None
        detect_types = _operator.index(detect_types)
        cached_statements = _operator.index(cached_statements)
        isolation_level = _check_isolation_level(isolation_level)
        flags = _bridge.OPEN_READWRITE | _bridge.OPEN_CREATE | (_bridge.OPEN_URI if uri else 0)
        handle = _bridge.c_void_p()
        rc = _L.pj_sqlite_open(path, len(path), flags, _bridge.byref(handle))
        if rc != 0:
            if rc < 0:
                _L.pj_sqlite_close(handle)
                if rc == -_errno.EINVAL:  # an embedded NUL
                    raise ValueError("embedded null byte")
                _bridge.native.check(rc)
            error = _db_error(handle)
            _L.pj_sqlite_close(handle)
            raise error
        self._db = handle.value
        self._closed = False
        _L.pj_sqlite_busy_timeout(self._db, int(timeout * 1000))
        self._thread = _get_ident()
        self._check_same_thread = bool(check_same_thread)
        self._detect_types = int(detect_types)
        self._isolation_level = isolation_level
        self._begin = "BEGIN " + isolation_level if isolation_level is not None else None
        self._cache = {}          # sql -> _Statement, insertion order = LRU order
        self._cache_size = int(cached_statements)
        self._callbacks = []      # ctypes callbacks SQLite may still call
        self._aggregates = {}     # aggregate slot key -> aggregate instance
        self._next_key = 1
        self.row_factory = None
        self.text_factory = str
        counts = (_bridge.c_int64(), _bridge.c_int64(), _bridge.c_int64(), _bridge.c_int())
        self._counter_bufs = counts
        self._counter_refs = tuple(_bridge.byref(x) for x in counts)
        self._callback_error = None   # an exception a collation callback could not raise
        self._trace_callback = None   # the ctypes trampolines SQLite may call
        self._authorizer_callback = None
        self._progress_callback = None
        self._blobs = _weakref.WeakSet()   # open Blobs, closed with the connection
        self._changes_buf = _bridge.c_int64()
        self._changes_ref = _bridge.byref(self._changes_buf)
        self._initialized = True

    # -- state checks

    def _check_thread(self):
        if self._check_same_thread and _get_ident() != self._thread:
            raise ProgrammingError(
                "SQLite objects created in a thread can only be used in that same thread. "
                f"The object was created in thread id {self._thread} and this is thread id {_get_ident()}.")

    def _check(self):
        self._check_initialized()
        if self._closed:
            raise ProgrammingError("Cannot operate on a closed database.")
        self._check_thread()

    def _check_initialized(self):
        if not self._initialized:
            raise ProgrammingError("Base Connection.__init__ not called.")

    def _counters(self):
        """(changes, total_changes, last_insert_rowid, autocommit) of the connection."""
        _bridge.native.check(_L.pj_sqlite_counters(self._db, *self._counter_refs))
        a, b, c, d = self._counter_bufs
        return a.value, b.value, c.value, d.value

    # -- statements

    def _statement(self, sql):
        """A prepared statement for sql, from the cache unless the cached one is in use."""
        stmt = self._cache.pop(sql, None)
        if stmt is not None:
            self._cache[sql] = stmt  # most recently used goes last
            if not stmt.in_use:
                return stmt
            return _Statement(self._db, sql)
        stmt = _Statement(self._db, sql)
        if self._cache_size > 0:
            stmt.cached = True
            self._cache[sql] = stmt
            if len(self._cache) > self._cache_size:
                oldest = next(iter(self._cache))
                evicted = self._cache.pop(oldest)
                evicted.cached = False
                if not evicted.in_use:
                    evicted.finalize()
        return stmt

    def _release_statement(self, stmt):
        if not stmt.cached:
            stmt.finalize()

    def _run(self, sql):
        """Execute one statement that returns no rows we keep (BEGIN, COMMIT, ...)."""
        stmt = _Statement(self._db, sql)
        try:
            while True:
                rc = _L.pj_sqlite_step(stmt.handle)
                if rc == _bridge.ROW:
                    continue
                if rc != _bridge.DONE:
                    raise _db_error(self._db)
                break
        finally:
            stmt.finalize()

    def _run_script(self, script):
        data = script.encode("utf-8")
        offset = 0
        handle = _bridge.c_void_p()
        tail = _bridge.c_int64()
        while offset < len(data):
            rest = data[offset:]
            rc = _L.pj_sqlite_prepare(self._db, rest, len(rest), _bridge.byref(handle), _bridge.byref(tail))
            if rc != 0:
                _L.pj_sqlite_finalize(handle)
                _bridge.native.check(rc)
                raise _db_error(self._db)
            if handle.value is None:
                break
            try:
                rc = _L.pj_sqlite_step(handle)
                while rc == _bridge.ROW:
                    rc = _L.pj_sqlite_step(handle)
                if rc != _bridge.DONE:
                    raise _db_error(self._db)
            finally:
                _L.pj_sqlite_finalize(handle)
            if tail.value <= 0:
                break
            offset += tail.value

    def _column_converters(self, stmt):
        detect = self._detect_types
        if not detect or not converters:
            return None
        found = []
        for name, decl in zip(stmt.names, stmt.decltypes):
            converter = None
            if detect & PARSE_COLNAMES:
                # The type is what lies between the last '[' before the first ']'
                # that follows a '[', and that ']' (CPython's scan).
                start = -1
                for pos, ch in enumerate(name):
                    if ch == "[":
                        start = pos + 1
                    elif ch == "]" and start >= 0:
                        converter = converters.get(name[start:pos].upper())
                        break
            if converter is None and detect & PARSE_DECLTYPES and decl:
                key = decl.strip()
                for stop in (" ", "("):
                    cut = key.find(stop)
                    if cut >= 0:
                        key = key[:cut]
                converter = converters.get(key.upper())
            found.append(converter)
        return found if any(c is not None for c in found) else None

    # -- DB-API

    def __call__(self, *args, **kwargs):
        """Compile sql into a statement object (CPython's undocumented Connection.__call__,
        which its own tests use). The connection is checked before the arguments."""
        self._check()
        if kwargs:
            raise TypeError("sqlite3.Connection() takes no keyword arguments")
        if len(args) != 1:
            raise TypeError(f"function takes exactly 1 argument ({len(args)} given)")
        sql, = args
        if not isinstance(sql, str):
            raise TypeError(f"argument 1 must be str, not {type(sql).__name__}")
        stmt = _Statement(self._db, sql)
        return Statement._of(stmt)

    def cursor(self, factory=Cursor):
        self._check()
        cursor = factory(self)
        if not issubclass(type(cursor), Cursor):    # the real type, as PyObject_TypeCheck
            raise TypeError("factory must return a cursor, not " + type(cursor).__name__)
        if self.row_factory is not None and cursor.row_factory is None:
            cursor.row_factory = self.row_factory
        return cursor

    def execute(self, *args, **kwargs):
        """execute(sql, parameters=(), /): a new cursor's execute."""
        sql, parameters = _execute_args("Connection", args, kwargs)
        return self.cursor().execute(sql, parameters)

    def executemany(self, *args, **kwargs):
        """executemany(sql, parameters, /): a new cursor's executemany."""
        sql, parameters = _executemany_args("Connection", args, kwargs)
        return self.cursor().executemany(sql, parameters)

    def executescript(self, *args, **kwargs):
        """executescript(sql_script, /): a new cursor's executescript."""
        return self.cursor().executescript(_script_arg("Connection", args, kwargs))

    def commit(self):
        self._check()
        if self.in_transaction:
            self._run("COMMIT")

    def rollback(self):
        self._check()
        if self.in_transaction:
            self._run("ROLLBACK")

    def close(self):
        self._check_thread()
        self._check_initialized()
        if self._closed:
            return
        self._closed = True
        for blob in list(self._blobs):
            blob.close()
        for stmt in self._cache.values():
            stmt.finalize()
        self._cache.clear()
        # close_v2 defers the close until statements still held by cursors are finalized;
        # SQLite rolls back an open transaction when it closes.
        _L.pj_sqlite_close(self._db)
        self._db = None
        self._aggregates.clear()

    def _close_for_reinit(self):
        """close() for __init__ on a live connection: a statement a cursor still reads
        keeps going (finalized when the cursor lets it go; close_v2 waits for it), as
        CPython's statements live on while referenced."""
        if self._closed:
            return
        self._closed = True
        for blob in list(self._blobs):
            blob.close()
        for stmt in self._cache.values():
            if stmt.in_use:
                stmt.cached = False     # finalized on release
            else:
                stmt.finalize()
        self._cache.clear()
        _L.pj_sqlite_close(self._db)
        self._db = None
        self._aggregates.clear()

    def __del__(self):
        if getattr(self, "_closed", True) is False:
            self._closed = True
            for stmt in self._cache.values():
                stmt.finalize()
            _L.pj_sqlite_close(self._db)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            self.commit()
        else:
            self.rollback()
        return False

    def interrupt(self):
        if self._closed:
            raise ProgrammingError("Cannot operate on a closed database.")
        _bridge.native.check(_L.pj_sqlite_interrupt(self._db))

    @property
    def in_transaction(self):
        self._check()
        flag = _bridge.c_int()
        _bridge.native.check(_L.pj_sqlite_autocommit(self._db, _bridge.byref(flag)))
        return not flag.value

    @in_transaction.setter
    def in_transaction(self, value):
        raise AttributeError("attribute 'in_transaction' of 'sqlite3.Connection' objects is not writable")

    @property
    def total_changes(self):
        self._check()
        return self._counters()[1]

    @total_changes.setter
    def total_changes(self, value):
        raise AttributeError("attribute 'total_changes' of 'sqlite3.Connection' objects is not writable")

    @property
    def isolation_level(self):
        self._check()
        return self._isolation_level

    @isolation_level.setter
    def isolation_level(self, level):
        self._check()
        level = _check_isolation_level(level)
        if level is None and self.in_transaction:
            self._run("COMMIT")
        self._isolation_level = level
        self._begin = "BEGIN " + level if level is not None else None

    # -- user-defined functions

    def _report(self, exc, source):
        """After the callback `source` failed with exc: with enable_callback_tracebacks(True),
        CPython hands exc to sys.unraisablehook ("Exception ignored in: <source>")."""
        if _callback_tracebacks:
            _write_unraisable(exc, source)

    def _fail(self, ctx, message, exc, source):
        self._report(exc, source)
        _bridge.set_error(ctx, message, exc)

    def create_function(self, name, narg, func, *, deterministic=False):
        """Register func as the SQL function name taking narg arguments (-1: any)."""
        self._check()
        flags = _bridge.DETERMINISTIC if deterministic else 0
        reader = _bridge.ValueReader()
        fail = self._fail

        def call(ctx, argc, argv):
            try:
                args = [reader.read(argv[i]) for i in range(argc)]
                _bridge.set_result(ctx, func(*args))
            except Exception as exc:
                fail(ctx, "user-defined function raised exception", exc, func)

        callback = _bridge.FUNC(call) if func is not None else None
        self._register("create_function", name, narg, flags, callback, None, None)

    def _aggregate_callbacks(self, aggregate_class):
        """SQLite callbacks (step, final, value, inverse) running instances of
        aggregate_class, one instance per aggregate invocation, with CPython's
        error messages."""
        reader = _bridge.ValueReader()
        instances = self._aggregates
        fail = self._fail

        def instance_of(ctx):
            slot = _bridge.aggregate_slot(ctx, False)
            return instances.get(slot.value) if slot is not None else None

        def step(ctx, argc, argv):
            try:
                slot = _bridge.aggregate_slot(ctx, True)
                if slot.value == 0:
                    try:
                        instance = aggregate_class()
                    except Exception as exc:
                        fail(ctx, "user-defined aggregate's '__init__' method raised error", exc, aggregate_class)
                        return
                    key = self._next_key
                    self._next_key += 1
                    instances[key] = instance
                    slot.value = key
                instance = instances[slot.value]
                try:
                    method = instance.step
                except AttributeError as exc:
                    fail(ctx, "user-defined aggregate's 'step' method not defined", exc, aggregate_class)
                    return
                method(*[reader.read(argv[i]) for i in range(argc)])
            except Exception as exc:
                fail(ctx, "user-defined aggregate's 'step' method raised error", exc, aggregate_class)

        def inverse(ctx, argc, argv):
            try:
                instance = instance_of(ctx)
                try:
                    method = instance.inverse
                except AttributeError as exc:
                    fail(ctx, "user-defined aggregate's 'inverse' method not defined", exc, aggregate_class)
                    return
                method(*[reader.read(argv[i]) for i in range(argc)])
            except Exception as exc:
                fail(ctx, "user-defined aggregate's 'inverse' method raised error", exc, aggregate_class)

        def value(ctx):
            try:
                instance = instance_of(ctx)
                try:
                    method = instance.value
                except AttributeError as exc:
                    fail(ctx, "user-defined aggregate's 'value' method not defined", exc, aggregate_class)
                    return
                _bridge.set_result(ctx, method())
            except Exception as exc:
                fail(ctx, "user-defined aggregate's 'value' method raised error", exc, aggregate_class)

        def final(ctx):
            try:
                slot = _bridge.aggregate_slot(ctx, False)
                instance = instances.pop(slot.value, None) if slot is not None else None
                if instance is None:    # no rows, or __init__ failed: NULL
                    _bridge.set_result(ctx, None)
                    return
                _bridge.set_result(ctx, instance.finalize())
            except AttributeError as exc:
                fail(ctx, "user-defined aggregate's 'finalize' method not defined", exc, aggregate_class)
            except Exception as exc:
                fail(ctx, "user-defined aggregate's 'finalize' method raised error", exc, aggregate_class)

        return (_bridge.FUNC(step), _bridge.FINAL(final), _bridge.FINAL(value), _bridge.FUNC(inverse))

    def create_aggregate(self, name, n_arg, aggregate_class):
        """Register aggregate_class (step(*args), finalize()) as the SQL aggregate name."""
        self._check()
        if aggregate_class is None:
            self._register("create_aggregate", name, n_arg, 0, None, None, None)
        else:
            step, final, _value, _inverse = self._aggregate_callbacks(aggregate_class)
            self._register("create_aggregate", name, n_arg, 0, None, step, final)

    def create_window_function(self, name, num_params, aggregate_class, /):
        """Register aggregate_class (step, inverse, value, finalize) as the aggregate
        window function name; None deletes it."""
        self._check()
        if not isinstance(name, str):
            raise TypeError(f"create_window_function() argument 1 must be str, not {type(name).__name__}")
        num_params = _operator.index(num_params)
        if not -_C_INT_LIMIT <= num_params < _C_INT_LIMIT:
            raise OverflowError("Python int too large to convert to C int")
        data = name.encode("utf-8")
        if b"\0" in data:
            raise ValueError("embedded null character")
        callbacks = self._aggregate_callbacks(aggregate_class) if aggregate_class is not None \
            else (None, None, None, None)
        as_ptr = lambda cb: _bridge.ctypes.cast(cb, _bridge.c_void_p) if cb is not None else None
        rc = _L.pj_sqlite_create_window_function(self._db, data, len(data), num_params, 0, None,
                                                 *[as_ptr(cb) for cb in callbacks])
        if rc == -_errno.ENOSYS:   # SQLite before 3.25
            raise NotSupportedError("create_window_function() requires SQLite 3.25.0 or higher")
        if rc != 0:
            _bridge.native.check(rc)
            raise ProgrammingError(_bridge.errstr(rc))
        self._callbacks.extend(cb for cb in callbacks if cb is not None)

    def create_collation(self, name, callable, /):
        """Register callable(a, b) -> int as the collation name (None deletes it).

        As in CPython, an exception in callable counts as "equal" and is raised
        again by the statement that used the collation; a result that is not an
        integer counts as "equal"."""
        self._check()
        if not isinstance(name, str):
            raise TypeError(f"create_collation() argument 1 must be str, not {type(name).__name__}")
        if callable is not None and not _callable(callable):
            raise TypeError("parameter must be callable")
        data = name.encode("utf-8")
        if b"\0" in data:
            raise ValueError("embedded null character")
        string_at = _bridge.string_at
        conn = self

        def compare(app, len_a, a, len_b, b):
            try:
                result = callable(string_at(a, len_a).decode("utf-8") if len_a else "",
                                  string_at(b, len_b).decode("utf-8") if len_b else "")
            except BaseException as exc:
                if conn._callback_error is None:
                    conn._callback_error = exc
                return 0
            try:
                result = _operator.index(result)
            except Exception:   # a non-integer result means "equal", silently (as CPython)
                return 0
            return (result > 0) - (result < 0)

        callback = _bridge.COLLATE(compare) if callable is not None else None
        pointer = _bridge.ctypes.cast(callback, _bridge.c_void_p) if callback is not None else None
        rc = _L.pj_sqlite_create_collation(self._db, data, len(data), None, pointer)
        if rc != 0:
            _bridge.native.check(rc)
            raise _db_error(self._db)
        if callback is not None:
            self._callbacks.append(callback)

    def _raise_callback_error(self):
        """Raise (once) the exception a collation swallowed during the last step."""
        exc, self._callback_error = self._callback_error, None
        if exc is not None:
            raise exc

    def backup(self, target, *, pages=-1, progress=None, name="main", sleep=0.250):
        """Copy database name of this connection into target's main database,
        pages at a time (<= 0: all at once), calling progress(status, remaining,
        total) after each step and sleeping `sleep` seconds while it is busy."""
        self._check()
        if not isinstance(target, Connection):
            raise TypeError(f"backup() argument 'target' must be sqlite3.Connection, "
                            f"not {type(target).__name__}")
        if target is self:
            raise ValueError("target cannot be the same connection instance")
        target._check()
        if progress is not None and not _callable(progress):
            raise TypeError("progress argument must be a callable")
        if not isinstance(name, str):
            raise TypeError(f"backup() argument 'name' must be str, not {type(name).__name__}")
        pages = _operator.index(pages)
        if pages <= 0:
            pages = -1
        pause = max(float(sleep), 0.0)
        dest, src = b"main", name.encode("utf-8")
        handle = _bridge.c_void_p()
        rc = _L.pj_sqlite_backup_init(target._db, dest, len(dest), self._db, src, len(src),
                                      _bridge.byref(handle))
        if rc != 0:
            _bridge.native.check(rc)
            raise _db_error(target._db)
        remaining, total = _bridge.c_int(), _bridge.c_int()
        busy = (_bridge.RESULT_CODES["SQLITE_BUSY"], _bridge.RESULT_CODES["SQLITE_LOCKED"])
        while True:
            rc = _L.pj_sqlite_backup_step(handle, pages, _bridge.byref(remaining), _bridge.byref(total))
            if progress is not None:
                try:
                    progress(rc, remaining.value, total.value)
                except BaseException:
                    _L.pj_sqlite_backup_finish(handle)
                    raise
            if rc in busy:
                _time.sleep(pause)
            elif rc != _bridge.OK:
                break
        rc = _L.pj_sqlite_backup_finish(handle)
        if rc != 0:
            _bridge.native.check(rc)
            raise _db_error(target._db)

    def set_trace_callback(self, trace_callback):
        """Call trace_callback(sql) with the text of every statement SQLite runs
        (bound values inlined); None stops tracing. Its exceptions are ignored."""
        self._check()
        if trace_callback is None:
            rc = _L.pj_sqlite_trace(self._db, 0, None, None)
            self._trace_callback = None
        else:
            report = self._report
            string_at, free = _bridge.string_at, _L.pj_sqlite_free
            text, size = _bridge.c_void_p(), _bridge.c_int64()
            refs = (_bridge.byref(text), _bridge.byref(size))

            def on_trace(event, app, statement, sql):
                if event != _bridge.TRACE_STMT:
                    return 0
                try:
                    if _L.pj_sqlite_expanded_sql(statement, *refs) == 0:
                        try:
                            line = string_at(text.value, size.value).decode("utf-8")
                        finally:
                            free(text.value)
                    else:
                        line = string_at(sql).decode("utf-8")
                    trace_callback(line)
                except Exception as exc:
                    report(exc, trace_callback)
                return 0

            callback = _bridge.TRACE(on_trace)
            rc = _L.pj_sqlite_trace(self._db, _bridge.TRACE_STMT,
                                    _bridge.ctypes.cast(callback, _bridge.c_void_p), None)
            self._trace_callback = callback
        if rc != 0:
            _bridge.native.check(rc)
            raise _db_error(self._db)

    def set_authorizer(self, authorizer_callback):
        """Call authorizer_callback(action, arg1, arg2, dbname, source) while statements
        compile; it returns SQLITE_OK, SQLITE_DENY or SQLITE_IGNORE. An exception or a
        result that is not an int denies, as in CPython. None removes it."""
        self._check()
        if authorizer_callback is None:
            callback = None
        else:
            report = self._report

            def text(value):
                return value.decode("utf-8") if value is not None else None

            def authorize(app, action, arg1, arg2, dbname, source):
                try:
                    result = authorizer_callback(action, text(arg1), text(arg2), text(dbname), text(source))
                except Exception as exc:
                    report(exc, authorizer_callback)
                    return SQLITE_DENY
                if not isinstance(result, int) or not -_C_INT_LIMIT <= result < _C_INT_LIMIT:
                    return SQLITE_DENY
                return result

            callback = _bridge.AUTHORIZER(authorize)
        pointer = _bridge.ctypes.cast(callback, _bridge.c_void_p) if callback is not None else None
        rc = _L.pj_sqlite_set_authorizer(self._db, pointer, None)
        if rc != 0:
            _bridge.native.check(rc)
            raise OperationalError("Error setting authorizer callback")
        self._authorizer_callback = callback

    def set_progress_handler(self, progress_handler, n):
        """Call progress_handler() every n SQLite virtual-machine steps; a true result
        (or an exception) interrupts the statement. None removes it."""
        self._check()
        n = _operator.index(n)
        if progress_handler is None:
            callback = None
        else:
            report = self._report

            def progress(app):
                try:
                    return 1 if progress_handler() else 0
                except Exception as exc:
                    report(exc, progress_handler)
                    return 1

            callback = _bridge.PROGRESS(progress)
        pointer = _bridge.ctypes.cast(callback, _bridge.c_void_p) if callback is not None else None
        _bridge.native.check(_L.pj_sqlite_progress_handler(self._db, n, pointer, None))
        self._progress_callback = callback

    def getlimit(self, category, /):
        """The connection's current limit for category (an SQLITE_LIMIT_* constant)."""
        return self._limit(category, -1)

    def setlimit(self, category, limit, /):
        """Set the limit for category (a negative limit leaves it); returns the old one."""
        return self._limit(category, _operator.index(limit))

    def _limit(self, category, new_value):
        self._check()
        category = _operator.index(category)
        if not -_C_INT_LIMIT <= new_value < _C_INT_LIMIT:
            raise OverflowError("Python int too large to convert to C int")
        old = _bridge.c_int()
        if not 0 <= category < _C_INT_LIMIT or \
                _L.pj_sqlite_limit(self._db, category, new_value, _bridge.byref(old)) != 0:
            raise ProgrammingError("'category' is out of bounds")
        return old.value

    def serialize(self, *args, name="main"):
        """serialize(*, name='main'): the database name as bytes (what a file of it holds)."""
        if args:
            raise TypeError("serialize() takes no positional arguments")
        self._check()
        data = _utf8_name(name)
        out, size, owned = _bridge.c_void_p(), _bridge.c_int64(), _bridge.c_int()
        rc = _L.pj_sqlite_serialize(self._db, data, len(data), _bridge.byref(out),
                                    _bridge.byref(size), _bridge.byref(owned))
        if rc == -_errno.ENOSYS:
            raise NotSupportedError("serialize() requires SQLite 3.23.0 or higher")
        if rc != 0:
            raise OperationalError(f"unable to serialize '{name}'")
        try:
            return _bridge.string_at(out.value, size.value) if size.value else b""
        finally:
            if owned.value:
                _L.pj_sqlite_free(out.value)

    def deserialize(self, data, /, *, name="main"):
        """Replace database name by an in-memory copy of data (bytes-like)."""
        self._check()
        if isinstance(data, str):
            data = data.encode("utf-8")
        data = _contiguous_bytes(data)
        schema = _utf8_name(name)
        rc = _L.pj_sqlite_deserialize(self._db, schema, len(schema), data, len(data))
        if rc == -_errno.ENOSYS:
            raise NotSupportedError("deserialize() requires SQLite 3.23.0 or higher")
        if rc == -_errno.ENOMEM:   # also what SQLite's allocator answers for 0 bytes
            raise MemoryError()
        if rc != 0:
            _bridge.native.check(rc)
            message, code = _bridge.errmsg(self._db)
            if code == 0:       # SQLite left no error on the connection
                raise OperationalError(_bridge.errstr(rc))
            raise _db_error(self._db)

    def blobopen(self, table, column, row, /, *, readonly=False, name="main"):
        """A Blob for incremental I/O on the value in column of row (rowid) of table."""
        self._check()
        for what, value in (("table", table), ("column", column)):
            if not isinstance(value, str):
                raise TypeError(f"blobopen() argument '{what}' must be str, not {type(value).__name__}")
        row = _operator.index(row)
        if not -_C_LONG_LIMIT <= row < _C_LONG_LIMIT:
            raise OverflowError("Python int too large to convert to C long")
        schema, table_b, column_b = _utf8_name(name), _utf8_name(table), _utf8_name(column)
        handle = _bridge.c_void_p()
        rc = _L.pj_sqlite_blob_open(self._db, schema, len(schema), table_b, len(table_b),
                                    column_b, len(column_b), row, 0 if readonly else 1,
                                    _bridge.byref(handle))
        if rc != 0:
            _bridge.native.check(rc)
            raise _db_error(self._db)
        size = _bridge.c_int()
        _bridge.native.check(_L.pj_sqlite_blob_bytes(handle.value, _bridge.byref(size)))
        blob = Blob._open(self, handle.value, size.value)
        self._blobs.add(blob)
        return blob

    def iterdump(self):
        """The database as SQL text, statement by statement (as CPython's sqlite3.dump)."""
        self._check()
        return _dump_lines(self)

    def _register(self, api, name, narg, flags, func, step, final):
        if not isinstance(name, str):
            raise TypeError(f"{api}() argument 'name' must be str, not {type(name).__name__}")
        narg = _operator.index(narg)
        if not -_C_INT_LIMIT <= narg < _C_INT_LIMIT:
            raise OverflowError("Python int too large to convert to C int")
        data = name.encode("utf-8")
        if b"\0" in data:
            raise ValueError("embedded null character")
        if not -1 <= narg <= 127:   # SQLite refuses these (SQLITE_MISUSE)
            raise OperationalError("Error creating function")
        as_ptr = lambda cb: _bridge.ctypes.cast(cb, _bridge.c_void_p) if cb is not None else None
        rc = _L.pj_sqlite_create_function(self._db, data, len(data), narg, flags, None,
                                          as_ptr(func), as_ptr(step), as_ptr(final))
        if rc != 0:
            _bridge.native.check(rc)
            raise OperationalError("Error creating function")
        self._callbacks.extend(cb for cb in (func, step, final) if cb is not None)


_INT_MAX = (1 << 31) - 1


def _c_int(value):
    """`value` as CPython's argument clinic takes a C int (_PyLong_AsInt)."""
    value = _operator.index(value)
    if not -_INT_MAX - 1 <= value <= _INT_MAX:
        raise OverflowError("Python int too large to convert to C int")
    return value


class Blob:
    """Incremental I/O on one BLOB value (Connection.blobopen): a file-like object
    (read, write, seek, tell) that is also indexable by position and slice. Its size
    is fixed; writes never grow it."""
    __module__ = "sqlite3"
    __slots__ = ("_connection", "_handle", "_offset", "_length", "__weakref__")

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'sqlite3.Blob' instances")

    @classmethod
    def _open(cls, connection, handle, length):
        self = object.__new__(cls)
        self._connection = connection
        self._handle = handle
        self._offset = 0
        self._length = length
        return self

    __iter__ = None   # indexable, but not iterable (as CPython's Blob)
    __hash__ = object.__hash__

    def _check(self):
        self._connection._check()
        if self._handle is None:
            raise ProgrammingError("Cannot operate on a closed blob.")

    def _read(self, n, offset):
        if n <= 0:
            return b""
        buf = (_bridge.ctypes.c_char * n)()
        rc = _L.pj_sqlite_blob_read(self._handle, buf, n, offset)
        if rc != 0:
            _bridge.native.check(rc)
            raise _db_error(self._connection._db)
        return buf.raw

    def _write(self, data, offset):
        rc = _L.pj_sqlite_blob_write(self._handle, data, len(data), offset)
        if rc != 0:
            _bridge.native.check(rc)
            raise _db_error(self._connection._db)

    def close(self):
        """Close the blob; later operations raise ProgrammingError."""
        self._connection._check_thread()
        handle, self._handle = self._handle, None
        if handle is not None:
            _L.pj_sqlite_blob_close(handle)

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle is not None:
            self._handle = None
            _L.pj_sqlite_blob_close(handle)

    def __len__(self):
        self._check()
        return self._length

    def read(self, length=-1, /):
        """Up to length bytes from the current offset (all that is left if length < 0)."""
        self._check()
        length = _operator.index(length)
        left = self._length - self._offset
        if length < 0 or length > left:
            length = left
        data = self._read(length, self._offset)
        self._offset += length
        return data

    def write(self, data, /):
        """Write data at the current offset; the blob cannot grow."""
        self._check()
        if isinstance(data, str) or not _is_buffer(data):
            raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'")
        data = _contiguous_bytes(data)
        if len(data) > self._length - self._offset:
            raise ValueError("data longer than blob length")
        self._write(data, self._offset)
        self._offset += len(data)

    def tell(self):
        self._check()
        return self._offset

    def seek(self, offset, origin=0, /):
        """Move the offset (origin os.SEEK_SET, os.SEEK_CUR or os.SEEK_END)."""
        self._check()
        offset = _c_int(offset)
        if origin == 0:
            target = offset
        elif origin == 1:
            if offset > _INT_MAX - self._offset:
                raise OverflowError("seek offset results in overflow")
            target = self._offset + offset
        elif origin == 2:
            if offset > _INT_MAX - self._length:
                raise OverflowError("seek offset results in overflow")
            target = self._length + offset
        else:
            raise ValueError("'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END")
        if not 0 <= target <= self._length:
            raise ValueError("offset out of blob range")
        self._offset = target

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc_info):
        self._check()
        self.close()
        return False

    def _index(self, key):
        if not isinstance(key, int):
            key = _operator.index(key)
        if not -(1 << 63) <= key < (1 << 63):     # CPython: a Py_ssize_t, else IndexError
            raise IndexError(f"cannot fit '{type(key).__name__}' into an index-sized integer")
        if key < 0:
            key += self._length
        if not 0 <= key < self._length:
            raise IndexError("Blob index out of range")
        return key

    def __getitem__(self, key):
        self._check()
        if isinstance(key, slice):
            start, stop, step = key.indices(self._length)
            if step == 1:
                return self._read(stop - start, start) if stop > start else b""
            return self._read(self._length, 0)[start:stop:step]
        if not hasattr(key, "__index__"):
            raise TypeError("Blob indices must be integers")
        return self._read(1, self._index(key))[0]

    def __setitem__(self, key, value):
        self._check()
        if isinstance(key, slice):
            start, stop, step = key.indices(self._length)
            if isinstance(value, str) or not _is_buffer(value):
                raise TypeError(f"a bytes-like object is required, not '{type(value).__name__}'")
            value = _contiguous_bytes(value)
            span = range(start, stop, step)
            if len(value) != len(span):
                raise IndexError("Blob slice assignment is wrong size")
            if not span:
                return
            if step == 1:
                self._write(value, start)
            else:
                whole = bytearray(self._read(self._length, 0))
                whole[start:stop:step] = value
                self._write(bytes(whole), 0)
            return
        if not hasattr(key, "__index__"):
            raise TypeError("Blob indices must be integers")
        index = self._index(key)
        byte = _operator.index(value)
        if not 0 <= byte < 256:
            raise ValueError("byte must be in range(0, 256)")
        self._write(bytes((byte,)), index)

    def __delitem__(self, key):
        self._check()
        raise TypeError("Blob doesn't support item deletion")


def _contiguous_bytes(value):
    """The bytes of a bytes-like object, which must be C-contiguous (CPython asks for a
    simple buffer: BufferError otherwise)."""
    view = memoryview(value)
    if not view.c_contiguous:
        raise BufferError("memoryview: underlying buffer is not C-contiguous")
    return view.tobytes()


def _is_buffer(value):
    try:
        memoryview(value)
    except TypeError:
        return False
    return True


def _utf8_name(name):
    if not isinstance(name, str):
        raise TypeError(f"argument 'name' must be str, not {type(name).__name__}")
    data = name.encode("utf-8")
    if b"\0" in data:
        raise ValueError("embedded null character")
    return data


def _not_supported(method):
    def refuse(self, *args, **kwargs):
        raise NotSupportedError(f"protojit's sqlite3 does not support Connection.{method}() yet")
    refuse.__name__ = refuse.__qualname__ = method
    refuse.__doc__ = f"Not available in protojit's sqlite3 (raises NotSupportedError)."
    return refuse


for _method in ("enable_load_extension", "load_extension"):
    setattr(Connection, _method, _not_supported(_method))
del _method


def _quote_ident(name):
    return name.replace('"', '""')


def _dump_lines(conn):
    """Generator behind Connection.iterdump: schema and rows of every table, then
    indexes, triggers and views, inside one BEGIN TRANSACTION ... COMMIT."""
    cur = conn.cursor()
    yield "BEGIN TRANSACTION;"
    tables = cur.execute('SELECT "name", "type", "sql" FROM "sqlite_master" '
                         'WHERE "sql" NOT NULL AND "type" == \'table\' ORDER BY "name"').fetchall()
    sequence = []
    for table, _kind, sql in tables:
        if table == "sqlite_sequence":
            # Re-created by AUTOINCREMENT tables; its counters are restored last.
            sequence.append('DELETE FROM "sqlite_sequence";')
            for seq_name, seq_value in cur.execute('SELECT * FROM "sqlite_sequence";').fetchall():
                sequence.append(f"INSERT INTO \"sqlite_sequence\" VALUES('{seq_name}',{seq_value});")
            continue
        if table == "sqlite_stat1":
            yield 'ANALYZE "sqlite_master";'
        elif table.startswith("sqlite_"):
            continue
        else:
            yield f"{sql};"
        ident = _quote_ident(table)
        columns = [str(info[1]) for info in cur.execute(f'PRAGMA table_info("{ident}")').fetchall()]
        values = ",".join(f"'||quote(\"{_quote_ident(column)}\")||'" for column in columns)
        for (line,) in cur.execute(f"SELECT 'INSERT INTO \"{ident}\" VALUES({values})' FROM \"{ident}\";"):
            yield f"{line};"
    others = cur.execute('SELECT "name", "type", "sql" FROM "sqlite_master" '
                         'WHERE "sql" NOT NULL AND "type" IN (\'index\', \'trigger\', \'view\')').fetchall()
    for _name, _kind, sql in others:
        yield f"{sql};"
    yield from sequence
    yield "COMMIT;"


def connect(*args, **kwargs):
    """connect(database, timeout=5.0, detect_types=0, isolation_level='', check_same_thread=True,
    factory=Connection, cached_statements=128, uri=False)

    Open a connection to the SQLite database file `database` (or ':memory:'). As in
    CPython, factory (default Connection) is called with the arguments as given."""
    factory = args[5] if len(args) > 5 else kwargs.get("factory", Connection)
    if not args and "database" not in kwargs:
        raise TypeError("Connection() missing required argument 'database' (pos 1)")
    return factory(*args, **kwargs)


def __reduce_ex__(self, protocol):
    # CPython's C types: pickle protocols 2 and up refuse them; 0 and 1 take copyreg's
    # path, which refuses a Row (it has its own __new__) and pickles the others' bare class
    if protocol >= 2 or type(self) is Row:
        name = f"sqlite3.{type(self).__name__}" if protocol >= 2 else type(self).__name__
        raise TypeError(f"cannot pickle {name!r} object")
    import copyreg
    return copyreg._reconstructor, (type(self), object, None)


# The interpreter's own messages name these types as CPython's C types ('sqlite3.Row').
for _cls in (Connection, Cursor, Row, Blob, Statement, PrepareProtocol):
    if _cls is not PrepareProtocol:
        _cls.__reduce_ex__ = __reduce_ex__
    _set_c_type_name(_cls, "sqlite3." + _cls.__name__)
    _make_immutable(_cls)       # as CPython's C types: no class attribute assignment
del _cls, __reduce_ex__
