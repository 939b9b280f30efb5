"""datetime: pickling with every protocol, copy/deepcopy, __reduce__/__reduce_ex__ results,
pickle state constructors, and tzinfo subclasses with __getinitargs__ and state."""
import copy
import pickle
from datetime import date, time, datetime, timedelta, timezone, tzinfo


def show(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


class FixedZone(tzinfo):
    def __init__(self, minutes=0, name="F"):
        self.off = timedelta(minutes=minutes)
        self.name = name

    def __getinitargs__(self):
        return (self.off.total_seconds() // 60, self.name)

    def utcoffset(self, dt):
        return self.off

    def tzname(self, dt):
        return self.name

    def dst(self, dt):
        return timedelta(0)

    def __repr__(self):
        return "FixedZone(%r, %r)" % (self.off, self.name)


class StateZone(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=getattr(self, "hours", 0))

    def __repr__(self):
        return "StateZone(%r)" % (vars(self),)


sz = StateZone()
sz.hours = 4
values = [date(2020, 2, 29), date.min, date.max, time(1, 2, 3, 4), time(23, 59, 59, 999999, fold=1),
          time(5, tzinfo=timezone.utc), time(6, tzinfo=FixedZone(90)), datetime(2021, 3, 4, 5, 6, 7, 8),
          datetime(2021, 3, 4, 5, 6, 7, 8, fold=1), datetime.max, datetime.min,
          datetime(2021, 1, 1, tzinfo=timezone(timedelta(hours=-3), "BRT")),
          datetime(2021, 1, 1, tzinfo=FixedZone(-330, "X")), datetime(2021, 1, 1, tzinfo=sz),
          timedelta(0), timedelta(-1, 5, 7), timedelta.max, timedelta.min, timezone.utc, timezone.min,
          timezone.max, timezone(timedelta(hours=5), "five"), timezone(timedelta(0), "UTC"),
          FixedZone(15, "Q"), date(2024, 1, 1).isocalendar()]
for v in values:
    results = []
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(v, proto))
        results.append((repr(back) == repr(v), type(back) is type(v), back == v,
                        getattr(back, "fold", 0)))
    print(repr(v), results)
    c, dc = copy.copy(v), copy.deepcopy(v)
    print("   copy", repr(c) == repr(v), type(c) is type(v), "deepcopy", repr(dc) == repr(v),
          type(dc) is type(v))
print(pickle.loads(pickle.dumps(timezone.utc)) is timezone.utc, copy.deepcopy(timezone.utc) is timezone.utc)
print(pickle.loads(pickle.dumps(timezone(timedelta(0)))) is timezone.utc)
nested = {"when": [datetime(2020, 1, 1, tzinfo=timezone.utc), date(2020, 1, 1)], "span": (timedelta(3),)}
print(pickle.loads(pickle.dumps(nested)) == nested)
shared = timezone(timedelta(hours=2))
pair = [datetime(2020, 1, 1, tzinfo=shared), datetime(2020, 1, 2, tzinfo=shared)]
back = pickle.loads(pickle.dumps(pair))
print(back[0].tzinfo is back[1].tzinfo, back == pair)

print("-- reduce")
for v in [date(2020, 2, 29), time(1, 2, 3, 4), time(1, fold=1), time(1, tzinfo=timezone.utc, fold=1),
          datetime(2021, 3, 4, 5, 6, 7, 8), datetime(2021, 3, 4, fold=1),
          datetime(2021, 3, 4, tzinfo=timezone.utc), timedelta(-1, 5, 7), timezone.utc,
          timezone(timedelta(hours=1), "x"), FixedZone(30), date(2024, 1, 1).isocalendar()]:
    print(repr(v), v.__reduce__(), v.__reduce_ex__(2), v.__reduce_ex__(4))
print(StateZone().__reduce__(), sz.__reduce__())

print("-- state constructors")
show("date bytes", lambda: date(b"\x07\xe4\x02\x1d"))
show("date str", lambda: date("\x07\xe4\x02\x1d"))
show("date bytes bad month", lambda: date(b"\x07\xe4\x0d\x01"))
show("date bytes wrong length", lambda: date(b"\x07\xe4\x02"))
show("time bytes", lambda: time(b"\x01\x02\x03\x00\x00\x04"))
show("time bytes fold", lambda: time(b"\x81\x02\x03\x00\x00\x04"))
show("time bytes tz", lambda: time(b"\x01\x02\x03\x00\x00\x04", timezone.utc))
show("time bytes bad tz", lambda: time(b"\x01\x02\x03\x00\x00\x04", 5))
show("time bytes hour 24", lambda: time(b"\x18\x02\x03\x00\x00\x04"))
show("datetime bytes", lambda: datetime(b"\x07\xe5\x03\x04\x05\x06\x07\x00\x00\x08"))
show("datetime bytes fold", lambda: datetime(b"\x07\xe5\x83\x04\x05\x06\x07\x00\x00\x08"))
show("datetime bytes tz", lambda: datetime(b"\x07\xe5\x03\x04\x05\x06\x07\x00\x00\x08", timezone.utc))
show("datetime bytes bad tz", lambda: datetime(b"\x07\xe5\x03\x04\x05\x06\x07\x00\x00\x08", "x"))
show("timedelta reduce args", lambda: timedelta(*timedelta(-1, 5, 7).__reduce__()[1]))
