"""datetime: strftime (%f %z %Z and the host codes), __format__, ctime, timetuple, strptime."""
from datetime import date, time, datetime, timedelta, timezone, tzinfo


def show(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


codes = "%a %A %w %d %b %B %m %y %Y %H %I %p %M %S %f %z %Z %j %U %W %c %x %X %% %G %u %V %C %e %D %F %R %T %n %t %h"
zones = [None, timezone.utc, timezone(timedelta(hours=-8), "PST"), timezone(timedelta(hours=5, minutes=45)),
         timezone(timedelta(hours=1, seconds=5, microseconds=7), "A%bZ"), timezone(-timedelta(minutes=1))]
for tz in zones:
    x = datetime(2023, 1, 9, 15, 4, 5, 60708, tzinfo=tz)
    print(x.strftime(codes))
    print(x.timetz().strftime(codes))
print(date(2023, 1, 9).strftime(codes))
for y in (1, 5, 99, 999, 1000, 1900, 1970, 9999):
    v = datetime(y, 12, 31, 23, 59, 59)
    print(y, v.strftime("%Y|%y|%G|%C|%j|%U|%W|%V|%u|%c|%x"), date(y, 1, 1).strftime("%Y-%m-%d %a"))
print(datetime(2020, 1, 1).strftime(""), "|", datetime(2020, 1, 1).strftime("plain text"), "|",
      datetime(2020, 1, 1).strftime("100%"), "|", datetime(2020, 1, 1).strftime("%%z %%f %%%z"))
print(datetime(2020, 1, 1).strftime("%:z|%Ez|%Oy|%-d|%4Y|%q"))
print(repr(datetime(2020, 1, 1).strftime("a\x00b")), repr(date(2020, 1, 1).strftime("%Y\x00%m")))
print(datetime(2020, 1, 1, tzinfo=timezone.utc).strftime("\u00e9\u20ac %Y \U0001f600 %Z"))
show("strftime int", lambda: date(2020, 1, 1).strftime(5))
show("strftime None", lambda: time(1).strftime(None))
show("strftime bytes", lambda: datetime(2020, 1, 1).strftime(b"%Y"))
show("strftime surrogate", lambda: datetime(2020, 1, 1).strftime("\ud800"))


class Named(tzinfo):
    def __init__(self, name, off=timedelta(0)):
        self.name = name
        self.off = off

    def utcoffset(self, dt):
        return self.off

    def tzname(self, dt):
        return self.name

    def dst(self, dt):
        return timedelta(0)


for name in ["plain", "per%cent", "%Y%%", None]:
    show("tzname %r" % (name,), lambda: datetime(2020, 1, 1, tzinfo=Named(name)).strftime("[%Z] [%z]"))
show("tzname int", lambda: datetime(2020, 1, 1, tzinfo=Named(5)).strftime("%Z"))
show("tzname int unused", lambda: datetime(2020, 1, 1, tzinfo=Named(5)).strftime("%Y"))
show("offset str", lambda: datetime(2020, 1, 1, tzinfo=Named("x", "bad")).strftime("%z"))
show("time offset", lambda: time(1, tzinfo=Named("T", timedelta(hours=-2, seconds=-30))).strftime("%z %Z %H"))

print("-- format")
x = datetime(2024, 3, 5, 6, 7, 8, 9)
print(format(x), format(x, ""), format(x, "%d/%m/%Y %H:%M:%S.%f"), f"{x:%A %B}", f"{x.date():%j}")
print(f"{time(4, 5):%H-%M}", f"{time(4, 5)}", "{:%Y}".format(date(7, 1, 1)), f"{timedelta(hours=3)}")
show("format timedelta spec", lambda: format(timedelta(1), "x"))
show("format date int spec", lambda: date(2020, 1, 1).__format__(1))
show("format timedelta int spec", lambda: timedelta(1).__format__(1))

print("-- ctime and timetuples")
for v in [date(2020, 1, 1), datetime(2020, 1, 10, 1, 2, 3), datetime(1, 1, 1), date(9999, 12, 31),
          datetime(2024, 2, 29, 23, 59, 59, 999999)]:
    print(v.ctime(), tuple(v.timetuple()), v.timetuple().tm_yday, v.timetuple().tm_wday)
tt = datetime(2020, 6, 1, 12, tzinfo=Named("D", timedelta(hours=2))).timetuple()
print(tuple(tt), tt.tm_isdst)


class Dst(Named):
    def dst(self, dt):
        return timedelta(hours=1)


class NoDst(Named):
    def dst(self, dt):
        return None


print(tuple(datetime(2020, 6, 1, tzinfo=Dst("S")).timetuple()),
      tuple(datetime(2020, 6, 1, tzinfo=NoDst("S")).timetuple()))
for tz in zones:
    v = datetime(2020, 1, 1, 0, 30, tzinfo=tz)
    print(tuple(v.utctimetuple()), tuple(v.timetuple()))
show("utctimetuple overflow", lambda: datetime.min.replace(tzinfo=timezone(timedelta(hours=1))).utctimetuple())
show("utctimetuple max", lambda: datetime.max.replace(tzinfo=timezone(timedelta(hours=-1))).utctimetuple())

print("-- strptime")
cases = [("2020-03-04 05:06:07", "%Y-%m-%d %H:%M:%S"), ("2020-03-04T05:06:07.5", "%Y-%m-%dT%H:%M:%S.%f"),
         ("04/03/20 5PM", "%d/%m/%y %I%p"), ("Wed Mar  4 05:06:07 2020", "%c"), ("2020 12", "%Y %W"),
         ("2020 +0530", "%Y %z"), ("2020 -05:30", "%Y %z"), ("2020 Z", "%Y %z"), ("2020 UTC", "%Y %Z"),
         ("2020 GMT +0100", "%Y %Z %z"), ("2020 -000001.5", "%Y %z"), ("1 Jan 2020", "%d %b %Y"),
         ("2020 100", "%Y %j"), ("2020 53 0", "%Y %U %w"), ("2020 W01 1", "%G W%V %u"),
         ("99", "%y"), ("68", "%y"), ("69", "%y"), ("12:30", "%H:%M"), ("", ""), ("%", "%%"),
         ("2020-13-01", "%Y-%m-%d"), ("2020-02-30", "%Y-%m-%d"), ("2020", "%Y %m"), ("2020 x", "%Y"),
         ("abc", "%Y"), ("2020", "%Q"), ("2020", "%"), ("24:00", "%H:%M"), ("2020 366", "%Y %j"),
         ("2019 366", "%Y %j"), ("1900 61", "%Y %S"), ("2020 +2500", "%Y %z")]
for s, f in cases:
    show("strptime(%r, %r)" % (s, f), lambda: datetime.strptime(s, f))
show("strptime int", lambda: datetime.strptime(2020, "%Y"))
show("strptime fmt int", lambda: datetime.strptime("2020", 5))
show("strptime None", lambda: datetime.strptime(None, "%Y"))
