"""datetime: comparisons (naive vs aware rules, PEP 495 folds), hashing, sets, dicts, sorting."""
from datetime import date, time, datetime, timedelta, timezone, tzinfo


def show(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


def kind(label, fn):
    try:
        print(label, "->", repr(fn()))
    except TypeError:
        print(label, "!! TypeError")


def rel(a, b):
    return (a == b, a != b, a < b, a <= b, a > b, a >= b)


UTC = timezone.utc
EST = timezone(timedelta(hours=-5), "EST")
CET = timezone(timedelta(hours=1))

print(rel(date(2020, 1, 1), date(2020, 1, 2)), rel(date(2020, 5, 1), date(2019, 12, 31)))
print(rel(date(2020, 1, 1), date(2020, 1, 1)))
print(rel(time(1, 2, 3), time(1, 2, 3, 1)), rel(time(5), time(4, 59, 59, 999999)))
print(rel(timedelta(-1), timedelta(0, 86399)), rel(timedelta(1), timedelta(hours=24)))
print(rel(datetime(2020, 1, 1, 12), datetime(2020, 1, 1, 12, 0, 0, 1)))
print(rel(datetime(2020, 1, 1, 12, tzinfo=UTC), datetime(2020, 1, 1, 7, tzinfo=EST)))
print(rel(datetime(2020, 1, 1, 12, tzinfo=UTC), datetime(2020, 1, 1, 13, tzinfo=CET)))
print(rel(datetime(2020, 1, 1, 12, tzinfo=UTC), datetime(2020, 1, 1, 13, 0, 1, tzinfo=CET)))
print(rel(time(12, tzinfo=UTC), time(7, tzinfo=EST)), rel(time(12, tzinfo=UTC), time(12, tzinfo=EST)))
print(rel(time(12, 0, 0, 5, tzinfo=UTC), time(13, 0, 0, 4, tzinfo=CET)))
naive, aware = datetime(2020, 1, 1), datetime(2020, 1, 1, tzinfo=UTC)
print(naive == aware, naive != aware, aware == naive)
show("naive < aware", lambda: naive < aware)
show("aware >= naive", lambda: aware >= naive)
show("time naive < aware", lambda: time(1) < time(1, tzinfo=UTC))
print(time(1) == time(1, tzinfo=UTC), time(1) != time(1, tzinfo=UTC))
print(datetime(2020, 1, 1) == date(2020, 1, 1), date(2020, 1, 1) == datetime(2020, 1, 1))
print(datetime(2020, 1, 1) != date(2020, 1, 1), date(2020, 1, 1) != datetime(2020, 1, 1))
show("datetime < date", lambda: datetime(2020, 1, 1) < date(2020, 1, 2))
show("date < datetime", lambda: date(2020, 1, 1) < datetime(2020, 1, 2))
print(date(2020, 1, 1) == "2020-01-01", timedelta(0) == 0, time(0) == 0, UTC == 0, UTC != 0)
kind("date < int", lambda: date(2020, 1, 1) < 5)
kind("timedelta > float", lambda: timedelta(1) > 1.0)
kind("time <= str", lambda: time(1) <= "x")
print(UTC == timezone(timedelta(0)), UTC == timezone(timedelta(0), "UTC"), EST == timezone(timedelta(hours=-5)))
print(time(1, fold=1) == time(1), datetime(2020, 1, 1, fold=1) == datetime(2020, 1, 1))


class Broken(tzinfo):
    def utcoffset(self, dt):
        return 5


class Huge(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=24)


class NoOffset(tzinfo):
    def utcoffset(self, dt):
        return None

    def tzname(self, dt):
        return None


show("broken utcoffset compare", lambda: datetime(2020, 1, 1, tzinfo=Broken()) == aware)
show("huge utcoffset compare", lambda: datetime(2020, 1, 1, tzinfo=Huge()) < aware)
show("None offset counts as naive", lambda: datetime(2020, 1, 1, tzinfo=NoOffset()) == naive)
show("None offset < aware", lambda: datetime(2020, 1, 1, tzinfo=NoOffset()) < aware)
show("None offset < naive", lambda: datetime(2020, 1, 1, tzinfo=NoOffset()) < datetime(2020, 1, 2))


class Gap(tzinfo):
    """A zone whose offset depends on fold at 01:xx on 2020-11-01 (a repeated hour)."""

    def utcoffset(self, dt):
        if dt.replace(tzinfo=None) is not None and dt.month == 11 and dt.day == 1 and dt.hour == 1:
            return timedelta(hours=-5) if dt.fold else timedelta(hours=-4)
        return timedelta(hours=-5)

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return "G"


g = Gap()
first = datetime(2020, 11, 1, 1, 30, tzinfo=g)
second = first.replace(fold=1)
print(first == second, first != second, second - first, first.utcoffset(), second.utcoffset())
print(first == first.astimezone(UTC), second == second.astimezone(UTC))
print(first.astimezone(UTC) == first, hash(first) == hash(first.replace(fold=1)))
print(datetime(2020, 11, 1, 1, 30, tzinfo=g) == datetime(2020, 11, 1, 6, 30, tzinfo=UTC))

print("-- hashing")
values = [date(2020, 1, 1), date(1, 1, 1), date(9999, 12, 31), time(0), time(23, 59, 59, 999999),
          time(12, 30, tzinfo=UTC), time(7, 30, tzinfo=EST), datetime(2020, 1, 1), datetime.max,
          datetime(2020, 1, 1, 12, tzinfo=UTC), datetime(2020, 1, 1, 7, tzinfo=EST),
          datetime(2020, 1, 1, 13, tzinfo=CET), timedelta(0), timedelta(1, 2, 3), timedelta(-1),
          timedelta.max, timedelta.min, UTC, EST, CET, time(1, fold=1), datetime(2020, 1, 1, fold=1)]
for v in values:
    print(repr(v), hash(v))
print(hash(datetime(2020, 1, 1, 12, tzinfo=UTC)) == hash(datetime(2020, 1, 1, 7, tzinfo=EST)))
print(hash(time(1, fold=1)) == hash(time(1)), hash(UTC) == hash(timedelta(0)))
print(hash(date(2020, 1, 1)) == hash(datetime(2020, 1, 1)), hash(first) == hash(second))
s = {datetime(2020, 1, 1, 12, tzinfo=UTC), datetime(2020, 1, 1, 7, tzinfo=EST),
     datetime(2020, 1, 1, 13, tzinfo=CET), datetime(2020, 1, 1, 12)}
print(len(s))
counts = {}
for i in range(200):
    k = date(2020, 1, 1) + timedelta(days=i % 13)
    counts[k] = counts.get(k, 0) + 1
print(len(counts), counts[date(2020, 1, 5)], sorted(counts)[:3])
print({timedelta(hours=24): "a", timedelta(days=1): "b"})
mixed = [datetime(2020, 1, 1, h, tzinfo=timezone(timedelta(hours=h - 5))) for h in range(10)]
print([x.hour for x in sorted(mixed)], min(mixed).hour, max(mixed).hour)
print(sorted([timedelta(-1), timedelta(0, 5), timedelta(microseconds=-1), timedelta(2)]))
print(sorted([date(2020, 1, 1), date(1999, 5, 5), date(2020, 1, 1) - timedelta(1)]))
print(sorted([time(5), time(1, 2), time(1, 1, 1, 1)]))
print(bool(time(0)), bool(timedelta(0)), bool(timedelta(microseconds=1)), bool(date.min))

print("-- ordering across the module's classes")
objs = [date(2020, 1, 1), datetime(2020, 1, 1), time(1), timedelta(1), UTC]
for a in objs:
    for b in objs:
        show("%s < %s" % (type(a).__name__, type(b).__name__), lambda: a < b)
        show("%s >= %s" % (type(a).__name__, type(b).__name__), lambda: a >= b)
        print(type(a).__name__, type(b).__name__, a == b, a != b)
