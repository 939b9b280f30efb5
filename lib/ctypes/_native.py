"""Bottom layer of the guest ctypes package: libraries, raw memory, foreign calls.

In: requests from lib/ctypes/__init__.py (open a library, find a symbol, get memory,
read or write bytes at an address, call a function of a C signature). Out: handles,
addresses (Python ints), buffers and C results. Only this module touches the host.

- Libraries: runtime_c/dl.c (`pj_dlopen`/`pj_dlsym`/`pj_dlerror`) through
  `protojit.native`, which is how every guest lib module reaches the C runtime.
- Calls: `protojit.ffi` compiles one llvmlite call stub per C signature and
  one thunk per callback; the foreign function is never called through the host
  ctypes module.
- Memory: a ctypes object's storage is a host `c_char` array (zeroed, freed by the
  host GC with its owner), or a window of the same type over foreign memory at an
  address, made by `protojit.ctypesprims` (host code, like threadprims for _thread). The host ctypes module serves here only as a typed buffer over an
  address (the buffer protocol is what `struct.pack_into`/`unpack_from` read and
  write); no foreign call goes through it.
"""
from protojit import ctypesprims as _prims
from protojit import ffi as _ffi
from protojit import native as _pjnative
from protojit.hostmods import host_import

_hc = host_import("ctypes")
_os = host_import("os")
_errno = host_import("errno")

RTLD_LOCAL = _os.RTLD_LOCAL
RTLD_GLOBAL = _os.RTLD_GLOBAL
RTLD_LAZY = _os.RTLD_LAZY
RTLD_NOW = _os.RTLD_NOW

_ENOENT = _errno.ENOENT
host_ctypes = _hc      # (lib/ctypes' PyDLL: the CPython C API goes through the host's)
_HOST_SIMPLE = {t._type_: t for t in (
    _hc.c_byte, _hc.c_ubyte, _hc.c_short, _hc.c_ushort, _hc.c_int, _hc.c_uint, _hc.c_long,
    _hc.c_ulong, _hc.c_float, _hc.c_double, _hc.c_longdouble, _hc.c_char, _hc.c_wchar,
    _hc.c_char_p, _hc.c_wchar_p, _hc.c_void_p, _hc.py_object, _hc.c_bool)}


def host_simple_type(code):
    """The host ctypes simple type of type code `code` (c_ulong for 'L', ...)."""
    return _HOST_SIMPLE[code]

# CPython's _ctypes._unpickle(type, (dict, bytes)): type.__new__ then __setstate__; a
# ctypes object pickles with it, so its pickles are CPython's and load on either.
unpickle = host_import("_ctypes")._unpickle
_rt = None


def _lib():
    global _rt
    if _rt is None:
        _rt = _pjnative.lib()
    return _rt


def dlerror(default):
    """This thread's last pj_dl* failure message (runtime_c/dl.c), or `default`."""
    buf = _hc.create_string_buffer(1024)
    n = _hc.c_size_t()
    if _lib().pj_dlerror(buf, 1024, _hc.byref(n)) != 0:
        return default
    return buf.value.decode("utf-8", "replace")


def dlopen(path, mode):
    """Handle (an int) of the library at `path` (None: the program itself); OSError if missing."""
    if mode & (RTLD_LAZY | RTLD_NOW) == 0:
        mode |= RTLD_NOW
    handle = _hc.c_void_p()
    encoded = None if path is None else _os.fsencode(path)
    rc = _lib().pj_dlopen(encoded, mode, _hc.byref(handle))
    if rc == -_ENOENT:
        raise OSError(dlerror(f"{path}: cannot open shared object file"))
    _pjnative.check(rc)
    return handle.value or 0


def dlsym(handle, name):
    """Address of symbol `name` in `handle`; AttributeError (dlerror's message) if missing."""
    addr = _hc.c_void_p()
    rc = _lib().pj_dlsym(handle or None, name.encode(), _hc.byref(addr))
    if rc == -_ENOENT:
        raise AttributeError(dlerror(f"undefined symbol: {name}"))
    _pjnative.check(rc)
    return addr.value or 0


def dlclose(handle):
    _pjnative.check(_lib().pj_dlclose(handle))


