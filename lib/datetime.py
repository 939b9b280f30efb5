"""The guest `datetime` module: dates, times, durations and fixed-offset time zones.

In: guest programs (`import datetime`); lib/sqlite3's adapters. Out: objects that
behave like CPython 3.11's C `_datetime` types (the spec): the same values,
normalisation, comparisons, hashes, reprs, ISO parsing quirks and exception
messages. Below: the host `time` module (localtime/gmtime/strftime), the host
`_strptime` parser and `copyreg` (so guest values pickle with the host pickle).

Layout: plain-integer calendar helpers first (the hot arithmetic, written so the
native tier can compile it), then the ISO 8601 parser (a port of the *behaviour*
of Modules/_datetimemodule.c's parse_* functions, accepted forms included), then
the classes, then pickling support. Values are stored as small ints in slots;
no class here keeps a reference to a host datetime object.

Known differences from CPython 3.11 (all about errors or interop, not values):
- The classes are heap classes, so TypeErrors that Python itself formats name them
  'date', not 'datetime.date': operators a class does not define at all (`time + 1`,
  `date * 2`) and ordering against builtins (`date < 5`). Operators the classes do
  define, with numbers/None or this module's classes, raise CPython's exact message;
  so direct calls such as `d.__add__(1)` raise instead of returning NotImplemented.
- Argument-count and unknown-keyword errors use Python's wording, not C's.
- Pickles refer to a private module name (_protojit_guest_datetime): a protojit
  process loads them once `datetime` is imported; CPython cannot load them, and
  pickles made by CPython load as host datetime objects. No datetime_CAPI.
"""
import sys                       # CPython's C module exposes `sys` too
import sys as _sys
import time as _time
import math as _math
from operator import index as _index

from protojit.hostmods import host_import as _host_import

_copyreg = _host_import("copyreg")
_host_sys = _host_import("sys")
# CPython's C API capsule (PyDateTime_IMPORT): the host's, the only one there is. C code that
# imports it gets the host's datetime types (PyDateTime_Check is false for this module's
# objects); without it such an extension module did not import at all.
datetime_CAPI = _host_import("datetime").datetime_CAPI
del _host_import                     # not a name of CPython's module
from protojit.runtime.typenames import make_immutable as _make_immutable, set_c_type_name as _set_c_type_name

__all__ = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo",
           "MINYEAR", "MAXYEAR", "UTC")

MINYEAR = 1
MAXYEAR = 9999
_MAXORDINAL = 3652059          # date(9999, 12, 31).toordinal()
_EPOCH_ORD = 719163            # date(1970, 1, 1).toordinal()
_EPOCH_SECONDS = _EPOCH_ORD * 86400
_MAX_FOLD_SECONDS = 86400      # how far local-time probing looks for a fold (C: max_fold_seconds)
_MAX_DELTA_DAYS = 999999999
_INT_MAX = 2147483647
_INT_MIN = -2147483648

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ---------------------------------------------------------------------------------------
# Calendar arithmetic on plain ints (proleptic Gregorian; ordinal 1 is 0001-01-01).

def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    # Arithmetic instead of a table lookup keeps this compilable by the native tier:
    # months alternate 31/30 with the parity flipping at August.
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 + ((month + (month >> 3)) & 1)


def _days_before_month(year, month):
    if month == 1:
        return 0
    if month == 2:
        return 31
    return (153 * (month - 3) + 2) // 5 + 59 + (1 if _is_leap(year) else 0)


def _ymd2ord(year, month, day):
    """Ordinal of a valid (y, m, d).

    Howard Hinnant's days_from_civil: count from 0000-03-01 so the leap day ends
    each 'year'; 305 days separate 0000-03-01's index 0 from ordinal 1."""
    if month <= 2:
        year -= 1
        mp = month + 9
    else:
        mp = month - 3
    era = year // 400
    yoe = year - era * 400
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 305


def _ord2ymd(n):
    """(y, m, d) of an ordinal (Hinnant's civil_from_days, same shift as _ymd2ord)."""
    z = n + 305
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    if mp < 10:
        return yoe + era * 400, mp + 3, day
    return yoe + era * 400 + 1, mp - 9, day


def _iso_week1_monday(year):
    first = _ymd2ord(year, 1, 1)
    wd = (first + 6) % 7                 # 0 when Jan 1 is a Monday
    monday = first - wd
    if wd > 3:                           # Jan 1 on Fri/Sat/Sun: week 1 starts later
        monday += 7
    return monday


def _cint(value):
    """The C "i" argument conversion: __index__, then the C int range."""
    if type(value) is not int:
        value = _index(value)
    if value > _INT_MAX or value < _INT_MIN:
        if value > 9223372036854775807 or value < -9223372036854775808:
            raise OverflowError("Python int too large to convert to C long")
        if value > 0:
            raise OverflowError("signed integer is greater than maximum")
        raise OverflowError("signed integer is less than minimum")
    return value


def _check_c_ints(*values):
    """C parses every int argument before checking any range: report overflow first."""
    for v in values:
        _cint(v)


def _check_date_fields(year, month, day):
    if year < MINYEAR or year > MAXYEAR:
        raise ValueError("year %d is out of range" % year)
    if month < 1 or month > 12:
        raise ValueError("month must be in 1..12")
    if day < 1 or day > _days_in_month(year, month):
        raise ValueError("day is out of range for month")


def _check_time_fields(hour, minute, second, microsecond, fold):
    if hour < 0 or hour > 23:
        raise ValueError("hour must be in 0..23")
    if minute < 0 or minute > 59:
        raise ValueError("minute must be in 0..59")
    if second < 0 or second > 59:
        raise ValueError("second must be in 0..59")
    if microsecond < 0 or microsecond > 999999:
        raise ValueError("microsecond must be in 0..999999")
    if fold != 0 and fold != 1:
        raise ValueError("fold must be either 0 or 1")


def _type_name(obj):
    """What C's Py_TYPE(obj)->tp_name says: 'datetime.date', 'int', a subclass's __name__."""
    cls = type(obj)
    name = _TP_NAMES.get(cls)
    if name is not None:
        return name
    if cls.__flags__ & 512:              # Py_TPFLAGS_HEAPTYPE: tp_name is __name__
        return cls.__name__
    mod = cls.__module__
    if mod == "builtins":
        return cls.__qualname__
    return mod + "." + cls.__qualname__


def _arg_type_name(obj):
    """The type as C argument-parsing errors name it ('None' for None)."""
    return "None" if obj is None else _type_name(obj)


def _refuse(symbol, left, right, refused, other):
    """NotImplemented, or CPython's TypeError when `other` (the foreign operand) has a type
    whose side of the operation is known to decline too. Raising here names the C types as
    CPython does ('datetime.date'; heap classes would say 'date'); operands of any other
    type (user classes, subclasses) still get NotImplemented and their turn."""
    if type(other) in refused:
        raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'"
                        % (symbol, _type_name(left), _type_name(right)))
    return NotImplemented


def _cmp_refuse(symbol, left, right, refused):
    """Ordering against another of this module's classes: CPython's TypeError with the C
    type names; anything else gets NotImplemented."""
    if type(right) in refused:
        raise TypeError("'%s' not supported between instances of '%s' and '%s'"
                        % (symbol, _type_name(left), _type_name(right)))
    return NotImplemented


def _check_tzinfo_arg(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'"
                        % _type_name(tz))


def _round_half_even_div(a, b):
    """a / b rounded to the nearest int, ties to even (C: divide_nearest)."""
    if b < 0:
        a = -a
        b = -b
    q, r = divmod(a, b)
    r2 = 2 * r
    if r2 > b or (r2 == b and q & 1):
        q += 1
    return q


def _c_round(x):
    """C round(): halves away from zero, exact for doubles."""
    if x >= 0.0:
        f = _math.floor(x)
        return f + 1.0 if x - f >= 0.5 else float(f)
    f = _math.floor(-x)
    return -(f + 1.0) if -x - f >= 0.5 else -float(f)


# ---------------------------------------------------------------------------------------
# ISO 8601 parsing. CPython 3.11 parses the UTF-8 bytes of the string with a NUL after
# them and accepts exactly what its C parser accepts (including some lenient forms); this
# reproduces that behaviour on a bytes buffer padded with NULs (Modules/_datetimemodule.c:
# parse_digits, parse_isoformat_date, parse_hh_mm_ss_ff, parse_isoformat_time,
# _find_isoformat_datetime_separator).

_PAD = b"\0" * 16
_OMITTED = object()              # "argument not given" where None is a legal value
_FRACTION_SCALE = (100000, 10000, 1000, 100, 10)


def _iso_digits(buf, pos, count):
    """Value of `count` ASCII digits at pos, or -1."""
    value = 0
    end = pos + count
    while pos < end:
        c = buf[pos] - 48
        if c < 0 or c > 9:
            return -1
        value = value * 10 + c
        pos += 1
    return value


def _iso_to_ymd(iso_year, week, day):
    """(rv, y, m, d): rv -2 bad week, -3 bad weekday (C: iso_to_ymd)."""
    if week <= 0 or week >= 53:
        ok = False
        if week == 53:
            first = _c_mod(_ymd2ord(iso_year, 1, 1), 7)
            ok = first == 4 or (first == 3 and _is_leap(iso_year))
        if not ok:
            return -2, 0, 0, 0
    if day <= 0 or day >= 8:
        return -3, 0, 0, 0
    ordinal = _iso_week1_monday_trunc(iso_year) + (week - 1) * 7 + day - 1
    if ordinal < 1:
        # C walks off the start of the calendar and always ends with month <= 0.
        return 0, 1, 0, 1
    y, m, d = _ord2ymd(ordinal)
    return 0, y, m, d


def _c_mod(a, b):
    """C's % (truncating): differs from Python's only for the year-0 ordinals ISO parsing
    can reach ('0000-W01-1'); _ymd2ord(0, 1, 1) == -365 as C's days_before_year gives."""
    r = abs(a) % b
    return -r if a < 0 else r


def _iso_week1_monday_trunc(year):
    """_iso_week1_monday with C's truncating modulo (same result for years >= 1)."""
    first = _ymd2ord(year, 1, 1)
    wd = _c_mod(first + 6, 7)
    monday = first - wd
    if wd > 3:
        monday += 7
    return monday


