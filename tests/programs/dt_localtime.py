"""datetime: local-time conversions in fixed named zones (TZ set in the environment, then
time.tzset()): fromtimestamp with fold detection, naive timestamp() and astimezone() in
repeated and skipped hours, date.fromtimestamp, the local timezone's name and offset."""
import os
import time
from datetime import date, datetime, timedelta, timezone

ZONES = ["UTC", "America/New_York", "Europe/Dublin", "Australia/Lord_Howe", "Asia/Kolkata"]
# Around the 2023 autumn and 2024 spring transitions in both hemispheres.
STAMPS = [1699160400 + k * 1800 for k in range(-3, 5)] + [1710054000 + k * 1800 for k in range(-3, 5)] \
    + [1696089600 + k * 1800 for k in range(-2, 4)] + [0, 1e9 + 0.5, -1234567890, 4102444800]
WALL = [(2023, 11, 5, 1, 30), (2024, 3, 10, 2, 30), (2023, 10, 29, 1, 15), (2024, 3, 31, 1, 45),
        (2023, 10, 1, 2, 15), (2024, 4, 7, 1, 45), (2024, 7, 1, 12, 0), (1970, 1, 1, 0, 0)]

saved = os.environ.get("TZ")
for zone in ZONES:
    os.environ["TZ"] = zone
    time.tzset()
    print("==", zone)
    for ts in STAMPS:
        v = datetime.fromtimestamp(ts)
        a = v.astimezone()
        print(ts, repr(v), v.timestamp(), repr(date.fromtimestamp(ts)), a.isoformat(), a.tzname())
    for fields in WALL:
        for fold in (0, 1):
            v = datetime(*fields, fold=fold)
            a = v.astimezone()
            print(repr(v), v.timestamp(), a.isoformat(), a.tzname(), repr(v.astimezone(timezone.utc)),
                  repr(datetime.fromtimestamp(v.timestamp())))
    u = datetime(2024, 1, 15, 12, tzinfo=timezone.utc)
    print(repr(u.astimezone()), repr(u.astimezone().tzinfo), u.astimezone().utcoffset())
    print(datetime(2024, 1, 15, 12).astimezone(timezone(timedelta(hours=-2))).isoformat())
if saved is None:
    del os.environ["TZ"]
else:
    os.environ["TZ"] = saved
time.tzset()
