"""datetime: subclasses of date, datetime, time, timedelta and tzinfo: which operations return the
subclass, which call the subclass constructor (and with what), reprs, pickling of subclasses."""
import pickle
from datetime import date, time, datetime, timedelta, timezone, tzinfo

calls = []


class MyDate(date):
    def __new__(cls, *args, **kwargs):
        calls.append(("MyDate", args, kwargs))
        return super().__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        calls.append(("MyDate.__init__", args))

    def describe(self):
        return "my " + self.isoformat()


class MyDateTime(datetime):
    def __new__(cls, *args, **kwargs):
        calls.append(("MyDateTime", args, tuple(sorted(kwargs.items()))))
        return super().__new__(cls, *args, **kwargs)


class Plain(datetime):
    extra = "x"


class MyTime(time):
    def __new__(cls, *args, **kwargs):
        calls.append(("MyTime", args, tuple(sorted(kwargs.items()))))
        return super().__new__(cls, *args, **kwargs)


class MyDelta(timedelta):
    def __new__(cls, *args, **kwargs):
        calls.append(("MyDelta", args, kwargs))
        return super().__new__(cls, *args, **kwargs)

    def hours(self):
        return self.total_seconds() / 3600


class Tagged(date):
    __slots__ = ("tag",)


def flush(label, value):
    print(label, "->", repr(value), type(value).__name__, calls[:])
    calls.clear()


def show(label, fn):
    try:
        flush(label, fn())
    except Exception as e:
        print(label, "!!", type(e).__name__, e, calls[:])
        calls.clear()


d = MyDate(2020, 1, 31)
flush("construct", d)
print(d.describe(), isinstance(d, date), repr(d), str(d))
show("d + 1 day", lambda: d + timedelta(1))
show("1 day + d", lambda: timedelta(1) + d)
show("d - 1 day", lambda: d - timedelta(1))
show("d - date", lambda: d - date(2020, 1, 1))
show("replace", lambda: d.replace(month=2, day=29))
show("replace invalid", lambda: d.replace(month=2, day=30))
show("fromordinal", lambda: MyDate.fromordinal(737425))
show("fromisoformat", lambda: MyDate.fromisoformat("2020-02-02"))
show("fromisocalendar", lambda: MyDate.fromisocalendar(2020, 5, 3))
show("fromtimestamp type", lambda: type(MyDate.fromtimestamp(0)).__name__)
show("today type", lambda: type(MyDate.today()).__name__)
show("d == date", lambda: d == date(2020, 1, 31))
show("hash equal", lambda: hash(d) == hash(date(2020, 1, 31)))
show("pickle", lambda: pickle.loads(pickle.dumps(d)))
show("reduce", lambda: d.__reduce__())
show("strftime", lambda: d.strftime("%d.%m.%Y"))
show("format", lambda: format(d, "%Y"))

x = MyDateTime(2020, 3, 8, 1, 30, fold=1)
flush("construct", x)
show("x + 1h", lambda: x + timedelta(hours=1))
show("x - 1h", lambda: x - timedelta(hours=1))
show("x - x", lambda: x - x)
show("x - datetime", lambda: x - datetime(2020, 1, 1))
show("replace", lambda: x.replace(hour=5))
show("replace fold", lambda: x.replace(fold=0))
show("date()", lambda: x.date())
show("time()", lambda: x.time())
show("timetz()", lambda: x.timetz())
show("combine", lambda: MyDateTime.combine(date(2021, 1, 2), time(3, 4, fold=1)))
show("combine tz", lambda: MyDateTime.combine(date(2021, 1, 2), time(3, 4), timezone.utc))
show("fromisoformat", lambda: MyDateTime.fromisoformat("2021-01-02T03:04:05+01:00"))
show("strptime", lambda: MyDateTime.strptime("2021-01-02 +0100", "%Y-%m-%d %z"))
show("utcfromtimestamp", lambda: MyDateTime.utcfromtimestamp(86400 * 365))
show("fromtimestamp utc", lambda: MyDateTime.fromtimestamp(86400 * 366, timezone.utc))
show("fromordinal", lambda: MyDateTime.fromordinal(737425))
show("astimezone", lambda: MyDateTime(2020, 1, 1, 12, tzinfo=timezone.utc).astimezone(timezone(timedelta(hours=2))))
print(type(MyDateTime.now(timezone.utc)).__name__, len(calls), type(MyDateTime.utcnow()).__name__, len(calls))
calls.clear()
show("pickle", lambda: pickle.loads(pickle.dumps(MyDateTime(2020, 1, 2, 3, tzinfo=timezone.utc))))
show("pickle fold proto 2", lambda: pickle.loads(pickle.dumps(x, 2)))
show("pickle fold proto 4", lambda: pickle.loads(pickle.dumps(x, 4)))
show("compare", lambda: (x < MyDateTime(2021, 1, 1), x == datetime(2020, 3, 8, 1, 30)))
show("compare date", lambda: x < date(2021, 1, 1))

p = Plain(2020, 1, 1, 12)
print(repr(p), p.extra, repr(p + timedelta(1)), type(p - timedelta(1)).__name__, repr(p.replace(year=2000)))
print(type(Plain.fromisoformat("2020-01-01")).__name__, type(Plain.combine(date(2020, 1, 1), time())).__name__)

t = MyTime(1, 2, 3, tzinfo=timezone.utc)
flush("construct", t)
show("replace", lambda: t.replace(second=9))
show("fromisoformat", lambda: MyTime.fromisoformat("10:11:12.5"))
show("fromisoformat tz", lambda: MyTime.fromisoformat("10:11Z"))
show("pickle", lambda: pickle.loads(pickle.dumps(t)))
show("str", lambda: str(t))

m = MyDelta(hours=36)
flush("construct", m)
print(m.hours(), repr(m), str(m))
show("m + m", lambda: m + m)
show("-m", lambda: -m)
show("+m", lambda: +m)
show("abs", lambda: abs(m))
show("m * 2", lambda: m * 2)
show("m / 2", lambda: m / 2)
show("m // 5", lambda: m // 5)
show("m % hour", lambda: m % timedelta(hours=5))
show("divmod", lambda: divmod(m, timedelta(hours=5)))
show("date + m", lambda: date(2020, 1, 1) + m)
show("pickle", lambda: pickle.loads(pickle.dumps(m)))
show("eq", lambda: m == timedelta(days=1, hours=12))

g = Tagged(2020, 5, 5)
g.tag = "t"
print(repr(g), g.tag, repr(g + timedelta(1)), repr(g.replace(day=6)))
show("slots pickle", lambda: pickle.loads(pickle.dumps(g)).tag)


class NestedHolder:
    class Inner(date):
        pass


print(repr(NestedHolder.Inner(2020, 1, 1)), repr(NestedHolder.Inner(2020, 1, 1) + timedelta(1)))
print(MyDate.__mro__[1] is date, issubclass(MyDateTime, date), isinstance(x, date))
print(date.__name__, datetime.__qualname__, repr(date), repr(timedelta), repr(timezone), repr(tzinfo))
print(date.__module__, type(d).__module__, timezone.__module__)