def _parse_iso_date(buf, length):
    """(rv, y, m, d) with rv 0 on success, negative on failure."""
    year = _iso_digits(buf, 0, 4)
    if year < 0:
        return -1, 0, 0, 0
    p = 4
    sep = buf[p] == 45           # '-'
    if sep:
        p += 1
    if buf[p] == 87:             # 'W': ISO week date
        p += 1
        week = _iso_digits(buf, p, 2)
        if week < 0:
            return -3, 0, 0, 0
        p += 2
        if p < length:
            if sep:
                c = buf[p]
                p += 1
                if c != 45:
                    return -2, 0, 0, 0
            wday = _iso_digits(buf, p, 1)
            if wday < 0:
                return -4, 0, 0, 0
        else:
            wday = 1
        rv, y, m, d = _iso_to_ymd(year, week, wday)
        if rv:
            return -3 + rv, 0, 0, 0
        return 0, y, m, d
    month = _iso_digits(buf, p, 2)
    if month < 0:
        return -1, 0, 0, 0
    p += 2
    if sep:
        c = buf[p]
        p += 1
        if c != 45:
            return -2, 0, 0, 0
    day = _iso_digits(buf, p, 2)
    if day < 0:
        return -1, 0, 0, 0
    return 0, year, month, day


def _parse_hh_mm_ss_ff(buf, p, p_end):
    """(rv, h, m, s, us): rv 0 at the end of input, 1 more follows, <0 error."""
    vals = [0, 0, 0]
    has_sep = True
    i = 0
    while i < 3:
        v = _iso_digits(buf, p, 2)
        if v < 0:
            return -3, 0, 0, 0, 0
        vals[i] = v
        p += 2
        c = buf[p]
        p += 1
        if i == 0:
            has_sep = c == 58                # ':'
        if p >= p_end:
            return (1 if c != 0 else 0), vals[0], vals[1], vals[2], 0
        if has_sep and c == 58:
            i += 1
            continue
        if c == 46 or c == 44:              # '.' or ','
            break
        if not has_sep:
            p -= 1
        else:
            return -4, 0, 0, 0, 0
        i += 1
    count = p_end - p
    if count > 6:
        count = 6
    us = _iso_digits(buf, p, count)
    if us < 0:
        return -3, 0, 0, 0, 0
    p += count
    if count < 6:
        us *= _FRACTION_SCALE[count - 1]
    while 48 <= buf[p] <= 57:               # extra digits are truncated
        p += 1
    return (1 if buf[p] != 0 else 0), vals[0], vals[1], vals[2], us


def _parse_iso_time(buf, p, length):
    """(rv, h, m, s, us, tzseconds, tzus): rv 0 naive, 1 with offset, <0 error."""
    p_end = p + length
    tz = p
    while True:
        c = buf[tz]
        if c == 90 or c == 43 or c == 45:   # 'Z' '+' '-'
            break
        tz += 1
        if tz >= p_end:
            break
    rv, h, m, s, us = _parse_hh_mm_ss_ff(buf, p, tz)
    if rv < 0:
        return rv, 0, 0, 0, 0, 0, 0
    if tz == p_end:
        if rv == 1:
            return -5, 0, 0, 0, 0, 0, 0
        return 0, h, m, s, us, 0, 0
    if buf[tz] == 90:
        if buf[tz + 1] != 0:
            return -5, 0, 0, 0, 0, 0, 0
        return 1, h, m, s, us, 0, 0
    sign = -1 if buf[tz] == 45 else 1
    rv, th, tm, ts, tus = _parse_hh_mm_ss_ff(buf, tz + 1, p_end)
    if rv:
        return -5, 0, 0, 0, 0, 0, 0
    return 1, h, m, s, us, sign * (th * 3600 + tm * 60 + ts), sign * tus


def _find_iso_separator(buf, n):
    """Where the date part of a datetime string ends (C's best-effort rules)."""
    if n == 7:
        return 7
    if buf[4] == 45:
        if buf[5] == 87:
            if n < 8:
                return -1
            if n > 8 and buf[8] == 45:
                if n == 9:
                    return -1
                if n > 10 and 48 <= buf[10] <= 57:
                    return 8
                return 10
            return 8
        return 10
    if buf[4] == 87:
        idx = 7
        while idx < n and 48 <= buf[idx] <= 57:
            idx += 1
        if idx < 9:
            return idx
        return 7 if idx % 2 == 0 else 8
    return 8


def _iso_tz(rv, seconds, micro):
    if rv != 1:
        return None
    if seconds == 0:
        return timezone.utc
    return timezone(timedelta(0, seconds, micro))


def _invalid_iso(text):
    return ValueError("Invalid isoformat string: %r" % (text,))


def _iso_bytes(text):
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


# ---------------------------------------------------------------------------------------
# Formatting helpers.

def _format_offset(off, sep):
    """'+HH<sep>MM[<sep>SS[.ffffff]]' of a normalised timedelta (C: format_utcoffset)."""
    if off._days < 0:
        sign = "-"
        off = -off
    else:
        sign = "+"
    mm, ss = divmod(off._seconds, 60)
    hh, mm = divmod(mm, 60)
    us = off._microseconds
    if us:
        return "%s%02d%s%02d%s%02d.%06d" % (sign, hh, sep, mm, sep, ss, us)
    if ss:
        return "%s%02d%s%02d%s%02d" % (sign, hh, sep, mm, sep, ss)
    return "%s%02d%s%02d" % (sign, hh, sep, mm)


def _call_offset(tz, name, arg):
    """tz.utcoffset(arg) / tz.dst(arg) with C's result checks."""
    if tz is None:
        return None
    off = getattr(tz, name)(arg)
    if off is None:
        return None
    if not isinstance(off, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'"
                        % (name, _type_name(off)))
    d = off._days
    if (d == -1 and off._seconds == 0 and off._microseconds < 1) or d < -1 or d >= 1:
        raise ValueError("offset must be a timedelta strictly between -timedelta(hours=24)"
                         " and timedelta(hours=24).")
    return off


def _same_delta(a, b):
    """Field equality of two timedeltas (C's delta_cmp; ignores subclass overrides)."""
    return (a._days == b._days and a._seconds == b._seconds
            and a._microseconds == b._microseconds)


def _call_tzname(tz, arg):
    if tz is None:
        return None
    name = tz.tzname(arg)
    if name is not None and not isinstance(name, str):
        raise TypeError("tzinfo.tzname() must return None or a string, not '%s'"
                        % _type_name(name))
    return name


def _wrap_strftime(obj, fmt, timetuple, tzarg):
    """Expand %z, %Z and %f ourselves, then let the host time.strftime do the rest."""
    nul = fmt.find("\0")
    if nul >= 0:
        fmt = fmt[:nul]
    fmt.encode("utf-8")                  # C reads the UTF-8 form; surrogates fail here
    has_tz = not isinstance(obj, date) or isinstance(obj, datetime)
    tz = obj._tzinfo if has_tz else None
    parts = []
    zrep = Zrep = frep = None
    i = 0
    n = len(fmt)
    start = 0
    while i < n:
        if fmt[i] != "%":
            i += 1
            continue
        if i + 1 >= n:
            break
        ch = fmt[i + 1]
        if ch == "z":
            if zrep is None:
                zrep = ""
                if tz is not None:
                    off = _call_offset(tz, "utcoffset", tzarg)
                    if off is not None:
                        zrep = _format_offset(off, "")
            rep = zrep
        elif ch == "Z":
            if Zrep is None:
                Zrep = ""
                if tz is not None:
                    name = _call_tzname(tz, tzarg)
                    if name is not None:
                        Zrep = name.replace("%", "%%")
                        if not isinstance(Zrep, str):
                            raise TypeError("tzname.replace() did not return a string")
            rep = Zrep
        elif ch == "f":
            if frep is None:
                frep = "%06d" % (obj._microsecond if has_tz else 0)
            rep = frep
        else:
            i += 2
            continue
        parts.append(fmt[start:i])
        parts.append(rep)
        i += 2
        start = i
    parts.append(fmt[start:])
    return _time.strftime("".join(parts), timetuple)


def _struct_time(y, m, d, hh, mm, ss, dstflag):
    return _time.struct_time((y, m, d, hh, mm, ss, (_ymd2ord(y, m, d) + 6) % 7,
                              _days_before_month(y, m) + d, dstflag))


def _ctime(y, m, d, hh, mm, ss):
    wd = (_ymd2ord(y, m, d) + 6) % 7
    return "%s %s %2d %02d:%02d:%02d %04d" % (_DAY_NAMES[wd], _MONTH_NAMES[m - 1], d,
                                             hh, mm, ss, y)


def _check_format_arg(fmt, what):
    if not isinstance(fmt, str):
        raise TypeError("%s() argument 1 must be str, not %s" % (what, _arg_type_name(fmt)))


# ---------------------------------------------------------------------------------------
# Local time (the host C library's localtime through the host time module).

def _local_seconds(u):
    """Local wall-clock seconds (ordinal-based) for UTC seconds u (C: local())."""
    t = u - _EPOCH_SECONDS
    if t > 9223372036854775807 or t < -9223372036854775808:
        raise OverflowError("timestamp out of range for platform time_t")
    tm = _time.localtime(t)
    return _utc_to_seconds(tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec)


def _utc_to_seconds(y, m, d, hh, mm, ss):
    if y < MINYEAR or y > MAXYEAR:
        raise ValueError("year %i is out of range" % y)
    return ((_ymd2ord(y, m, d) * 24 + hh) * 60 + mm) * 60 + ss


def _local_to_seconds(y, m, d, hh, mm, ss, fold):
    """UTC seconds of a local wall time, honouring fold in repeated/missing hours."""
    t = _utc_to_seconds(y, m, d, hh, mm, ss)
    a = _local_seconds(t) - t
    u1 = t - a
    t1 = _local_seconds(u1)
    if t1 == t:
        u2 = u1 + _MAX_FOLD_SECONDS if fold else u1 - _MAX_FOLD_SECONDS
        b = _local_seconds(u2) - u2
        if a == b:
            return u1
    else:
        b = t1 - u1
    u2 = t - b
    t2 = _local_seconds(u2)
    if t2 == t:
        return u2
    if t1 == t:
        return u1
    return min(u1, u2) if fold else max(u1, u2)


def _local_timezone_at(timestamp):
    tm = _time.localtime(timestamp)
    return timezone(timedelta(0, tm.tm_gmtoff), tm.tm_zone)


def _timestamp_parts(ts):
    """(seconds, microseconds) of a timestamp (C: _PyTime_ObjectToTimeval)."""
    if isinstance(ts, float):
        if ts != ts:
            raise ValueError("Invalid value NaN (not a number)")
        frac, whole = _math.modf(ts)
        frac *= 1e6
        frac = _round_half_even_float(frac)
        if frac >= 1e6:
            frac -= 1e6
            whole += 1.0
        elif frac < 0:
            frac += 1e6
            whole -= 1.0
        if not (-9223372036854775808.0 <= whole < 9223372036854775808.0):
            raise OverflowError("timestamp out of range for platform time_t")
        return int(whole), int(frac)
    sec = _index(ts)
    if sec > 9223372036854775807 or sec < -9223372036854775808:
        raise OverflowError("timestamp out of range for platform time_t")
    return sec, 0


