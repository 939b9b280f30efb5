"""datetime: tzinfo subclasses with DST rules, fromutc, astimezone between zones, utcoffset/dst/tzname
checks and errors (deterministic: fixed zones and rule-based zones only)."""
from datetime import date, time, datetime, timedelta, timezone, tzinfo

ZERO = timedelta(0)
HOUR = timedelta(hours=1)


def show(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


def first_sunday_on_or_after(dt):
    days_to_go = 6 - dt.weekday()
    if days_to_go:
        dt += timedelta(days_to_go)
    return dt


class USZone(tzinfo):
    """US rules since 2007: DST from the 2nd Sunday of March 2:00 to the 1st Sunday of November 2:00."""

    def __init__(self, hours, name, dstname):
        self.stdoffset = timedelta(hours=hours)
        self.reprname = name
        self.stdname = name
        self.dstname = dstname

    def __repr__(self):
        return self.reprname

    def tzname(self, dt):
        return self.dstname if self.dst(dt) else self.stdname

    def utcoffset(self, dt):
        return self.stdoffset + self.dst(dt)

    def _bounds(self, year):
        start = first_sunday_on_or_after(datetime(year, 3, 8, 2))
        end = first_sunday_on_or_after(datetime(year, 11, 1, 2))
        return start, end

    def dst(self, dt):
        if dt is None or dt.tzinfo is None:
            return ZERO
        start, end = self._bounds(dt.year)
        dt = dt.replace(tzinfo=None)
        if start + HOUR <= dt < end - HOUR:
            return HOUR
        if end - HOUR <= dt < end:
            return ZERO if dt.fold else HOUR
        if start <= dt < start + HOUR:
            return HOUR if dt.fold else ZERO
        return ZERO

    def fromutc(self, dt):
        assert dt.tzinfo is self
        start, end = self._bounds(dt.year)
        start = start.replace(tzinfo=self)
        end = end.replace(tzinfo=self)
        std_time = dt + self.stdoffset
        dst_time = std_time + HOUR
        if end <= dst_time < end + HOUR:
            return std_time.replace(fold=1)
        if std_time < start or dst_time >= end:
            return std_time
        if start <= std_time < end - HOUR:
            return dst_time


Eastern = USZone(-5, "Eastern", "EDT")
Pacific = USZone(-8, "Pacific", "PDT")
UTC = timezone.utc

for hour in range(3, 10):
    u = datetime(2024, 3, 10, hour, tzinfo=UTC)
    e = u.astimezone(Eastern)
    print(u.time(), "UTC =", e.time(), e.tzname(), e.fold, e.utcoffset(), e.dst(), e.astimezone(UTC) == u)
for hour in range(4, 9):
    u = datetime(2024, 11, 3, hour, tzinfo=UTC)
    e = u.astimezone(Eastern)
    print(u.time(), "UTC =", e.time(), e.tzname(), e.fold, e.utcoffset(), repr(e), e.astimezone(UTC) == u)
w = datetime(2024, 7, 4, 12, tzinfo=Eastern)
print(repr(w), w.isoformat(), w.astimezone(Pacific), w.astimezone(UTC), w.timestamp())
print(w.astimezone(timezone(timedelta(hours=9, minutes=30))).isoformat(), w.astimezone(Eastern) is w)
print(w.utcoffset(), w.dst(), w.tzname(), w.timetz().utcoffset(), w.timetz().tzname(), w.timetz().dst())
print(w - datetime(2024, 7, 4, 12, tzinfo=Pacific), w == datetime(2024, 7, 4, 9, tzinfo=Pacific))
ambiguous = datetime(2024, 11, 3, 1, 30, tzinfo=Eastern)
print(ambiguous.utcoffset(), ambiguous.replace(fold=1).utcoffset(), ambiguous.timestamp(),
      ambiguous.replace(fold=1).timestamp(), ambiguous == ambiguous.replace(fold=1))
print(ambiguous.astimezone(UTC), ambiguous.replace(fold=1).astimezone(UTC))


class Default(tzinfo):
    """Relies on tzinfo.fromutc's default algorithm."""

    def __repr__(self):
        return "Default()"

    def utcoffset(self, dt):
        return timedelta(hours=2) + self.dst(dt)

    def dst(self, dt):
        return HOUR if dt is not None and 4 <= dt.month <= 9 else ZERO

    def tzname(self, dt):
        return "D+%s" % self.utcoffset(dt)


D = Default()
for m in (1, 3, 4, 9, 10, 12):
    u = datetime(2021, m, 15, 22, 30, tzinfo=UTC)
    print(repr(u.astimezone(D)), u.astimezone(D).tzname())
print(D.fromutc(datetime(2021, 6, 1, tzinfo=D)))
show("fromutc wrong tz", lambda: D.fromutc(datetime(2021, 6, 1, tzinfo=UTC)))
show("fromutc date", lambda: D.fromutc(date(2021, 6, 1)))


class NoneOffset(tzinfo):
    def utcoffset(self, dt):
        return None

    def dst(self, dt):
        return None

    def tzname(self, dt):
        return None


class NoneDst(tzinfo):
    def utcoffset(self, dt):
        return HOUR

    def dst(self, dt):
        return None


class BadType(tzinfo):
    def utcoffset(self, dt):
        return 3600

    def dst(self, dt):
        return "x"

    def tzname(self, dt):
        return b"bytes"


class TooBig(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=24)

    def dst(self, dt):
        return -timedelta(hours=24)


for z in (NoneOffset(), NoneDst(), BadType(), TooBig()):
    v = datetime(2021, 6, 1, 12, tzinfo=z)
    name = type(z).__name__
    show(name + " utcoffset", v.utcoffset)
    show(name + " dst", v.dst)
    show(name + " tzname", v.tzname)
    show(name + " fromutc", lambda: z.fromutc(v))
    show(name + " astimezone UTC", lambda: v.astimezone(UTC).isoformat())
    show(name + " isoformat", v.isoformat)
    show(name + " time utcoffset", lambda: v.timetz().utcoffset())
    show(name + " hash eq", lambda: hash(v) == hash(v))
show("astimezone int", lambda: w.astimezone(5))
show("astimezone date tz", lambda: w.astimezone(tz=date(2020, 1, 1)))
print(datetime(2020, 1, 1, tzinfo=UTC).astimezone(UTC) is not None)
plus3 = timezone(timedelta(hours=3))
print(plus3.fromutc(datetime(2020, 12, 31, 22, tzinfo=plus3)))
show("timezone fromutc equal zone", lambda: plus3.fromutc(datetime(2020, 1, 1, tzinfo=timezone(timedelta(hours=3)))))
show("timezone fromutc other", lambda: timezone(timedelta(hours=3)).fromutc(datetime(2020, 1, 1, tzinfo=UTC)))
print(time(12, tzinfo=Eastern).utcoffset(), time(12, tzinfo=Eastern).tzname(), time(12, tzinfo=Eastern).dst())
print(str(time(12, tzinfo=Eastern)), repr(time(12, 30, tzinfo=Eastern)))
for off in [timedelta(hours=-12), timedelta(hours=14), timedelta(minutes=-1), timedelta(seconds=59)]:
    z = timezone(off)
    u = datetime(2000, 1, 1, tzinfo=UTC).astimezone(z)
    print(repr(u), str(z), u.tzname(), u.astimezone(UTC) == u)
show("max astimezone east", lambda: datetime.max.replace(tzinfo=UTC).astimezone(timezone(HOUR)))
show("min astimezone west", lambda: datetime.min.replace(tzinfo=UTC).astimezone(timezone(-HOUR)))
