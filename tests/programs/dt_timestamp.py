"""datetime: POSIX timestamps both ways (UTC forms printed; local-time forms checked by round trip),
rounding of float timestamps, now/today/utcnow types, range errors."""
from datetime import date, time, datetime, timedelta, timezone
import time as _time

UTC = timezone.utc


def show(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


for ts in [0, 1, -1, 86399, 86400, 951782400, 1e9, 1234567890.123456, 1700000000.5, -0.5, -1.5,
           -1e-7, 0.0000005, 0.0000015, 0.0000025, 1.9999999, 2.5e-6, -86400 * 365.25 * 100,
           253402300799, 253402300800, -62135596800, -62135596801, 2 ** 33, 1e11, -1e11]:
    show("fromtimestamp(%r, UTC)" % ts, lambda: datetime.fromtimestamp(ts, UTC))
    show("utcfromtimestamp(%r)" % ts, lambda: datetime.utcfromtimestamp(ts))
for ts in [0, 86400 * 365, 1700000000]:
    for off in [-12, -5, 0, 5.5, 14]:
        z = timezone(timedelta(hours=off))
        v = datetime.fromtimestamp(ts, z)
        print(ts, off, repr(v), v.timestamp() == ts)
show("fromtimestamp nan", lambda: datetime.fromtimestamp(float("nan"), UTC))
show("fromtimestamp inf", lambda: datetime.fromtimestamp(float("inf")))
show("fromtimestamp 1e20", lambda: datetime.fromtimestamp(1e20, UTC))
show("utcfromtimestamp 2**70", lambda: datetime.utcfromtimestamp(2 ** 70))
show("fromtimestamp str", lambda: datetime.fromtimestamp("0"))
show("fromtimestamp None", lambda: datetime.utcfromtimestamp(None))
show("fromtimestamp tz int", lambda: datetime.fromtimestamp(0, 1))
show("date.fromtimestamp nan", lambda: date.fromtimestamp(float("nan")))
show("date.fromtimestamp 2**70", lambda: date.fromtimestamp(2 ** 70))

print("-- aware timestamps")
for v in [datetime(1970, 1, 1, tzinfo=UTC), datetime(2000, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
          datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
          datetime(2020, 6, 1, 12, tzinfo=timezone(timedelta(hours=-7))),
          datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)]:
    print(repr(v), v.timestamp())
    show("  back", lambda: datetime.fromtimestamp(v.timestamp(), UTC) == v)

print("-- local time (values depend on the machine's zone, so only relations are printed)")
for ts in [0, 1e9, 1234567890, 1700000000, 1700000000.25]:
    v = datetime.fromtimestamp(ts)
    print(ts, v.tzinfo is None, v.timestamp() == ts, date.fromtimestamp(ts) == v.date())
    a = v.astimezone()
    print(a.astimezone(UTC) == datetime.fromtimestamp(ts, UTC), a.replace(tzinfo=None) == v,
          type(a.tzinfo).__name__)
    print(datetime.fromtimestamp(ts, UTC).astimezone().replace(tzinfo=None) == v)
print(datetime(2021, 1, 1).astimezone(UTC) == datetime.fromtimestamp(datetime(2021, 1, 1).timestamp(), UTC))
loc = datetime(2021, 5, 5, 12).astimezone()
print(loc.utcoffset() == datetime.fromtimestamp(loc.timestamp()).astimezone().utcoffset(),
      loc.tzname() == loc.tzinfo.tzname(None))

print("-- clocks")
before = _time.time()
n = datetime.now()
u = datetime.utcnow()
z = datetime.now(UTC)
t = date.today()
after = _time.time()
print(type(n).__name__, n.tzinfo, type(u).__name__, u.tzinfo, repr(z.tzinfo), type(t).__name__)
# each clock read lies between the two host readings around them (an order, not a duration;
# the 1 ms slack covers rounding to microseconds)
print(before - 1e-3 <= z.timestamp() <= after + 1e-3,
      before - 1e-3 <= u.replace(tzinfo=UTC).timestamp() <= after + 1e-3)
print(before - 1e-3 <= n.timestamp() <= after + 1e-3,
      t in (date.fromtimestamp(before), date.fromtimestamp(after)))
print(datetime.now(timezone(timedelta(hours=3))).utcoffset(), datetime.today().tzinfo)
show("now(tz=int)", lambda: datetime.now(5))
