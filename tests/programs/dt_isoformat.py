"""datetime: isoformat/str of every class and timespec, fromisoformat of the forms CPython 3.11
accepts (and its lenient corners), with the invalid-string errors."""
from datetime import date, time, datetime, timedelta, timezone, tzinfo


def show(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


zones = [None, timezone.utc, timezone(timedelta(hours=5, minutes=30)),
         timezone(timedelta(hours=-3, seconds=-7)), timezone(-timedelta(microseconds=1)),
         timezone(timedelta(0), "X")]
specs = ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]
for us in (0, 1500, 999999):
    for tz in zones:
        x = datetime(2021, 7, 4, 9, 8, 7, us, tzinfo=tz)
        t = x.timetz()
        print(str(x), "|", str(t), "|", x.isoformat(), "|", x.isoformat(" "), "|", t.isoformat())
        print("   ", [x.isoformat("T", s) for s in specs])
        print("   ", [t.isoformat(s) for s in specs])
print(date(5, 6, 7).isoformat(), str(date(2020, 12, 1)), datetime(5, 1, 1).isoformat())
print(datetime(2020, 1, 1).isoformat(sep="\u00e9"), datetime(2020, 1, 1).isoformat(sep="\x00") == "2020-01-01\x0000:00:00")
show("bad timespec", lambda: datetime(2020, 1, 1).isoformat(timespec="nanoseconds"))
show("bad time timespec", lambda: time(1).isoformat("days"))
show("timespec None", lambda: time(1).isoformat(None))
show("sep two chars", lambda: datetime(2020, 1, 1).isoformat("ab"))
show("sep int", lambda: datetime(2020, 1, 1).isoformat(1))


class Odd(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=1, seconds=1, microseconds=1) if dt is not None else None

    def tzname(self, dt):
        return "odd"


print(datetime(2020, 1, 1, tzinfo=Odd()).isoformat(), time(1, tzinfo=Odd()).isoformat())

print("-- fromisoformat")
date_strings = ["2020-01-02", "20200102", "2020-W01", "2020W01", "2020-W01-3", "2020W013",
                "2020-W53", "2020-W53-7", "2021-W53", "2020-W00", "2020-W01-0", "2020-W01-8",
                "0000-W01-1", "0001-W01-1", "9999-W52-5", "9999-W52-6", "2020-02-30", "2021-02-29",
                "0000-01-01", "2020-13-01", "2020-1-01", "2020-01-1", "2020/01/02", "2020-0102",
                "202001-02", "2020-010", "2020123112", "20201231", "2020-12-31T", "", "2020",
                "२०२०-01-01", "2020-W1", "2020-W01-", "2020-W011", "２０２０-01-01", " 2020-01-01"]
for s in date_strings:
    show("date %r" % s, lambda: date.fromisoformat(s))
    show("datetime %r" % s, lambda: datetime.fromisoformat(s))
time_strings = ["12", "1230", "12:30", "123045", "12:30:45", "12:30:45.1", "12:30:45.12",
                "12:30:45.123", "12:30:45.1234", "12:30:45.12345", "12:30:45.123456",
                "12:30:45.1234567", "12:30:45,5", "12:30:45.", "12:30:45.+00:00", "T12:30",
                "T1230", "12:30Z", "12:30:45Z", "12:30:45.5Z", "12Z", "12:30z", "12:30+05",
                "12:30+0530", "12:30+05:30", "12:30-05:30:15", "12:30+05:30:15.25", "12:30-0530",
                "12:30+00:00", "12:30-00:00", "12:30+00:00:00.5", "12:30-00:30:00.5", "12:30+24:00",
                "12:30+23:59:59.999999", "24:00", "23:60", "23:59:60", "1:30", "12:3", "12:30:4",
                "12:30:45:123", "123045123", "12:3045", "1230:45", "12.5", "12:30Z1", "12:30+5",
                "12:30+05:3", "12:30+", "12:30-", "", "T", "Z", "12:30 ", " 12:30", "12:30\u00e9",
                "12:30:45.123456789+01:00", "12:30:45-01:00:00.000001", "12:30+99:99:99"]
for s in time_strings:
    show("time %r" % s, lambda: time.fromisoformat(s))
for sep in ["T", " ", "x", "\u00e9", "\u20ac", "\U0001f600", "7", "\ud800"]:
    for tail in ["12", "12:30", "12:30:45.5+01:00", "1230Z", ""]:
        s = "2020-01-02" + sep + tail
        show("datetime %r" % s, lambda: datetime.fromisoformat(s))
for s in ["20200102T123045", "20200102T12:30", "2020-W01T10", "2020W01T10", "2020W011T10",
          "2020-W01-1T10", "2020-W01-110", "2020-W01-1 10:00Z", "2020W0110", "2020W01110",
          "2020-01-02T12:30:45.123456789", "2020-01-02T24:00", "2020-01-02 12:30:45 +01:00",
          "2020-01-02T12:30:45+01:00[Europe/Paris]", "2020-01-02\ud80012:00", "2020-01\ud80002",
          "2020-01-02T12:30:45.000001-23:59:59.999999", "2020-01-02t12:30", "9999-12-31T23:59:59.999999",
          "0001-01-01T00:00:00+00:00", "2020-01-02T", "2020-01-02TT12", "2020-01-02T12:30+01:00:00"]:
    show("datetime %r" % s, lambda: datetime.fromisoformat(s))
for bad in [None, 20200102, b"2020-01-02"]:
    show("date %r" % (bad,), lambda: date.fromisoformat(bad))
    show("time %r" % (bad,), lambda: time.fromisoformat(bad))
    show("datetime %r" % (bad,), lambda: datetime.fromisoformat(bad))

print("-- round trips")
for tz in zones:
    for v in [datetime(1, 1, 1, tzinfo=tz), datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=tz),
              datetime(2020, 2, 29, 0, 0, 0, 1, tzinfo=tz)]:
        s = v.isoformat()
        back = datetime.fromisoformat(s)
        print(s, back == v, repr(back.tzinfo) == repr(v.tzinfo) or v.tzinfo is None or v.tzinfo.tzname(None))
        t = v.timetz()
        print(t.isoformat(), time.fromisoformat(t.isoformat()) == t)
