"""Errors of the native tier, and the status codes native code returns.

Compile time: `Unsupported(feature, filename, line)` says why a function stays
in tier 0. Run time: every native function returns a status; 0 is success,
`ST_DEOPT` asks the caller to re-run the call in tier 0 (only ever returned
before any side effect, see compiler.py), and every other code names one guest
exception with CPython's exact type and message. Codes whose message needs run
time values (numpy's index error) read them from the i64 error payload that
each native call receives.
"""
from __future__ import annotations


class Unsupported(Exception):
    """A construct the native tier does not compile; the function stays in tier 0."""

    def __init__(self, feature: str, filename: str = "<unknown>", line: int = 0):
        super().__init__(f"{filename}:{line}: unsupported: {feature}")
        self.feature = feature
        self.filename = filename
        self.line = line


class LoweringError(Exception):
    """A bug met while lowering one op: names the op (as pprint prints it) and the guest
    line, so a codegen crash points at guest source (tiering.py records it as a reject)."""

    def __init__(self, op_text: str, filename: str, line: int, cause: BaseException):
        super().__init__(f"{filename}:{line}: while lowering `{op_text}`: "
                         f"{type(cause).__name__}: {cause}")
        self.op_text = op_text
        self.filename = filename
        self.line = line


ST_OK = 0
ST_DEOPT = 1
ST_PYERR = 1000     # object code: a CPython exception is set (lowerobj.py)

# code -> (exception class, message or None when built from the payload)
_EXCEPTIONS: list[tuple[type, str | None]] = [
    (ZeroDivisionError, "division by zero"),
    (ZeroDivisionError, "integer division or modulo by zero"),
    (ZeroDivisionError, "integer modulo by zero"),
    (ZeroDivisionError, "float division by zero"),
    (ZeroDivisionError, "float floor division by zero"),
    (ZeroDivisionError, "float modulo"),
    (ZeroDivisionError, "0.0 cannot be raised to a negative power"),
    (ValueError, "negative shift count"),
    (ValueError, "math domain error"),
    (OverflowError, "math range error"),
    (ValueError, "cannot convert float NaN to integer"),
    (OverflowError, "cannot convert float infinity to integer"),
    (ValueError, "range() arg 3 must not be zero"),
    (OverflowError, "(34, 'Numerical result out of range')"),
    (IndexError, None),  # numpy: index {p0} is out of bounds for axis {p1} with size {p2}
    (IndexError, "tuple index out of range"),
    (ValueError, "max() arg is an empty sequence"),
    (ValueError, "min() arg is an empty sequence"),
    (MemoryError, "native undo log"),   # realloc failed while logging an array store
    (UnboundLocalError, "unbound local"),  # message built from the name (compiler.py)
    (KeyboardInterrupt, "signal handler raised"),  # the handler's own exception (compiler.py)
    # object code: a range() loop of more than 2**63-1 items (CPython would run it; no
    # program finishes such a loop, but one could break out of it early)
    (OverflowError, "Python int too large to convert to C ssize_t"),
]

STATUS: dict[str, int] = {}
for _i, (_cls, _msg) in enumerate(_EXCEPTIONS):
    STATUS[_msg if _msg is not None else "np index"] = _i + 2


def status_of(message: str) -> int:
    """The status code for one of the messages above (a KeyError is a bug)."""
    return STATUS[message]


def exception_for(status: int, payload) -> BaseException:
    """Build the guest exception for a non-OK, non-deopt status."""
    cls, msg = _EXCEPTIONS[status - 2]
    if msg is None:
        msg = f"index {payload[0]} is out of bounds for axis {payload[1]} with size {payload[2]}"
    return cls(msg)