def _round_half_even_float(x):
    r = _c_round(x)
    if abs(x - r) == 0.5:
        r = 2.0 * _c_round(x / 2.0)
    return r


def _gm_or_local(sec, local):
    return _time.localtime(sec) if local else _time.gmtime(sec)


def _datetime_from_timet(cls, sec, us, tz, local):
    tm = _gm_or_local(sec, local)
    y, m, d, hh, mm = tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min
    ss = tm.tm_sec if tm.tm_sec < 59 else 59
    fold = 0
    if tz is None and local:
        result = _utc_to_seconds(y, m, d, hh, mm, ss)
        probe = _local_seconds(_EPOCH_SECONDS + sec - _MAX_FOLD_SECONDS)
        transition = result - probe - _MAX_FOLD_SECONDS
        if transition < 0:
            probe = _local_seconds(_EPOCH_SECONDS + sec + transition)
            if probe == result:
                fold = 1
    return _datetime_of_class(cls, y, m, d, hh, mm, ss, us, tz, fold)


# ---------------------------------------------------------------------------------------
# timedelta

def _delta_from_us(cls, us):
    """Normalised timedelta of a total microsecond count (C: microseconds_to_delta_ex)."""
    secs, micro = divmod(us, 1000000)
    days, secs = divmod(secs, 86400)
    if days > _INT_MAX or days < _INT_MIN:
        raise OverflowError("Python int too large to convert to C int")
    if days > _MAX_DELTA_DAYS or days < -_MAX_DELTA_DAYS:
        raise OverflowError("days=%d; must have magnitude <= %d" % (days, _MAX_DELTA_DAYS))
    self = object.__new__(cls)
    self._days = days
    self._seconds = secs
    self._microseconds = micro
    self._hashcode = -1
    return self


def _delta(days, seconds, micro):
    """Exact timedelta from components that may be out of range (C: new_delta normalising)."""
    if micro < 0 or micro >= 1000000:
        c, micro = divmod(micro, 1000000)
        seconds += c
    if seconds < 0 or seconds >= 86400:
        c, seconds = divmod(seconds, 86400)
        days += c
    if days > _MAX_DELTA_DAYS or days < -_MAX_DELTA_DAYS:
        raise OverflowError("days=%d; must have magnitude <= %d" % (days, _MAX_DELTA_DAYS))
    self = object.__new__(timedelta)
    self._days = days
    self._seconds = seconds
    self._microseconds = micro
    self._hashcode = -1
    return self


_DELTA_FACTORS = (("microseconds", 1), ("milliseconds", 1000), ("seconds", 1000000),
                  ("minutes", 60000000), ("hours", 3600000000), ("days", 86400000000),
                  ("weeks", 604800000000))


def _delta_accumulate(values):
    """Total microseconds of mixed int/float components, rounding like C's delta_new."""
    total = 0
    leftover = 0.0
    for (tag, factor), num in zip(_DELTA_FACTORS, values):
        if isinstance(num, int):
            total += num * factor
        elif isinstance(num, float):
            frac, whole = _math.modf(num)
            total += int(whole) * factor
            if frac != 0.0:
                frac, whole = _math.modf(factor * frac)
                total += int(whole)
                leftover += frac
        else:
            raise TypeError("unsupported type for timedelta %s component: %s"
                            % (tag, _type_name(num)))
    if leftover:
        whole = _c_round(leftover)
        if abs(whole - leftover) == 0.5:
            odd = total & 1
            whole = 2.0 * _c_round((leftover + odd) * 0.5) - odd
        total += int(whole)
    return total


class timedelta:
    """A duration: days, seconds (0..86399) and microseconds (0..999999)."""
    __slots__ = ("_days", "_seconds", "_microseconds", "_hashcode")

    def __new__(cls, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0,
                hours=0, weeks=0):
        if (type(days) is int and type(seconds) is int and type(microseconds) is int
                and type(milliseconds) is int and type(minutes) is int and type(hours) is int
                and type(weeks) is int):
            us = ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000000 \
                + milliseconds * 1000 + microseconds
        else:
            us = _delta_accumulate((microseconds, milliseconds, seconds, minutes, hours,
                                    days, weeks))
        return _delta_from_us(cls, us)

    # -- access ----------------------------------------------------------------------------

    @property
    def days(self):
        """Number of days."""
        return self._days

    @property
    def seconds(self):
        """Number of seconds (>= 0 and less than 1 day)."""
        return self._seconds

    @property
    def microseconds(self):
        """Number of microseconds (>= 0 and less than 1 second)."""
        return self._microseconds

    def _to_us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        """Total seconds in the duration."""
        return self._to_us() / 1000000

    # -- text ------------------------------------------------------------------------------

    def __repr__(self):
        args = []
        if self._days:
            args.append("days=%d" % self._days)
        if self._seconds:
            args.append("seconds=%d" % self._seconds)
        if self._microseconds:
            args.append("microseconds=%d" % self._microseconds)
        return "%s(%s)" % (_type_name(self), ", ".join(args) or "0")

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        if self._microseconds:
            text = "%d:%02d:%02d.%06d" % (hh, mm, ss, self._microseconds)
        else:
            text = "%d:%02d:%02d" % (hh, mm, ss)
        d = self._days
        if d:
            return "%d day%s, %s" % (d, "" if d == 1 or d == -1 else "s", text)
        return text

    def __format__(self, spec):
        if not isinstance(spec, str):
            raise TypeError("__format__() argument must be str, not %s" % _arg_type_name(spec))
        if spec:
            raise TypeError("unsupported format string passed to %s.__format__"
                            % _type_name(self))
        return str(self)

    # -- arithmetic ------------------------------------------------------------------------

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _delta(self._days + other._days, self._seconds + other._seconds,
                          self._microseconds + other._microseconds)
        return _refuse("+", self, other, _REFUSE_TD_ADD, other)

    def __radd__(self, other):
        if isinstance(other, timedelta):
            return _delta(self._days + other._days, self._seconds + other._seconds,
                          self._microseconds + other._microseconds)
        return _refuse("+", other, self, _REFUSE_TD_ADD, other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _delta(self._days - other._days, self._seconds - other._seconds,
                          self._microseconds - other._microseconds)
        return _refuse("-", self, other, _REFUSE_TD_SUB, other)

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return _delta(other._days - self._days, other._seconds - self._seconds,
                          other._microseconds - self._microseconds)
        return _refuse("-", other, self, _REFUSE_TD_ADD, other)

    def __neg__(self):
        return _delta(-self._days, -self._seconds, -self._microseconds)

    def __pos__(self):
        return _delta(self._days, self._seconds, self._microseconds)

    def __abs__(self):
        if self._days < 0:
            return _delta(-self._days, -self._seconds, -self._microseconds)
        return _delta(self._days, self._seconds, self._microseconds)

    def __mul__(self, other):
        if isinstance(other, int):
            return _delta_from_us(timedelta, self._to_us() * other)
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            return _delta_from_us(timedelta, _round_half_even_div(self._to_us() * num, den))
        return _refuse("*", self, other, _REFUSE_TD_MUL, other)

    def __rmul__(self, other):
        if isinstance(other, int):
            return _delta_from_us(timedelta, self._to_us() * other)
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            return _delta_from_us(timedelta, _round_half_even_div(self._to_us() * num, den))
        return _refuse("*", other, self, _REFUSE_TD_MUL, other)

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() / other._to_us()
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            return _delta_from_us(timedelta, _round_half_even_div(self._to_us() * den, num))
        if isinstance(other, int):
            return _delta_from_us(timedelta, _round_half_even_div(self._to_us(), other))
        return _refuse("/", self, other, _REFUSE_TD_DIV, other)

    def __rtruediv__(self, other):
        return _refuse("/", other, self, _REFUSE_TD_RDIV, other)

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() // other._to_us()
        if isinstance(other, int):
            return _delta_from_us(timedelta, self._to_us() // other)
        return _refuse("//", self, other, _REFUSE_TD_FLOORDIV, other)

    def __rfloordiv__(self, other):
        return _refuse("//", other, self, _REFUSE_TD_RDIV, other)

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return _delta_from_us(timedelta, self._to_us() % other._to_us())
        return _refuse("%", self, other, _REFUSE_TD_RDIV, other)

    def __rmod__(self, other):
        return _refuse("%", other, self, _REFUSE_TD_RDIV, other)

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._to_us(), other._to_us())
            return q, _delta_from_us(timedelta, r)
        return _refuse("divmod()", self, other, _REFUSE_TD_RDIV, other)

    def __rdivmod__(self, other):
        return _refuse("divmod()", other, self, _REFUSE_TD_RDIV, other)

    # -- comparison and hashing -------------------------------------------------------------

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return (self._days == other._days and self._seconds == other._seconds
                    and self._microseconds == other._microseconds)
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timedelta):
            return not (self._days == other._days and self._seconds == other._seconds
                        and self._microseconds == other._microseconds)
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() < other._to_us()
        return _cmp_refuse("<", self, other, _CMP_REFUSE_TD)

    def __le__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() <= other._to_us()
        return _cmp_refuse("<=", self, other, _CMP_REFUSE_TD)

    def __gt__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() > other._to_us()
        return _cmp_refuse(">", self, other, _CMP_REFUSE_TD)

    def __ge__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() >= other._to_us()
        return _cmp_refuse(">=", self, other, _CMP_REFUSE_TD)

    def __hash__(self):
        # C hashes the pickle state tuple (days, seconds, microseconds).
        if self._hashcode == -1:
            self._hashcode = hash((self._days, self._seconds, self._microseconds))
        return self._hashcode

    def __bool__(self):
        return self._days != 0 or self._seconds != 0 or self._microseconds != 0

    def __reduce__(self):
        return (type(self), (self._days, self._seconds, self._microseconds))


timedelta.min = _delta(-_MAX_DELTA_DAYS, 0, 0)
timedelta.max = _delta(_MAX_DELTA_DAYS, 86399, 999999)
timedelta.resolution = _delta(0, 0, 1)

_ZERO = _delta(0, 0, 0)


# ---------------------------------------------------------------------------------------
# date

