"""datetime: arithmetic and normalisation of date, datetime and timedelta, with overflow errors."""
from datetime import date, time, datetime, timedelta, timezone


def show(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


def kind(label, fn):
    """Operator errors: only the exception type (CPython names C types 'datetime.X')."""
    try:
        print(label, "->", repr(fn()))
    except TypeError as e:
        print(label, "!! TypeError")


d = date(2020, 2, 28)
for n in [-800000, -366, -365, -60, -1, 0, 1, 2, 30, 365, 366, 10000, 2900000]:
    show("date + %d days" % n, lambda: d + timedelta(days=n))
    show("date - %d days" % n, lambda: d - timedelta(days=n))
print(repr(d + timedelta(hours=47, minutes=59)), repr(d - timedelta(seconds=1)), repr(timedelta(3) + d))
print(repr(date(2021, 3, 1) - date(2020, 2, 28)), repr(date(1, 1, 1) - date(9999, 12, 31)))
show("date.max + 1 day", lambda: date.max + timedelta(1))
show("date.min - 1 day", lambda: date.min - timedelta(1))
show("date.min - 1 us", lambda: date.min - timedelta(microseconds=1))
show("date.max + 23h", lambda: date.max + timedelta(hours=23))

x = datetime(2020, 12, 31, 23, 59, 59, 999999)
for delta in [timedelta(microseconds=1), timedelta(microseconds=-1), timedelta(seconds=1),
              timedelta(days=-1, seconds=1), timedelta(days=59), timedelta(weeks=-52, hours=25),
              timedelta(days=-737790), timedelta(days=2914000), timedelta(hours=-12, microseconds=7)]:
    show("dt + %r" % delta, lambda: x + delta)
    show("dt - %r" % delta, lambda: x - delta)
    show("delta + dt %r" % delta, lambda: delta + x)
show("datetime.max + 1 us", lambda: datetime.max + timedelta(microseconds=1))
show("datetime.min - 1 us", lambda: datetime.min - timedelta(microseconds=1))
show("fold dropped by +", lambda: datetime(2020, 1, 1, fold=1) + timedelta(0))
aware = datetime(2020, 6, 1, 12, tzinfo=timezone(timedelta(hours=2)))
show("aware + 1h", lambda: aware + timedelta(hours=1))
print(repr(x - datetime(2000, 1, 1)), repr(datetime(2000, 1, 1) - x), repr(x - x))
print(repr(aware - datetime(2020, 6, 1, 12, tzinfo=timezone.utc)))
print(repr(aware - datetime(2020, 6, 1, 1, tzinfo=timezone(timedelta(hours=-9, minutes=-30)))))
show("naive - aware", lambda: x - aware)
show("aware - naive", lambda: aware - x)
kind("date - datetime", lambda: date(2020, 1, 1) - datetime(2020, 1, 1))
kind("datetime - date", lambda: datetime(2020, 1, 1) - date(2020, 1, 1))
kind("date + int", lambda: d + 1)
kind("date + date", lambda: d + d)
kind("time + timedelta", lambda: time(1) + timedelta(1))
kind("timedelta - date", lambda: timedelta(1) - d)
kind("timedelta + int", lambda: timedelta(1) + 1)
kind("int * date", lambda: 2 * d)
kind("timedelta * str", lambda: timedelta(1) * "a")
kind("int / timedelta", lambda: 1 / timedelta(1))
kind("timedelta % int", lambda: timedelta(1) % 7)

print("-- timedelta")
a = timedelta(days=3, hours=5, microseconds=123457)
b = timedelta(hours=-7, seconds=13, microseconds=5)
for label, fn in [("a+b", lambda: a + b), ("a-b", lambda: a - b), ("b-a", lambda: b - a), ("-a", lambda: -a),
                  ("+b", lambda: +b), ("abs(b)", lambda: abs(b)), ("abs(-a)", lambda: abs(-a)),
                  ("a*3", lambda: a * 3), ("-2*b", lambda: -2 * b), ("a*0", lambda: a * 0),
                  ("a*True", lambda: a * True), ("a*0.5", lambda: a * 0.5), ("2.5*b", lambda: 2.5 * b),
                  ("a*1e-7", lambda: a * 1e-7), ("b*-0.333", lambda: b * -0.333),
                  ("a/3", lambda: a / 3), ("a/-7", lambda: a / -7), ("a/2.5", lambda: a / 2.5),
                  ("b/1e-3", lambda: b / 1e-3), ("a/b", lambda: a / b), ("b/a", lambda: b / a),
                  ("a//3", lambda: a // 3), ("b//7", lambda: b // 7), ("a//b", lambda: a // b),
                  ("b//a", lambda: b // a), ("a%b", lambda: a % b), ("b%a", lambda: b % a),
                  ("divmod(a,b)", lambda: divmod(a, b)), ("divmod(b,a)", lambda: divmod(b, a)),
                  ("a/0", lambda: a / 0), ("a//0", lambda: a // 0), ("a/0.0", lambda: a / 0.0),
                  ("a/timedelta(0)", lambda: a / timedelta(0)), ("a//timedelta(0)", lambda: a // timedelta(0)),
                  ("a%timedelta(0)", lambda: a % timedelta(0)), ("divmod(a, timedelta(0))", lambda: divmod(a, timedelta(0))),
                  ("a*nan", lambda: a * float("nan")), ("a*inf", lambda: a * float("inf")),
                  ("a/inf", lambda: a / float("inf")), ("max+1us", lambda: timedelta.max + timedelta.resolution),
                  ("min-1us", lambda: timedelta.min - timedelta.resolution), ("-min", lambda: -timedelta.min),
                  ("max*2", lambda: timedelta.max * 2), ("max/0.5", lambda: timedelta.max / 0.5),
                  ("min*-1", lambda: timedelta.min * -1), ("max*2**40", lambda: timedelta.max * 2 ** 40),
                  ("us/2 half-even 1", lambda: timedelta(microseconds=1) / 2),
                  ("us/2 half-even 3", lambda: timedelta(microseconds=3) / 2),
                  ("us*0.5 half-even 5", lambda: timedelta(microseconds=5) * 0.5),
                  ("-us/2", lambda: timedelta(microseconds=-3) / 2),
                  ("total_seconds", lambda: (a * 1000).total_seconds()),
                  ("max total_seconds", lambda: timedelta.max.total_seconds())]:
    show(label, fn)

print("-- ordinals and calendars")
for y, m, dd in [(1, 1, 1), (1, 12, 31), (4, 2, 29), (100, 3, 1), (400, 2, 29), (1582, 10, 15),
                 (1970, 1, 1), (2000, 2, 29), (2004, 12, 31), (2021, 1, 3), (2020, 12, 31),
                 (2026, 11, 26), (9999, 12, 31), (2008, 12, 29), (2010, 1, 3)]:
    v = date(y, m, dd)
    o = v.toordinal()
    print(repr(v), o, repr(date.fromordinal(o)), v.weekday(), v.isoweekday(), v.isocalendar(),
          tuple(v.isocalendar()), repr(date.fromisocalendar(*v.isocalendar())))
show("fromordinal(0)", lambda: date.fromordinal(0))
show("fromordinal(max+1)", lambda: date.fromordinal(3652060))
show("fromordinal(float)", lambda: date.fromordinal(1.0))
print(repr(datetime.fromordinal(730120)))
for args in [(2020, 53, 7), (2021, 53, 1), (2020, 0, 1), (2020, 1, 0), (2020, 1, 8), (0, 1, 1),
             (10000, 1, 1), (9999, 52, 5), (9999, 52, 6), (2 ** 40, 1, 1), (1, 1, 1), (2004, 53, 7)]:
    show("fromisocalendar%r" % (args,), lambda: date.fromisocalendar(*args))
ic = date(2024, 12, 30).isocalendar()
print(ic.year, ic.week, ic.weekday, ic[0], len(ic), ic == (2025, 1, 1), type(ic).__name__)
total = 0
o = date(1999, 1, 1).toordinal()
for i in range(0, 3000, 7):
    v = date.fromordinal(o + i)
    total += v.year * 10000 + v.month * 100 + v.day + v.isocalendar()[1]
print(total)

print("-- operator errors with CPython's type names")
left_right = [date(2020, 1, 1), datetime(2020, 1, 1), timedelta(1), time(1), 1, 2.5, 1j, None, True]
ops = [("+", lambda a, b: a + b), ("-", lambda a, b: a - b)]
for a in left_right:
    for b in left_right:
        if not any(type(v) in (date, datetime, timedelta) for v in (a, b)):
            continue
        for sym, op in ops:
            show("%s %s %s" % (type(a).__name__, sym, type(b).__name__), lambda: op(a, b))
td = timedelta(hours=5)
for b in [date(2020, 1, 1), datetime(2020, 1, 1), time(1), 2, 2.5, 1j, None, True, td]:
    for sym, op in [("*", lambda a, b: a * b), ("r*", lambda a, b: b * a), ("/", lambda a, b: a / b),
                    ("r/", lambda a, b: b / a), ("//", lambda a, b: a // b), ("r//", lambda a, b: b // a),
                    ("%", lambda a, b: a % b), ("r%", lambda a, b: b % a),
                    ("divmod", lambda a, b: divmod(a, b)), ("rdivmod", lambda a, b: divmod(b, a))]:
        show("timedelta %s %s" % (sym, type(b).__name__), lambda: op(td, b))
