"""One `datetime` module in the process: pickles made by CPython (module "datetime") load
as the program's own classes, importlib and host libraries (email.utils) get the same
module, pickles round-trip at every protocol; dir(datetime) lists no private helpers."""
import datetime, email.utils, importlib, pickle

d = pickle.loads(b"cdatetime\ndate\n(S'\\x07\\xdf\\x0b\\x1b'\ntR.", encoding="latin1")
print(type(d) is datetime.date, d)
dt = pickle.loads(b'\x80\x02cdatetime\ndatetime\nU\n\x07\xdf\x0b\x1b\x14;\x01\x00\x10\x00\x85R.',
                  encoding="latin1")
print(type(dt) is datetime.datetime, dt)
print(importlib.import_module("datetime") is datetime)
tz = datetime.timezone(datetime.timedelta(hours=2), "X")
for obj in (datetime.date(2020, 1, 2), datetime.datetime(2020, 1, 2, 3, 4, 5, 6, tz, fold=1),
            datetime.timedelta(3, 4, 5), datetime.timezone.utc, tz, datetime.time(1, 2, tzinfo=tz)):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(obj, proto))
        assert back == obj and type(back) is type(obj), (obj, proto)
    print(repr(obj), "round-trips")
print(email.utils.format_datetime(datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)))
print(email.utils.parsedate_to_datetime("Thu, 02 Jan 2020 03:04:05 +0100").utcoffset())
print(sorted(n for n in dir(datetime) if not n.startswith("__") and n != "datetime_CAPI"))