def _new_date(cls, y, m, d):
    """A date instance of cls without calling cls (C: tp_alloc); fields trusted."""
    self = object.__new__(cls)
    self._year = y
    self._month = m
    self._day = d
    self._hashcode = -1
    return self


def _date_of_class(cls, y, m, d):
    """C new_date_subclass_ex: the base type directly, subclasses through their constructor."""
    if cls is date:
        _check_date_fields(y, m, d)
        return _new_date(date, y, m, d)
    return cls(y, m, d)


def _date_plus_days(self, days):
    d = self._day + days
    if 1 <= d <= 28:                     # same month: no ordinal round trip
        cls = type(self)
        if cls is date:
            return _new_date(date, self._year, self._month, d)
        return cls(self._year, self._month, d)
    ordinal = _ymd2ord(self._year, self._month, self._day) + days
    if ordinal < 1 or ordinal > _MAXORDINAL:
        raise OverflowError("date value out of range")
    y, m, d = _ord2ymd(ordinal)
    cls = type(self)
    if cls is date:                      # valid by construction: skip the field checks
        return _new_date(date, y, m, d)
    return cls(y, m, d)


class date:
    """A calendar date (year, month, day) in the proleptic Gregorian calendar."""
    __slots__ = ("_year", "_month", "_day", "_hashcode")

    def __new__(cls, year=_OMITTED, month=_OMITTED, day=_OMITTED):
        if year is _OMITTED:
            raise TypeError("function missing required argument 'year' (pos 1)")
        if month is _OMITTED:
            if isinstance(year, (bytes, str)) and len(year) == 4:
                state = year.encode("latin1") if isinstance(year, str) else year
                if 1 <= state[2] <= 12:
                    return _new_date(cls, state[0] * 256 + state[1], state[2], state[3])
            _cint(year)
            raise TypeError("function missing required argument 'month' (pos 2)")
        if day is _OMITTED:
            _cint(year)
            _cint(month)
            raise TypeError("function missing required argument 'day' (pos 3)")
        if type(year) is not int or type(month) is not int or type(day) is not int:
            year = _cint(year)
            month = _cint(month)
            day = _cint(day)
        try:
            _check_date_fields(year, month, day)
        except ValueError:
            _check_c_ints(year, month, day)
            raise
        return _new_date(cls, year, month, day)

    # -- alternative constructors ----------------------------------------------------------

    @classmethod
    def fromtimestamp(cls, t):
        """Local date from a POSIX timestamp (like time.time())."""
        if isinstance(t, float):
            if t != t:
                raise ValueError("Invalid value NaN (not a number)")
            t = _math.floor(t)
        sec = _index(t)
        if sec > 9223372036854775807 or sec < -9223372036854775808:
            raise OverflowError("timestamp out of range for platform time_t")
        tm = _gm_or_local(sec, True)
        return _date_of_class(cls, tm.tm_year, tm.tm_mon, tm.tm_mday)

    @classmethod
    def today(cls):
        """Current date."""
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromordinal(cls, n):
        """Date from a proleptic Gregorian ordinal (1 is January 1 of year 1)."""
        n = _cint(n)
        if n < 1:
            raise ValueError("ordinal must be >= 1")
        if n > _MAXORDINAL:
            y, m, d = _ord2ymd(n)
            raise ValueError("year %d is out of range" % y)
        y, m, d = _ord2ymd(n)
        return _date_of_class(cls, y, m, d)

    @classmethod
    def fromisoformat(cls, date_string):
        """Date from a string in ISO 8601 format."""
        if not isinstance(date_string, str):
            raise TypeError("fromisoformat: argument must be str")
        raw = _iso_bytes(date_string)
        if raw is None:
            raise _invalid_iso(date_string)
        n = len(raw)
        if n == 7 or n == 8 or n == 10:
            rv, y, m, d = _parse_iso_date(raw + _PAD, n)
        else:
            rv = -1
        if rv < 0:
            raise _invalid_iso(date_string)
        return _date_of_class(cls, y, m, d)

    @classmethod
    def fromisocalendar(cls, year, week, day):
        """Date from ISO year, week number and weekday (ISO calendar)."""
        try:
            year = _cint(year)
            week = _cint(week)
            day = _cint(day)
        except OverflowError:
            raise ValueError("ISO calendar component out of range") from None
        if year < MINYEAR or year > MAXYEAR:
            raise ValueError("Year is out of range: %d" % year)
        rv, y, m, d = _iso_to_ymd(year, week, day)
        if rv == -2:
            raise ValueError("Invalid week: %d" % week)
        if rv == -3:
            raise ValueError("Invalid day: %d (range is [1, 7])" % day)
        return _date_of_class(cls, y, m, d)

    # -- fields ----------------------------------------------------------------------------

    @property
    def year(self):
        return self._year

    @property
    def month(self):
        return self._month

    @property
    def day(self):
        return self._day

    # -- text ------------------------------------------------------------------------------

    def __repr__(self):
        return "%s(%d, %d, %d)" % (_type_name(self), self._year, self._month, self._day)

    def isoformat(self):
        """Return string in ISO 8601 format, YYYY-MM-DD."""
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    def __str__(self):
        return self.isoformat()

    def ctime(self):
        """Return ctime() style string."""
        return _ctime(self._year, self._month, self._day, 0, 0, 0)

    def strftime(self, format):
        """Format using strftime()."""
        _check_format_arg(format, "strftime")
        return _wrap_strftime(self, format, self.timetuple(), self)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError("__format__() argument 1 must be str, not %s" % _arg_type_name(fmt))
        if not fmt:
            return str(self)
        return self.strftime(fmt)

    # -- calendar views --------------------------------------------------------------------

    def timetuple(self):
        """Return time tuple, compatible with time.localtime()."""
        return _struct_time(self._year, self._month, self._day, 0, 0, 0, -1)

    def toordinal(self):
        """Return proleptic Gregorian ordinal.  January 1 of year 1 is day 1."""
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        """Return the day of the week as an integer, where Monday is 0 and Sunday is 6."""
        return (_ymd2ord(self._year, self._month, self._day) + 6) % 7

    def isoweekday(self):
        """Return the day of the week as an integer, where Monday is 1 and Sunday is 7."""
        return (_ymd2ord(self._year, self._month, self._day) + 6) % 7 + 1

    def isocalendar(self):
        """Return a named tuple containing ISO year, week number, and weekday."""
        year = self._year
        today = _ymd2ord(year, self._month, self._day)
        monday = _iso_week1_monday(year)
        week, day = divmod(today - monday, 7)
        if week < 0:
            year -= 1
            week, day = divmod(today - _iso_week1_monday(year), 7)
        elif week >= 52 and today >= _iso_week1_monday(year + 1):
            year += 1
            week = 0
        return _IsoCalendarDate(year, week + 1, day + 1)

    def replace(self, year=_OMITTED, month=_OMITTED, day=_OMITTED):
        """Return date with new specified fields."""
        return date.__new__(type(self), self._year if year is _OMITTED else year,
                            self._month if month is _OMITTED else month,
                            self._day if day is _OMITTED else day)

    # -- comparison and hashing --------------------------------------------------------------

    def _cmp(self, other):
        a = (self._year * 16 + self._month) * 32 + self._day
        b = (other._year * 16 + other._month) * 32 + other._day
        return 0 if a == b else (1 if a > b else -1)

    def __eq__(self, other):
        if isinstance(other, date):
            return (self._day == other._day and self._month == other._month
                    and self._year == other._year)
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, date):
            return not (self._day == other._day and self._month == other._month
                        and self._year == other._year)
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, date):
            return self._cmp(other) < 0
        return _cmp_refuse("<", self, other, _CMP_REFUSE_DATE)

    def __le__(self, other):
        if isinstance(other, date):
            return self._cmp(other) <= 0
        return _cmp_refuse("<=", self, other, _CMP_REFUSE_DATE)

    def __gt__(self, other):
        if isinstance(other, date):
            return self._cmp(other) > 0
        return _cmp_refuse(">", self, other, _CMP_REFUSE_DATE)

    def __ge__(self, other):
        if isinstance(other, date):
            return self._cmp(other) >= 0
        return _cmp_refuse(">=", self, other, _CMP_REFUSE_DATE)

    def __hash__(self):
        # C hashes the 4 packed data bytes (year hi, year lo, month, day).
        if self._hashcode == -1:
            y = self._year
            self._hashcode = hash(bytes((y >> 8, y & 255, self._month, self._day)))
        return self._hashcode

    # -- arithmetic ------------------------------------------------------------------------

    def __add__(self, other):
        if isinstance(other, timedelta) and not isinstance(self, datetime):
            return _date_plus_days(self, other._days)
        return _refuse("+", self, other, _REFUSE_DATE_ADD, other)

    def __radd__(self, other):
        if isinstance(other, timedelta) and not isinstance(self, datetime):
            return _date_plus_days(self, other._days)
        return _refuse("+", other, self, _REFUSE_DATE_RADD, other)

    def __sub__(self, other):
        if isinstance(self, datetime) or isinstance(other, datetime):
            return NotImplemented
        if isinstance(other, date):
            return _delta(_ymd2ord(self._year, self._month, self._day)
                          - _ymd2ord(other._year, other._month, other._day), 0, 0)
        if isinstance(other, timedelta):
            return _date_plus_days(self, -other._days)
        return _refuse("-", self, other, _REFUSE_DATE_SUB, other)

    def __rsub__(self, other):
        return _refuse("-", other, self, _REFUSE_DATE_RSUB, other)

    # -- pickling --------------------------------------------------------------------------

    def _getstate(self):
        y = self._year
        return bytes((y >> 8, y & 255, self._month, self._day))

    def __reduce__(self):
        return (type(self), (self._getstate(),))


date.min = _new_date(date, 1, 1, 1)
date.max = _new_date(date, 9999, 12, 31)
date.resolution = _delta(1, 0, 0)


class IsoCalendarDate(tuple):
    """The named tuple date.isocalendar() returns."""
    __slots__ = ()

    def __new__(cls, year, week, weekday):
        return tuple.__new__(cls, (year, week, weekday))

    @property
    def year(self):
        return self[0]

    @property
    def week(self):
        return self[1]

    @property
    def weekday(self):
        return self[2]

    def __repr__(self):
        return "%s(year=%d, week=%d, weekday=%d)" % (_type_name(self), self[0], self[1], self[2])

    def __reduce__(self):
        return (tuple, (tuple(self),))


# ---------------------------------------------------------------------------------------
# tzinfo and timezone

