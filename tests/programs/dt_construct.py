"""datetime: construction, fields, class constants, replace, and the errors for invalid values."""
from datetime import (date, time, datetime, timedelta, timezone, tzinfo, MINYEAR, MAXYEAR,
                      UTC)
import datetime as dt_module


def show(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


print(MINYEAR, MAXYEAR, UTC is timezone.utc, sorted(dt_module.__all__))
print(repr(date.min), repr(date.max), repr(date.resolution))
print(repr(time.min), repr(time.max), repr(time.resolution))
print(repr(datetime.min), repr(datetime.max), repr(datetime.resolution))
print(repr(timedelta.min), repr(timedelta.max), repr(timedelta.resolution))
print(repr(timezone.min), repr(timezone.max), repr(timezone.utc))

d = date(2024, 2, 29)
print(d.year, d.month, d.day, repr(d), str(d))
t = time(13, 5, 7, 250)
print(t.hour, t.minute, t.second, t.microsecond, t.tzinfo, t.fold, repr(t), str(t))
x = datetime(1999, 12, 31, 23, 59, 58, 999999, tzinfo=timezone.utc, fold=1)
print(x.year, x.month, x.day, x.hour, x.minute, x.second, x.microsecond, x.tzinfo, x.fold)
print(repr(x), str(x))
print(repr(datetime(2020, 1, 2)), repr(datetime(2020, 1, 2, 3, 4, 5)), repr(time()), repr(time(0, 0, 1)))
print(repr(date(year=5, month=6, day=7)), repr(time(hour=1, tzinfo=None)), repr(datetime(1, 1, 1, fold=1)))
print(repr(date(True, 1, 1)))

for args in [(0, 1, 1), (10000, 1, 1), (2020, 0, 1), (2020, 13, 1), (2020, 2, 30), (2021, 2, 29),
             (2020, 4, 31), (2020, 1, 0), (-1, 1, 1)]:
    show("date%r" % (args,), lambda: date(*args))
for args in [(24,), (0, 60), (0, 0, 60), (0, 0, 0, 1000000), (-1,), (0, -1)]:
    show("time%r" % (args,), lambda: time(*args))
show("time fold=2", lambda: time(fold=2))
show("datetime fold=-1", lambda: datetime(2020, 1, 1, fold=-1))
show("datetime hour 24", lambda: datetime(2020, 1, 1, 24))
show("datetime day 32", lambda: datetime(2020, 1, 32))
show("date float", lambda: date(2020.0, 1, 1))
show("date str", lambda: date("2020", 1, 1))
show("date None", lambda: date(2020, None, 1))
show("date huge", lambda: date(2 ** 40, 1, 1))
show("date huge negative", lambda: date(-2 ** 40, 1, 1))
show("date giant", lambda: date(10 ** 30, 1, 1))
show("date missing", lambda: date(2020))
show("date missing day", lambda: date(2020, 1))
show("date no args", lambda: date())
show("datetime missing", lambda: datetime(2020, 1))
show("time tzinfo int", lambda: time(tzinfo=1))
show("datetime tzinfo str", lambda: datetime(2020, 1, 1, tzinfo="UTC"))
show("datetime overflow before range", lambda: datetime(0, 1, 1, 2 ** 40))


class Idx:
    def __index__(self):
        return 7


print(repr(date(2020, Idx(), Idx())), repr(time(Idx(), Idx())))

print("-- timedelta")
for args, kw in [((), {}), ((1,), {}), ((0, 1), {}), ((0, 0, 1), {}), ((-1,), {}), ((0, -1), {}),
                 ((0, 0, -1), {}), ((), {"weeks": 2, "hours": -3}), ((), {"milliseconds": 1500}),
                 ((1.5, 2.25, 3.125, 4, 5, 6, 7), {}), ((), {"microseconds": 0.5}),
                 ((), {"microseconds": 1.5}), ((), {"microseconds": 2.5}), ((), {"microseconds": -0.5}),
                 ((), {"seconds": 1e-6}), ((), {"days": 1 / 3}), ((), {"hours": -1.75}),
                 ((), {"days": True}), ((), {"minutes": 2 ** 40}), ((), {"seconds": 86399.9999999}),
                 ((), {"days": 999999999, "seconds": 86399, "microseconds": 999999}),
                 ((), {"days": 1e9}), ((), {"days": 999999999, "hours": 24}), ((), {"days": -1e100}),
                 ((), {"days": float("nan")}), ((), {"days": float("inf")}), (("1",), {}),
                 ((), {"seconds": None}), ((), {"days": -999999999}), ((), {"days": -1000000000})]:
    show("timedelta(*%r, **%r)" % (args, kw), lambda: timedelta(*args, **kw))
td = timedelta(days=-1, seconds=5, microseconds=7)
print(td.days, td.seconds, td.microseconds, td.total_seconds(), repr(td), str(td))
for v in [timedelta(0), timedelta(1), timedelta(-1), timedelta(2), timedelta(-2), timedelta(0, 1),
          timedelta(1, 1, 1), timedelta(0, 0, 1), timedelta(-1, 86399, 999999), timedelta(3, 3661)]:
    print(repr(v), str(v), bool(v), v.total_seconds())

print("-- timezone")
for args in [(timedelta(0),), (timedelta(0), "UTC"), (timedelta(hours=5, minutes=30),),
             (timedelta(hours=-5), "EST"), (timedelta(seconds=1),), (-timedelta(seconds=1, microseconds=5),),
             (timedelta(hours=24),), (timedelta(hours=-24),), (timedelta(hours=23, minutes=59, seconds=59),),
             (timedelta(hours=1), 3), (1,), (timedelta(hours=1), None)]:
    show("timezone%r" % (args,), lambda: timezone(*args))
for z in [timezone.utc, timezone(timedelta(hours=-5, minutes=-30)), timezone(timedelta(0), "Z"),
          timezone(-timedelta(seconds=1, microseconds=5)), timezone(timedelta(hours=1, seconds=5))]:
    print(repr(z), str(z), z.tzname(None), z.utcoffset(None), z.dst(None))
show("timezone subclass", lambda: type("Zone", (timezone,), {}))
show("tzinfo base utcoffset", lambda: tzinfo().utcoffset(None))
show("tzinfo base dst", lambda: tzinfo().dst(None))
show("tzinfo base tzname", lambda: tzinfo().tzname(None))
show("timezone utcoffset bad arg", lambda: timezone.utc.utcoffset(5))
show("timezone tzname bad arg", lambda: timezone.utc.tzname("x"))
show("timezone.fromutc naive", lambda: timezone.utc.fromutc(datetime(2020, 1, 1)))
show("timezone.fromutc not datetime", lambda: timezone.utc.fromutc(5))

print("-- replace")
print(repr(d.replace(year=2023, day=28)), repr(d.replace()), repr(t.replace(hour=0, tzinfo=timezone.utc)))
print(repr(x.replace(tzinfo=None)), repr(x.replace(fold=0, microsecond=0)), repr(t.replace(fold=1)))
show("replace day 30 in Feb", lambda: d.replace(day=30))
show("replace month 13", lambda: x.replace(month=13))
show("replace tzinfo int", lambda: t.replace(tzinfo=3))
show("replace fold 5", lambda: x.replace(fold=5))
show("replace year None", lambda: d.replace(year=None))
show("replace tzinfo True", lambda: t.replace(tzinfo=True))
show("replace fold None", lambda: x.replace(fold=None))
show("replace positional", lambda: x.replace(2001, 2, 3, 4, 5, 6, 7, None))
show("time replace positional", lambda: t.replace(2, 3, 4, 5, timezone.utc))
show("combine tzinfo True", lambda: datetime.combine(d, t, tzinfo=True))
show("combine tzinfo None", lambda: datetime.combine(d, time(1, tzinfo=timezone.utc), None))
show("combine keeps tz and fold", lambda: datetime.combine(d, time(1, tzinfo=timezone.utc, fold=1)))
show("combine datetime as date", lambda: datetime.combine(x, t))
show("combine bad date", lambda: datetime.combine(None, t))
show("combine bad time", lambda: datetime.combine(d, d))
show("datetime.fromisocalendar", lambda: datetime.fromisocalendar(2020, 53, 5))
show("datetime.fromordinal", lambda: datetime.fromordinal(1))
show("datetime.date()", lambda: x.date())
show("datetime.time()", lambda: x.time())
show("datetime.timetz()", lambda: x.timetz())