# ---- memory -----------------------------------------------------------------------

_addressof = _hc.addressof
# Object memory is made in protojit/ctypesprims.py (host code: see new_object there).
new_object = _prims.new_object
object_at = _prims.object_at
window = _prims.window
object_at_address = _prims.object_at_address
SimpleValue = _prims.SimpleValue
make_byref = _prims.make_byref


def buffer_window(source, size):
    """A buffer sharing the memory of writable buffer object `source` (pins it while alive)."""
    return _prims._char_array(size).from_buffer(source)


def alloc(size):
    """(buffer, address) of `size` new zeroed bytes owned by the buffer object."""
    buf = _prims._char_array(size)()
    return buf, _addressof(buf)


def read(buf, offset, size):
    """The `size` bytes of `buf` from `offset` as bytes."""
    return bytes(memoryview(buf).cast("B")[offset:offset + size])


def write(buf, offset, data):
    """Copy bytes-like `data` into `buf` at `offset` (the caller checks the length)."""
    memoryview(buf).cast("B")[offset:offset + len(data)] = data


def _probe_bytes_offset():
    probe = b"protojit"
    return _hc.cast(_hc.c_char_p(probe), _hc.c_void_p).value - id(probe)


# Where a bytes object's characters start, from its id (CPython keeps bytes data inline
# after a fixed header); checked once against the host's own conversion.
_BYTES_DATA = _probe_bytes_offset()


def bytes_address(data):
    """Address of the (NUL-terminated) characters of a bytes object; keep `data` alive."""
    return id(data) + _BYTES_DATA


# ---- calls ------------------------------------------------------------------------

_invokers = {}
CallPlan = _ffi.CallPlan
Aggregate = _ffi.Aggregate
ArgKind = _ffi.ArgKind
DefaultKinds = _ffi.DefaultKinds
STORED = _ffi.STORED
ADDRESS = _ffi.ADDRESS
call_entry = _ffi.call_entry


def invoker(restype, argcodes):
    """The call stub invoker for C signature (restype code, argcodes string)."""
    key = (restype, argcodes)
    inv = _invokers.get(key)
    if inv is None:
        inv = _invokers[key] = _ffi.invoker(_ffi.Signature.of(restype, argcodes))
    return inv


def callback(restype, argcodes, target, report, keep_result=False):
    """A C function pointer object (`.address`) calling target(*raw C values); with
    keep_result, target returns (raw result, an object to keep alive until the next call)."""
    return _ffi.Callback(_ffi.Signature.of(restype, argcodes), target, report, keep_result)


_errno_invokers = {}
_threading = host_import("threading")
_tls = _threading.local()


def errno_invoker(restype, argcodes):
    """Like invoker, for use_errno functions: invoke(fnaddr, *values) swaps errno."""
    key = (restype, argcodes)
    inv = _errno_invokers.get(key)
    if inv is None:
        inv = _errno_invokers[key] = _ffi.errno_invoker(_ffi.Signature.of(restype, argcodes))
    return lambda fnaddr, *values: inv(fnaddr, errno_slot(), *values)


def errno_slot():
    """Address of this thread's ctypes-private errno (4 bytes), made on first use."""
    slot = getattr(_tls, "errno", None)
    if slot is None:
        slot = _tls.errno = alloc(4)
    return slot[1]


def get_errno():
    return _hc.c_int.from_address(errno_slot()).value


def set_errno(value):
    cell = _hc.c_int.from_address(errno_slot())
    old = cell.value
    cell.value = value
    return old


_libc = {}


def _libc_fn(name, restype, argcodes):
    entry = _libc.get(name)
    if entry is None:
        entry = _libc[name] = (dlsym(0, name), invoker(restype, argcodes))
    return entry


def memmove(dst, src, count):
    addr, inv = _libc_fn("memmove", "P", "PPQ")
    return inv(addr, dst, src, count)


def memset(dst, c, count):
    addr, inv = _libc_fn("memset", "P", "PiQ")
    return inv(addr, dst, c, count)


# Reading C strings is host code (protojit/ctypesprims.py): every c_char_p value goes
# through it; strlen/wcslen are called through this module's stubs.
string_at, wstring_at = _prims.make_string_readers(_libc_fn)