class tzinfo:
    """Abstract base class for time zone info objects."""
    __slots__ = ()

    def tzname(self, dt):
        """datetime -> string name of time zone."""
        raise NotImplementedError("a tzinfo subclass must implement tzname()")

    def utcoffset(self, dt):
        """datetime -> timedelta showing offset from UTC, negative values indicating West of UTC"""
        raise NotImplementedError("a tzinfo subclass must implement utcoffset()")

    def dst(self, dt):
        """datetime -> DST offset as timedelta positive east of UTC."""
        raise NotImplementedError("a tzinfo subclass must implement dst()")

    def fromutc(self, dt):
        """datetime in UTC -> datetime in local time."""
        if not isinstance(dt, datetime):
            raise TypeError("fromutc: argument must be a datetime")
        if dt._tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        off = _call_offset(self, "utcoffset", dt)
        if off is None:
            raise ValueError("fromutc: non-None utcoffset() result required")
        dst = _call_offset(self, "dst", dt)
        if dst is None:
            raise ValueError("fromutc: non-None dst() result required")
        delta = _delta(off._days - dst._days, off._seconds - dst._seconds,
                       off._microseconds - dst._microseconds)
        result = _datetime_plus(dt, delta._days, delta._seconds, delta._microseconds)
        dst = _call_offset(dt._tzinfo, "dst", result)
        if dst is None:
            raise ValueError("fromutc: tz.dst() gave inconsistent results; cannot convert")
        if dst:
            result = _datetime_plus(result, dst._days, dst._seconds, dst._microseconds)
        return result

    def __reduce__(self):
        getinitargs = getattr(self, "__getinitargs__", None)
        args = getinitargs() if getinitargs is not None else ()
        return (type(self), args, self.__getstate__())


_tzinfo_class = tzinfo


class timezone(tzinfo):
    """Fixed offset from UTC implementation of tzinfo."""
    __slots__ = ("_offset", "_name")

    def __new__(cls, offset, name=_OMITTED):
        if not isinstance(offset, timedelta):
            raise TypeError("timezone() argument 1 must be datetime.timedelta, not %s"
                            % _arg_type_name(offset))
        if name is _OMITTED:
            name = None
        elif not isinstance(name, str):
            raise TypeError("timezone() argument 2 must be str, not %s" % _arg_type_name(name))
        return _new_timezone(offset, name)

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'datetime.timezone' is not an acceptable base type")

    def __getinitargs__(self):
        if self._name is None:
            return (self._offset,)
        return (self._offset, self._name)

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timezone):
            return self._offset != other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __lt__(self, other):
        return _cmp_refuse("<", self, other, _CMP_REFUSE_TZ)

    def __le__(self, other):
        return _cmp_refuse("<=", self, other, _CMP_REFUSE_TZ)

    def __gt__(self, other):
        return _cmp_refuse(">", self, other, _CMP_REFUSE_TZ)

    def __ge__(self, other):
        return _cmp_refuse(">=", self, other, _CMP_REFUSE_TZ)

    def __repr__(self):
        if self is _UTC:
            return "datetime.timezone.utc"
        if self._name is None:
            return "datetime.timezone(%r)" % (self._offset,)
        return "datetime.timezone(%r, %r)" % (self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def _check_arg(self, dt, what):
        if dt is not None and not isinstance(dt, datetime):
            raise TypeError("%s(dt) argument must be a datetime instance or None, not %s"
                            % (what, _type_name(dt)))

    def utcoffset(self, dt):
        self._check_arg(dt, "utcoffset")
        return self._offset

    def tzname(self, dt):
        self._check_arg(dt, "tzname")
        if self._name is not None:
            return self._name
        off = self._offset
        if self is _UTC or not off:
            return "UTC"
        return "UTC" + _format_offset(off, ":")

    def dst(self, dt):
        self._check_arg(dt, "dst")
        return None

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError("fromutc: argument must be a datetime")
        if dt._tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        off = self._offset
        return _datetime_plus(dt, off._days, off._seconds, off._microseconds)

    def __reduce__(self):
        return (type(self), self.__getinitargs__(), None)


def _new_timezone(offset, name):
    d = offset._days
    if (d == -1 and offset._seconds == 0 and offset._microseconds < 1) or d < -1 or d >= 1:
        raise ValueError("offset must be a timedelta strictly between -timedelta(hours=24)"
                         " and timedelta(hours=24), not %r." % (offset,))
    if name is None and not offset and _UTC is not None:
        return _UTC
    self = object.__new__(timezone)
    self._offset = offset if type(offset) is timedelta else \
        _delta(offset._days, offset._seconds, offset._microseconds)
    self._name = name
    return self


_UTC = None
_UTC = _new_timezone(_ZERO, None)
timezone.utc = _UTC
timezone.min = _new_timezone(_delta(0, -(23 * 3600 + 59 * 60), 0), None)
timezone.max = _new_timezone(_delta(0, 23 * 3600 + 59 * 60, 0), None)
UTC = _UTC


# ---------------------------------------------------------------------------------------
# time

def _new_time(cls, hh, mm, ss, us, tz, fold):
    self = object.__new__(cls)
    self._hour = hh
    self._minute = mm
    self._second = ss
    self._microsecond = us
    self._tzinfo = tz
    self._fold = fold
    self._hashcode = -1
    return self


def _time_fields_repr(name, hh, mm, ss, us):
    if us:
        return "%s(%d, %d, %d, %d)" % (name, hh, mm, ss, us)
    if ss:
        return "%s(%d, %d, %d)" % (name, hh, mm, ss)
    return "%s(%d, %d)" % (name, hh, mm)


def _format_time(hh, mm, ss, us, timespec, argpos):
    if not isinstance(timespec, str):
        raise TypeError("isoformat() argument %d must be str, not %s"
                        % (argpos, _arg_type_name(timespec)))
    if timespec == "auto":
        timespec = "microseconds" if us else "seconds"
    if timespec == "seconds":
        return "%02d:%02d:%02d" % (hh, mm, ss)
    if timespec == "microseconds":
        return "%02d:%02d:%02d.%06d" % (hh, mm, ss, us)
    if timespec == "minutes":
        return "%02d:%02d" % (hh, mm)
    if timespec == "hours":
        return "%02d" % hh
    if timespec == "milliseconds":
        return "%02d:%02d:%02d.%03d" % (hh, mm, ss, us // 1000)
    raise ValueError("Unknown timespec value")


class time:
    """A time of day (hour, minute, second, microsecond, tzinfo, fold)."""
    __slots__ = ("_hour", "_minute", "_second", "_microsecond", "_tzinfo", "_fold",
                 "_hashcode")

    def __new__(cls, hour=0, minute=_OMITTED, second=0, microsecond=0, tzinfo=None, *, fold=0):
        if minute is _OMITTED:
            minute = 0
        elif isinstance(hour, (bytes, str)) and len(hour) == 6:
            minute = (minute,)               # a pickle state's tzinfo argument
        if isinstance(hour, (bytes, str)) and len(hour) == 6:
            state = hour.encode("latin1") if isinstance(hour, str) else hour
            if state[0] & 127 < 24:
                tz = minute[0] if type(minute) is tuple else None
                if tz is not None and not isinstance(tz, _tzinfo_class):
                    raise TypeError("bad tzinfo state arg")
                return _new_time(cls, state[0] & 127, state[1], state[2],
                                 (state[3] << 16) | (state[4] << 8) | state[5], tz,
                                 1 if state[0] > 127 else 0)
        if (type(hour) is not int or type(minute) is not int or type(second) is not int
                or type(microsecond) is not int or type(fold) is not int):
            hour = _cint(hour)
            minute = _cint(minute)
            second = _cint(second)
            microsecond = _cint(microsecond)
            fold = _cint(fold)
        try:
            _check_time_fields(hour, minute, second, microsecond, fold)
        except ValueError:
            _check_c_ints(hour, minute, second, microsecond, fold)
            raise
        _check_tzinfo_arg(tzinfo)
        return _new_time(cls, hour, minute, second, microsecond, tzinfo, fold)

    @classmethod
    def fromisoformat(cls, time_string):
        """Time from a string in ISO 8601 format."""
        if not isinstance(time_string, str):
            raise TypeError("fromisoformat: argument must be str")
        raw = _iso_bytes(time_string)
        if raw is None:
            raise _invalid_iso(time_string)
        start = 1 if raw[:1] == b"T" else 0
        rv, hh, mm, ss, us, tzs, tzus = _parse_iso_time(raw + _PAD, start, len(raw) - start)
        if rv < 0:
            raise _invalid_iso(time_string)
        tz = _iso_tz(rv, tzs, tzus)
        if cls is time:
            return time(hh, mm, ss, us, tz)
        return cls(hh, mm, ss, us, tz)

    # -- fields ----------------------------------------------------------------------------

    @property
    def hour(self):
        return self._hour

    @property
    def minute(self):
        return self._minute

    @property
    def second(self):
        return self._second

    @property
    def microsecond(self):
        return self._microsecond

    @property
    def tzinfo(self):
        return self._tzinfo

    @property
    def fold(self):
        return self._fold

    # -- time zone -------------------------------------------------------------------------

    def utcoffset(self):
        """Return self.tzinfo.utcoffset(self)."""
        return _call_offset(self._tzinfo, "utcoffset", None)

    def dst(self):
        """Return self.tzinfo.dst(self)."""
        return _call_offset(self._tzinfo, "dst", None)

    def tzname(self):
        """Return self.tzinfo.tzname(self)."""
        return _call_tzname(self._tzinfo, None)

    # -- text ------------------------------------------------------------------------------

    def __repr__(self):
        text = _time_fields_repr(_type_name(self), self._hour, self._minute, self._second,
                                 self._microsecond)
        if self._tzinfo is not None:
            text = "%s, tzinfo=%r)" % (text[:-1], self._tzinfo)
        if self._fold:
            text = "%s, fold=%d)" % (text[:-1], self._fold)
        return text

    def isoformat(self, timespec="auto"):
        """Return string in ISO 8601 format, [HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM]."""
        text = _format_time(self._hour, self._minute, self._second, self._microsecond,
                            timespec, 1)
        if self._tzinfo is not None:
            off = _call_offset(self._tzinfo, "utcoffset", None)
            if off is not None:
                text += _format_offset(off, ":")
        return text

    def __str__(self):
        return self.isoformat()

    def strftime(self, format):
        """Format using strftime()."""
        _check_format_arg(format, "strftime")
        tt = (1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1)
        return _wrap_strftime(self, format, tt, None)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError("__format__() argument 1 must be str, not %s" % _arg_type_name(fmt))
        if not fmt:
            return str(self)
        return self.strftime(fmt)

    def replace(self, hour=_OMITTED, minute=_OMITTED, second=_OMITTED, microsecond=_OMITTED,
                tzinfo=_OMITTED, *, fold=_OMITTED):
        """Return time with new specified fields."""
        return time.__new__(type(self), self._hour if hour is _OMITTED else hour,
                            self._minute if minute is _OMITTED else minute,
                            self._second if second is _OMITTED else second,
                            self._microsecond if microsecond is _OMITTED else microsecond,
                            self._tzinfo if tzinfo is _OMITTED else tzinfo,
                            fold=self._fold if fold is _OMITTED else fold)

    # -- comparison and hashing --------------------------------------------------------------

    def _compare(self, other, eq_only):
        """-1/0/1, or None when naive and aware are mixed."""
        if self._tzinfo is other._tzinfo:
            a = self._key()
            b = other._key()
            return 0 if a == b else (1 if a > b else -1)
        o1 = _call_offset(self._tzinfo, "utcoffset", None)
        o2 = _call_offset(other._tzinfo, "utcoffset", None)
        if o1 is o2 or (o1 is not None and o2 is not None and _same_delta(o1, o2)):
            a = self._key()
            b = other._key()
            return 0 if a == b else (1 if a > b else -1)
        if o1 is not None and o2 is not None:
            # C compares whole seconds minus the offsets' days and seconds, then microseconds.
            s1 = (self._hour * 3600 + self._minute * 60 + self._second
                  - o1._days * 86400 - o1._seconds)
            s2 = (other._hour * 3600 + other._minute * 60 + other._second
                  - o2._days * 86400 - o2._seconds)
            diff = s1 - s2
            if diff == 0:
                diff = self._microsecond - other._microsecond
            return 0 if diff == 0 else (1 if diff > 0 else -1)
        if eq_only:
            return None
        raise TypeError("can't compare offset-naive and offset-aware times")

    def _key(self):
        return ((self._hour * 60 + self._minute) * 60 + self._second) * 1000000 \
            + self._microsecond

    def __eq__(self, other):
        if isinstance(other, time):
            return self._compare(other, True) == 0
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, time):
            return self._compare(other, True) != 0
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, time):
            return self._compare(other, False) < 0
        return _cmp_refuse("<", self, other, _CMP_REFUSE_TIME)

    def __le__(self, other):
        if isinstance(other, time):
            return self._compare(other, False) <= 0
        return _cmp_refuse("<=", self, other, _CMP_REFUSE_TIME)

    def __gt__(self, other):
        if isinstance(other, time):
            return self._compare(other, False) > 0
        return _cmp_refuse(">", self, other, _CMP_REFUSE_TIME)

    def __ge__(self, other):
        if isinstance(other, time):
            return self._compare(other, False) >= 0
        return _cmp_refuse(">=", self, other, _CMP_REFUSE_TIME)

    def __hash__(self):
        if self._hashcode == -1:
            if self._fold:
                probe = _new_time(type(self), self._hour, self._minute, self._second,
                                  self._microsecond, self._tzinfo, 0)
            else:
                probe = self
            off = _call_offset(probe._tzinfo, "utcoffset", None)
            if off is None:
                us = self._microsecond
                self._hashcode = hash(bytes((self._hour, self._minute, self._second,
                                             us >> 16, (us >> 8) & 255, us & 255)))
            else:
                secs = self._hour * 3600 + self._minute * 60 + self._second
                self._hashcode = hash(_delta(-off._days, secs - off._seconds,
                                             self._microsecond - off._microseconds))
        return self._hashcode

    def __bool__(self):
        return True

    # -- pickling --------------------------------------------------------------------------

    def _getstate(self, protocol):
        us = self._microsecond
        hh = self._hour
        if protocol > 3 and self._fold:
            hh |= 128
        state = bytes((hh, self._minute, self._second, us >> 16, (us >> 8) & 255, us & 255))
        if self._tzinfo is None:
            return (state,)
        return (state, self._tzinfo)

    def __reduce_ex__(self, protocol):
        return (type(self), self._getstate(protocol))

    def __reduce__(self):
        return (type(self), self._getstate(2))


