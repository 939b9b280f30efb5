"""lib/datetime.py: property tests against the host CPython's C datetime.

The same probe source runs twice in this process: once with the host `datetime`
(the oracle) and once as guest code under protojit's interpreter, where
`import datetime` is lib/datetime.py. Hypothesis feeds both the same random
dates, deltas, offsets and ISO strings; every result (or exception type and
message) must be equal. Hashes are comparable because both sides hash through
the same process's hash secret.
"""
import datetime as host_datetime
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from protojit.runtime.environment import PythonEnvironment

PROBES = r'''
import datetime as D


def _run(fn):
    try:
        return fn()
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def _zone(minutes, named):
    if minutes is None:
        return None
    off = D.timedelta(minutes=minutes)
    if named:
        return D.timezone(off, "Z%d" % minutes)
    return D.timezone(off)


def date_probe(y, m, d, days):
    def go():
        a = D.date(y, m, d)
        out = [repr(a), str(a), a.toordinal(), a.weekday(), repr(a.isocalendar()), a.ctime(),
               a.strftime("%Y-%m-%d %j %U %W %a"), hash(a), repr(D.date.fromisocalendar(*a.isocalendar()))]
        out.append(_run(lambda: repr(a + D.timedelta(days=days))))
        out.append(_run(lambda: repr(a - D.timedelta(days=days))))
        out.append(_run(lambda: repr(D.date.fromordinal(a.toordinal() + days))))
        out.append(repr(a - D.date(2000, 1, 1)))
        return out
    return _run(go)


def delta_probe(args, factor, divisor):
    def go():
        td = D.timedelta(*args)
        out = [repr(td), str(td), td.total_seconds(), hash(td), bool(td)]
        for op in (lambda: td * factor, lambda: factor * td, lambda: td / divisor,
                   lambda: td // divisor if isinstance(divisor, int) else td // D.timedelta(seconds=divisor),
                   lambda: td % D.timedelta(microseconds=7919), lambda: divmod(td, D.timedelta(hours=5)),
                   lambda: -td, lambda: abs(td), lambda: td + D.timedelta(days=args[0] if args else 0),
                   lambda: td / D.timedelta(minutes=3)):
            out.append(_run(lambda: repr(op())))
        return out
    return _run(go)


def datetime_probe(f1, z1, f2, z2, named, fold):
    def go():
        a = D.datetime(*f1, tzinfo=_zone(z1, named), fold=fold)
        b = D.datetime(*f2, tzinfo=_zone(z2, named))
        out = [repr(a), str(a), a.isoformat("T", "milliseconds"), a.ctime(), hash(a),
               a.strftime("%Y %m %d %H %M %S %f %z %Z %j"), repr(a.timetuple()), repr(a.timetz())]
        for op in (lambda: a - b, lambda: b - a, lambda: a == b, lambda: a != b, lambda: a < b,
                   lambda: a >= b, lambda: a.astimezone(D.timezone.utc), lambda: a.utctimetuple(),
                   lambda: a.timestamp() if a.tzinfo else None,
                   lambda: a + (b - D.datetime(2000, 1, 1, tzinfo=b.tzinfo)),
                   lambda: D.datetime.fromisoformat(a.isoformat()) == a,
                   lambda: a.astimezone(b.tzinfo) if b.tzinfo else None,
                   lambda: a.timetz() < b.timetz(), lambda: hash(a.timetz())):
            out.append(_run(lambda: repr(op())))
        return out
    return _run(go)


def iso_probe(text):
    return [_run(lambda: repr(D.date.fromisoformat(text))), _run(lambda: repr(D.time.fromisoformat(text))),
            _run(lambda: repr(D.datetime.fromisoformat(text)))]


def timestamp_probe(ts, minutes):
    tz = _zone(minutes, False) or D.timezone.utc
    return [_run(lambda: repr(D.datetime.fromtimestamp(ts, tz))),
            _run(lambda: repr(D.datetime.utcfromtimestamp(ts))),
            _run(lambda: D.datetime.fromtimestamp(ts, tz).timestamp())]
'''


@pytest.fixture(scope="module")
def probes():
    host = {"__name__": "host_probes"}
    exec(compile(PROBES, "<host probes>", "exec"), host)
    env = PythonEnvironment(argv=["t"], script_dir=None, tier="interp")
    guest = {"__name__": "guest_probes"}
    env.run_source(PROBES, "<guest probes>", guest)
    return host, guest


def same(probes, name, *args):
    host, guest = probes
    expected = host[name](*args)
    actual = guest[name](*args)
    assert actual == expected, (name, args)


FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
years = st.one_of(st.integers(1, 9999), st.sampled_from([1, 4, 100, 400, 1900, 2000, 9999]))
months = st.integers(0, 13)
days = st.integers(0, 32)
offsets = st.one_of(st.none(), st.integers(-1439, 1439), st.sampled_from([0, 60, -300, 330, 1439]))
numbers = st.one_of(st.integers(-10 ** 9, 10 ** 9), st.floats(-1e6, 1e6, allow_nan=False),
                    st.sampled_from([0.5, 1.5, 2.5, -0.5, 1e-7, 0]))


def test_guest_import_is_lib_datetime():
    env = PythonEnvironment(argv=["t"], script_dir=None, tier="interp")
    ns = {"__name__": "__main__"}
    env.run_source("import datetime\nf = datetime.__file__\nd = datetime.date\n", "<t>", ns)
    assert ns["f"].endswith("lib/datetime.py")
    assert ns["d"] is not host_datetime.date
    assert sys.modules["datetime"] is host_datetime


@FAST
@given(years, months, days, st.integers(-4000000, 4000000))
def test_dates(probes, y, m, d, n):
    same(probes, "date_probe", y, m, d, n)


@FAST
@given(st.lists(numbers, max_size=7), st.one_of(st.integers(-1000, 1000), st.floats(-1e3, 1e3, allow_nan=False)),
       st.one_of(st.integers(-1000, 1000).filter(bool), st.floats(0.001, 1e3)))
def test_timedeltas(probes, args, factor, divisor):
    same(probes, "delta_probe", tuple(args), factor, divisor)


fields = st.tuples(years, st.integers(1, 12), st.integers(1, 28), st.integers(0, 23), st.integers(0, 59),
                   st.integers(0, 59), st.integers(0, 999999))


@FAST
@given(fields, offsets, fields, offsets, st.booleans(), st.integers(0, 1))
def test_datetimes(probes, f1, z1, f2, z2, named, fold):
    same(probes, "datetime_probe", f1, z1, f2, z2, named, fold)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789-:TW .,+Zz\u00e9", max_size=34))
def test_fromisoformat_strings(probes, text):
    same(probes, "iso_probe", text)


@FAST
@given(st.one_of(st.integers(-62135596800, 253402300799), st.floats(-6e10, 2.5e11, allow_nan=False)),
       offsets)
def test_timestamps(probes, ts, minutes):
    same(probes, "timestamp_probe", ts, minutes)