time.min = _new_time(time, 0, 0, 0, 0, None, 0)
time.max = _new_time(time, 23, 59, 59, 999999, None, 0)
time.resolution = _delta(0, 0, 1)


# ---------------------------------------------------------------------------------------
# datetime

def _new_datetime(cls, y, m, d, hh, mm, ss, us, tz, fold):
    self = object.__new__(cls)
    self._year = y
    self._month = m
    self._day = d
    self._hour = hh
    self._minute = mm
    self._second = ss
    self._microsecond = us
    self._tzinfo = tz
    self._fold = fold
    self._hashcode = -1
    return self


def _datetime_of_class(cls, y, m, d, hh, mm, ss, us, tz, fold):
    """C new_datetime_subclass_fold_ex: subclasses are called (3.11 does not pass them fold)."""
    if cls is datetime:
        _check_date_fields(y, m, d)
        _check_time_fields(hh, mm, ss, us, fold)
        _check_tzinfo_arg(tz)
        return _new_datetime(datetime, y, m, d, hh, mm, ss, us, tz, fold)
    return cls(y, m, d, hh, mm, ss, us, tz)


def _datetime_plus(self, days, seconds, micro):
    """self + timedelta(days, seconds, micro) keeping self's class and tzinfo (fold 0)."""
    us = self._microsecond + micro
    ss = self._hour * 3600 + self._minute * 60 + self._second + seconds
    if us < 0 or us >= 1000000:
        carry, us = divmod(us, 1000000)
        ss += carry
    if ss < 0 or ss >= 86400:
        carry, ss = divmod(ss, 86400)
        days += carry
    y, m, d = self._year, self._month, self._day
    if days and not 1 <= d + days <= 28:
        ordinal = _ymd2ord(y, m, d) + days
        if ordinal < 1 or ordinal > _MAXORDINAL:
            raise OverflowError("date value out of range")
        y, m, d = _ord2ymd(ordinal)
    elif days:
        d += days
    mm, sec = divmod(ss, 60)
    hh, mm = divmod(mm, 60)
    cls = type(self)
    if cls is datetime:
        return _new_datetime(datetime, y, m, d, hh, mm, sec, us, self._tzinfo, 0)
    return cls(y, m, d, hh, mm, sec, us, self._tzinfo)


class datetime(date):
    """A date and a time of day, optionally with a tzinfo (aware) and a fold."""
    __slots__ = ("_hour", "_minute", "_second", "_microsecond", "_tzinfo", "_fold")

    def __new__(cls, year=_OMITTED, month=_OMITTED, day=_OMITTED, hour=0, minute=0, second=0,
                microsecond=0, tzinfo=None, *, fold=0):
        if year is _OMITTED:
            raise TypeError("function missing required argument 'year' (pos 1)")
        if day is _OMITTED and isinstance(year, (bytes, str)) and len(year) == 10:
            state = year.encode("latin1") if isinstance(year, str) else year
            if 1 <= state[2] & 127 <= 12:
                tz = None if month is _OMITTED else month
                if tz is not None and not isinstance(tz, _tzinfo_class):
                    raise TypeError("bad tzinfo state arg")
                return _new_datetime(cls, state[0] * 256 + state[1], state[2] & 127, state[3],
                                     state[4], state[5], state[6],
                                     (state[7] << 16) | (state[8] << 8) | state[9], tz,
                                     1 if state[2] > 127 else 0)
        if month is _OMITTED:
            _cint(year)
            raise TypeError("function missing required argument 'month' (pos 2)")
        if day is _OMITTED:
            _cint(year)
            _cint(month)
            raise TypeError("function missing required argument 'day' (pos 3)")
        if (type(year) is not int or type(month) is not int or type(day) is not int
                or type(hour) is not int or type(minute) is not int or type(second) is not int
                or type(microsecond) is not int or type(fold) is not int):
            year = _cint(year)
            month = _cint(month)
            day = _cint(day)
            hour = _cint(hour)
            minute = _cint(minute)
            second = _cint(second)
            microsecond = _cint(microsecond)
            fold = _cint(fold)
        try:
            _check_date_fields(year, month, day)
            _check_time_fields(hour, minute, second, microsecond, fold)
        except ValueError:
            _check_c_ints(year, month, day, hour, minute, second, microsecond, fold)
            raise
        _check_tzinfo_arg(tzinfo)
        return _new_datetime(cls, year, month, day, hour, minute, second, microsecond,
                             tzinfo, fold)

    # -- fields ----------------------------------------------------------------------------

    @property
    def hour(self):
        return self._hour

    @property
    def minute(self):
        return self._minute

    @property
    def second(self):
        return self._second

    @property
    def microsecond(self):
        return self._microsecond

    @property
    def tzinfo(self):
        return self._tzinfo

    @property
    def fold(self):
        return self._fold

    # -- alternative constructors ----------------------------------------------------------

    @classmethod
    def fromtimestamp(cls, timestamp, tz=None):
        """timestamp[, tz] -> tz's local time from POSIX timestamp."""
        _check_tzinfo_arg(tz)
        sec, us = _timestamp_parts(timestamp)
        result = _datetime_from_timet(cls, sec, us, tz, tz is None)
        if tz is not None:
            result = tz.fromutc(result)
        return result

    @classmethod
    def utcfromtimestamp(cls, t):
        """Construct a naive UTC datetime from a POSIX timestamp."""
        sec, us = _timestamp_parts(t)
        return _datetime_from_timet(cls, sec, us, None, False)

    @classmethod
    def now(cls, tz=None):
        """Returns new datetime object representing current time local to tz."""
        _check_tzinfo_arg(tz)
        ns = _time.time_ns()
        sec, us = divmod(ns // 1000, 1000000)
        result = _datetime_from_timet(cls, sec, us, tz, tz is None)
        if tz is not None:
            result = tz.fromutc(result)
        return result

    @classmethod
    def utcnow(cls):
        """Return a new datetime representing UTC day and time."""
        ns = _time.time_ns()
        sec, us = divmod(ns // 1000, 1000000)
        return _datetime_from_timet(cls, sec, us, None, False)

    @classmethod
    def combine(cls, date, time, tzinfo=_OMITTED):
        """Construct a datetime from a given date and a given time."""
        if not isinstance(date, _date_class):
            raise TypeError("combine() argument 1 must be datetime.date, not %s"
                            % _arg_type_name(date))
        if not isinstance(time, _time_class):
            raise TypeError("combine() argument 2 must be datetime.time, not %s"
                            % _arg_type_name(time))
        if tzinfo is _OMITTED:
            tzinfo = time._tzinfo
        return _datetime_of_class(cls, date._year, date._month, date._day, time._hour,
                                  time._minute, time._second, time._microsecond, tzinfo,
                                  time._fold)

    @classmethod
    def fromisoformat(cls, date_string):
        """Datetime from a string in any ISO 8601 form CPython 3.11 accepts."""
        if not isinstance(date_string, str):
            raise TypeError("fromisoformat: argument must be str")
        text = date_string
        if len(text) < 7:
            raise _invalid_iso(date_string)
        for pos in (7, 8, 10):
            if pos >= len(text):
                break
            if "\ud800" <= text[pos] <= "\udfff":
                text = text[:pos] + "T" + text[pos + 1:]
                break
        raw = _iso_bytes(text)
        if raw is None:
            raise _invalid_iso(date_string)
        n = len(raw)
        buf = raw + _PAD
        sep = _find_iso_separator(buf, n)
        rv, y, m, d = _parse_iso_date(buf, sep if sep >= 0 else 1 << 62)
        hh = mm = ss = us = tzs = tzus = 0
        if rv == 0 and n > sep:
            p = sep
            lead = buf[p]
            if lead < 128:
                p += 1
            elif lead & 0xF0 == 0xE0:
                p += 3
            elif lead & 0xF0 == 0xF0:
                p += 4
            else:
                p += 2
            rv, hh, mm, ss, us, tzs, tzus = _parse_iso_time(buf, p, n - p)
        if rv < 0:
            raise _invalid_iso(date_string)
        tz = _iso_tz(rv, tzs, tzus)
        return _datetime_of_class(cls, y, m, d, hh, mm, ss, us, tz, 0)

    @classmethod
    def strptime(cls, date_string, format):
        """string, format -> new datetime parsed from a string (like time.strptime())."""
        if not isinstance(date_string, str):
            raise TypeError("strptime() argument 1 must be str, not %s"
                            % _arg_type_name(date_string))
        if not isinstance(format, str):
            raise TypeError("strptime() argument 2 must be str, not %s" % _arg_type_name(format))
        import _strptime
        tt, fraction, gmtoff_fraction = _strptime._strptime(date_string, format)
        tzname, gmtoff = tt[-2:]
        args = tuple(tt[:6]) + (fraction,)
        if gmtoff is not None:
            delta = timedelta(seconds=gmtoff, microseconds=gmtoff_fraction)
            if tzname:
                args += (timezone(delta, tzname),)
            else:
                args += (timezone(delta),)
        return cls(*args)

    # -- views -----------------------------------------------------------------------------

    def date(self):
        """Return date object with same year, month and day."""
        return _new_date(_date_class, self._year, self._month, self._day)

    def time(self):
        """Return time object with same time but with tzinfo=None."""
        return _new_time(_time_class, self._hour, self._minute, self._second,
                         self._microsecond, None, self._fold)

    def timetz(self):
        """Return time object with same time and tzinfo."""
        return _new_time(_time_class, self._hour, self._minute, self._second,
                         self._microsecond, self._tzinfo, self._fold)

    def timetuple(self):
        """Return time tuple, compatible with time.localtime()."""
        flag = -1
        if self._tzinfo is not None:
            dst = _call_offset(self._tzinfo, "dst", self)
            if dst is not None:
                flag = 1 if dst else 0
        return _struct_time(self._year, self._month, self._day, self._hour, self._minute,
                            self._second, flag)

    def utctimetuple(self):
        """Return UTC time tuple, compatible with time.localtime()."""
        utc = self
        if self._tzinfo is not None:
            off = _call_offset(self._tzinfo, "utcoffset", self)
            if off is not None:
                utc = _datetime_plus(self, -off._days, -off._seconds, -off._microseconds)
        return _struct_time(utc._year, utc._month, utc._day, utc._hour, utc._minute,
                            utc._second, 0)

    def timestamp(self):
        """Return POSIX timestamp as float."""
        if self._tzinfo is None:
            secs = _local_to_seconds(self._year, self._month, self._day, self._hour,
                                     self._minute, self._second, self._fold)
            return (secs - _EPOCH_SECONDS) + self._microsecond / 1e6
        return datetime.__sub__(self, _EPOCH)._to_us() / 1000000

    def utcoffset(self):
        """Return self.tzinfo.utcoffset(self)."""
        return _call_offset(self._tzinfo, "utcoffset", self)

    def dst(self):
        """Return self.tzinfo.dst(self)."""
        return _call_offset(self._tzinfo, "dst", self)

    def tzname(self):
        """Return self.tzinfo.tzname(self)."""
        return _call_tzname(self._tzinfo, self)

    def astimezone(self, tz=None):
        """tz -> convert to local time in new timezone tz."""
        _check_tzinfo_arg(tz)
        own = self._tzinfo
        if own is None:
            own = self._local_zone()
        if own is tz:
            return self
        off = _call_offset(own, "utcoffset", self)
        if off is None:
            own = self._local_zone()
            if own is tz:
                return self
            off = _call_offset(own, "utcoffset", self)
        utc = _datetime_plus(self, -off._days, -off._seconds, -off._microseconds)
        if utc._tzinfo is None or type(utc) is datetime:
            utc = _new_datetime(type(utc), utc._year, utc._month, utc._day, utc._hour,
                                utc._minute, utc._second, utc._microsecond, _UTC, utc._fold)
        else:
            utc._tzinfo = _UTC
            utc._hashcode = -1
        if tz is None:
            secs = datetime.__sub__(utc, _EPOCH)._to_us() // 1000000
            tz = _local_timezone_at(secs)
        utc._tzinfo = tz
        return tz.fromutc(utc)

    def _local_zone(self):
        secs = _local_to_seconds(self._year, self._month, self._day, self._hour,
                                 self._minute, self._second, self._fold)
        return _local_timezone_at(secs - _EPOCH_SECONDS)

    def replace(self, year=_OMITTED, month=_OMITTED, day=_OMITTED, hour=_OMITTED,
                minute=_OMITTED, second=_OMITTED, microsecond=_OMITTED, tzinfo=_OMITTED, *,
                fold=_OMITTED):
        """Return datetime with new specified fields."""
        return datetime.__new__(type(self), self._year if year is _OMITTED else year,
                                self._month if month is _OMITTED else month,
                                self._day if day is _OMITTED else day,
                                self._hour if hour is _OMITTED else hour,
                                self._minute if minute is _OMITTED else minute,
                                self._second if second is _OMITTED else second,
                                self._microsecond if microsecond is _OMITTED else microsecond,
                                self._tzinfo if tzinfo is _OMITTED else tzinfo,
                                fold=self._fold if fold is _OMITTED else fold)

    # -- text ------------------------------------------------------------------------------

    def __repr__(self):
        name = _type_name(self)
        us, ss = self._microsecond, self._second
        if us:
            text = "%s(%d, %d, %d, %d, %d, %d, %d)" % (name, self._year, self._month,
                                                       self._day, self._hour, self._minute,
                                                       ss, us)
        elif ss:
            text = "%s(%d, %d, %d, %d, %d, %d)" % (name, self._year, self._month, self._day,
                                                   self._hour, self._minute, ss)
        else:
            text = "%s(%d, %d, %d, %d, %d)" % (name, self._year, self._month, self._day,
                                               self._hour, self._minute)
        if self._fold:
            text = "%s, fold=%d)" % (text[:-1], self._fold)
        if self._tzinfo is not None:
            text = "%s, tzinfo=%r)" % (text[:-1], self._tzinfo)
        return text

    def isoformat(self, sep="T", timespec="auto"):
        """[sep] -> string in ISO 8601 format, YYYY-MM-DDT[HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM]."""
        if not isinstance(sep, str) or len(sep) != 1:
            if isinstance(sep, str):
                raise TypeError("isoformat() argument 1 must be a unicode character, not str")
            raise TypeError("isoformat() argument 1 must be a unicode character, not %s"
                            % _arg_type_name(sep))
        text = "%04d-%02d-%02d%s%s" % (self._year, self._month, self._day, sep,
                                       _format_time(self._hour, self._minute, self._second,
                                                    self._microsecond, timespec, 2))
        if self._tzinfo is not None:
            off = _call_offset(self._tzinfo, "utcoffset", self)
            if off is not None:
                text += _format_offset(off, ":")
        return text

    def __str__(self):
        return self.isoformat(" ")

    def ctime(self):
        """Return ctime() style string."""
        return _ctime(self._year, self._month, self._day, self._hour, self._minute,
                      self._second)

    # -- comparison and hashing --------------------------------------------------------------

    def _key(self):
        return ((((self._year * 16 + self._month) * 32 + self._day) * 24 + self._hour) * 60
                + self._minute) * 60000000 + self._second * 1000000 + self._microsecond

    def _flip_offset(self):
        flipped = _new_datetime(type(self), self._year, self._month, self._day, self._hour,
                                self._minute, self._second, self._microsecond, self._tzinfo,
                                1 - self._fold)
        return _call_offset(flipped._tzinfo, "utcoffset", flipped)

    def _compare(self, other, eq):
        """-1/0/1 (nonzero for PEP 495 exceptions when eq), None for naive vs aware."""
        if self._tzinfo is other._tzinfo:
            a = self._key()
            b = other._key()
            return 0 if a == b else (1 if a > b else -1)
        o1 = _call_offset(self._tzinfo, "utcoffset", self)
        o2 = _call_offset(other._tzinfo, "utcoffset", other)
        if o1 is o2 or (o1 is not None and o2 is not None and _same_delta(o1, o2)):
            a = self._key()
            b = other._key()
            diff = 0 if a == b else (1 if a > b else -1)
        elif o1 is not None and o2 is not None:
            delta = self - other
            diff = delta._days
            if diff == 0:
                diff = 1 if delta._seconds or delta._microseconds else 0
        else:
            if eq:
                return None
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        if eq and diff == 0 and o1 is not None:
            f1 = self._flip_offset()
            if f1 is not o1 and not _same_delta(f1, o1):
                return 1
            f2 = other._flip_offset()
            if f2 is not o2 and not _same_delta(f2, o2):
                return 1
        return diff

    def __eq__(self, other):
        if isinstance(other, datetime):
            return self._compare(other, True) == 0
        if isinstance(other, date):
            return False
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, datetime):
            return self._compare(other, True) != 0
        if isinstance(other, date):
            return True
        return NotImplemented

    def _order(self, other):
        if isinstance(other, datetime):
            return self._compare(other, False)
        if isinstance(other, date):
            raise TypeError("can't compare %s to %s" % (_type_name(self), _type_name(other)))
        return None

    def __lt__(self, other):
        if isinstance(other, datetime) and self._tzinfo is other._tzinfo:
            return self._key() < other._key()
        c = self._order(other)
        if c is None:
            return _cmp_refuse("<", self, other, _CMP_REFUSE_DT)
        return c < 0

    def __le__(self, other):
        if isinstance(other, datetime) and self._tzinfo is other._tzinfo:
            return self._key() <= other._key()
        c = self._order(other)
        if c is None:
            return _cmp_refuse("<=", self, other, _CMP_REFUSE_DT)
        return c <= 0

    def __gt__(self, other):
        if isinstance(other, datetime) and self._tzinfo is other._tzinfo:
            return self._key() > other._key()
        c = self._order(other)
        if c is None:
            return _cmp_refuse(">", self, other, _CMP_REFUSE_DT)
        return c > 0

    def __ge__(self, other):
        if isinstance(other, datetime) and self._tzinfo is other._tzinfo:
            return self._key() >= other._key()
        c = self._order(other)
        if c is None:
            return _cmp_refuse(">=", self, other, _CMP_REFUSE_DT)
        return c >= 0

    def __hash__(self):
        if self._hashcode == -1:
            if self._fold:
                probe = _new_datetime(type(self), self._year, self._month, self._day,
                                      self._hour, self._minute, self._second,
                                      self._microsecond, self._tzinfo, 0)
            else:
                probe = self
            off = _call_offset(probe._tzinfo, "utcoffset", probe)
            if off is None:
                y, us = self._year, self._microsecond
                self._hashcode = hash(bytes((y >> 8, y & 255, self._month, self._day,
                                             self._hour, self._minute, self._second,
                                             us >> 16, (us >> 8) & 255, us & 255)))
            else:
                days = _ymd2ord(self._year, self._month, self._day)
                secs = self._hour * 3600 + self._minute * 60 + self._second
                self._hashcode = hash(_delta(days - off._days, secs - off._seconds,
                                             self._microsecond - off._microseconds))
        return self._hashcode

    # -- arithmetic ------------------------------------------------------------------------

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _datetime_plus(self, other._days, other._seconds, other._microseconds)
        return _refuse("+", self, other, _REFUSE_DT_ADD, other)

    def __radd__(self, other):
        if isinstance(other, timedelta):
            return _datetime_plus(self, other._days, other._seconds, other._microseconds)
        return _refuse("+", other, self, _REFUSE_DT_RADD, other)

    def __sub__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                o1 = o2 = None
            else:
                o1 = _call_offset(self._tzinfo, "utcoffset", self)
                o2 = _call_offset(other._tzinfo, "utcoffset", other)
                if (o1 is None) != (o2 is None):
                    raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            if self._month == other._month and self._year == other._year:
                days = self._day - other._day
            else:
                days = (_ymd2ord(self._year, self._month, self._day)
                        - _ymd2ord(other._year, other._month, other._day))
            result = _delta(days, (self._hour - other._hour) * 3600
                            + (self._minute - other._minute) * 60
                            + self._second - other._second,
                            self._microsecond - other._microsecond)
            if o1 is not o2 and not _same_delta(o1, o2):
                result = _delta(result._days - o1._days + o2._days,
                                result._seconds - o1._seconds + o2._seconds,
                                result._microseconds - o1._microseconds + o2._microseconds)
            return result
        if isinstance(other, timedelta):
            return _datetime_plus(self, -other._days, -other._seconds, -other._microseconds)
        return _refuse("-", self, other, _REFUSE_DT_RADD, other)

    def __rsub__(self, other):
        return _refuse("-", other, self, _REFUSE_DT_RSUB, other)

    # -- pickling --------------------------------------------------------------------------

    def _getstate(self, protocol):
        y, us = self._year, self._microsecond
        m = self._month
        if protocol > 3 and self._fold:
            m |= 128
        state = bytes((y >> 8, y & 255, m, self._day, self._hour, self._minute, self._second,
                       us >> 16, (us >> 8) & 255, us & 255))
        if self._tzinfo is None:
            return (state,)
        return (state, self._tzinfo)

    def __reduce_ex__(self, protocol):
        return (type(self), self._getstate(protocol))

    def __reduce__(self):
        return (type(self), self._getstate(2))


_date_class = date
_time_class = time
_IsoCalendarDate = IsoCalendarDate

datetime.min = _new_datetime(datetime, 1, 1, 1, 0, 0, 0, 0, None, 0)
datetime.max = _new_datetime(datetime, 9999, 12, 31, 23, 59, 59, 999999, None, 0)
datetime.resolution = _delta(0, 0, 1)

_EPOCH = _new_datetime(datetime, 1970, 1, 1, 0, 0, 0, 0, _UTC, 0)

# Operand types whose reflected (or forward) half of an operation is known to decline.
_NUMBERS = frozenset((int, float, complex, bool, type(None)))
_NOT_DATES = frozenset((time, timezone, tzinfo))
_REFUSE_TD_ADD = _NUMBERS | _NOT_DATES
_REFUSE_TD_SUB = _NUMBERS | _NOT_DATES | {date, datetime}
_REFUSE_TD_MUL = frozenset((complex, type(None), date, datetime, time, timezone, tzinfo, timedelta))
_REFUSE_TD_DIV = frozenset((complex, type(None), date, datetime, time, timezone, tzinfo))
_REFUSE_TD_FLOORDIV = _REFUSE_TD_DIV | {float}
_REFUSE_TD_RDIV = _NUMBERS | _NOT_DATES | {date, datetime}
_REFUSE_DATE_ADD = _NUMBERS | _NOT_DATES | {date}
_REFUSE_DATE_RADD = _NUMBERS | _NOT_DATES | {datetime}
_REFUSE_DATE_SUB = _NUMBERS | _NOT_DATES | {datetime}
_REFUSE_DATE_RSUB = _NUMBERS | _NOT_DATES | {timedelta, datetime}
_REFUSE_DT_ADD = _NUMBERS | _NOT_DATES | {date, datetime}
_REFUSE_DT_RADD = _NUMBERS | _NOT_DATES | {date}
_REFUSE_DT_RSUB = _NUMBERS | _NOT_DATES | {date, timedelta}

# Ordering refusals are raised only between this module's own classes: there the first
# method Python calls is always ours, so the operator and operand order in the message are
# right. Against builtins (`5 < date`) the reflected call cannot tell which side came first,
# so those keep NotImplemented (and the heap class names 'date', not 'datetime.date').
# (tzinfo has no ordering methods, so `tzinfo() < x` reaches x's reflected method first:
# it is left out; timezone gets ordering methods that refuse like the others.)
_CMP_REFUSE_DATE = frozenset((time, timedelta, timezone))
_CMP_REFUSE_DT = _CMP_REFUSE_DATE
_CMP_REFUSE_TIME = frozenset((date, datetime, timedelta, timezone))
_CMP_REFUSE_TD = frozenset((date, datetime, time, timezone))
_CMP_REFUSE_TZ = frozenset((date, datetime, time, timedelta, timezone))

_TP_NAMES = {
    date: "datetime.date", time: "datetime.time", datetime: "datetime.datetime",
    timedelta: "datetime.timedelta", tzinfo: "datetime.tzinfo", timezone: "datetime.timezone",
    IsoCalendarDate: "datetime.IsoCalendarDate",
}

for _cls in (date, time, datetime, timedelta, tzinfo, timezone, IsoCalendarDate):
    _cls.__module__ = "datetime"
    _set_c_type_name(_cls, _TP_NAMES[_cls])     # the interpreter's messages: 'datetime.date'
del _cls
del IsoCalendarDate                  # not a public name of CPython's module


# ---------------------------------------------------------------------------------------
# Pickling with the host pickle. The classes are named datetime.X like CPython's, but the
# host's sys.modules['datetime'] is the host module, so the host pickle cannot find ours by
# that name. For the base classes we register reducers in the host copyreg dispatch table
# that rebuild through _pj_unpickle, published under a private host module name; guest
# subclasses pickle through __reduce_ex__ by their own (guest __main__ or module) name.

_PICKLE_MODULE = "_protojit_guest_datetime"
_BY_NAME = {"date": date, "time": time, "datetime": datetime, "timedelta": timedelta,
            "timezone": timezone, "tzinfo": tzinfo}


def _pj_unpickle(name, args):
    """Rebuild a base-class value from its CPython-style reduce arguments."""
    if name == "tzinfo":
        return object.__new__(tzinfo)
    if type(args) is _StateByProtocol:       # copy.copy passes the arguments through as-is
        args = args.value.__reduce_ex__(4)[1]
    return _BY_NAME[name](*args)


def _pj_args(*args):
    return args


class _StateByProtocol:
    """Stands for a time/datetime's constructor arguments inside a pickle: pickle asks it for
    __reduce_ex__(protocol), which is how the state learns the protocol (fold is only kept
    from protocol 4 on, as in CPython); copyreg reducers are not told the protocol."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __reduce_ex__(self, protocol):
        return (_pj_args, self.value.__reduce_ex__(protocol)[1])


_MODULE = None          # this module object, once _install_pickling has found it


def _make_reducer(name):
    def reduce_guest(obj):
        # Several protojit environments may share one host process (in-process tests):
        # whoever pickles publishes its own module under the private name, so the
        # pickle refers to the classes it was made from.
        if _host_sys.modules.get(_PICKLE_MODULE) is not _MODULE:
            _host_sys.modules[_PICKLE_MODULE] = _MODULE
        if name == "datetime" or name == "time":
            return (_pj_unpickle, (name, _StateByProtocol(obj)))
        return (_pj_unpickle, (name, obj.__reduce_ex__(4)[1]))
    return reduce_guest


def _install_pickling():
    global _MODULE
    _MODULE = _sys.modules.get(__name__)
    if _MODULE is None:
        return
    _pj_unpickle.__module__ = _PICKLE_MODULE
    _pj_args.__module__ = _PICKLE_MODULE
    _host_sys.modules[_PICKLE_MODULE] = _MODULE
    for name, cls in _BY_NAME.items():
        _copyreg.pickle(cls, _make_reducer(name))


_install_pickling()


for _cls in (date, time, datetime, timedelta, tzinfo, timezone):
    _make_immutable(_cls)       # as CPython's C types: no class attribute assignment
del _cls


def __dir__():
    # As CPython's module (datetime.py over the C _datetime): its helpers are not in its
    # namespace. Ours are (it is Python), so dir() lists the public names and the dunders.
    return sorted(n for n in globals() if (not n.startswith("_") or n.endswith("__"))
                  and n not in ("__dir__", "__pj_guest__"))
