# Object code on strings: f-strings with conversions and format specs (nested specs,
# alignment, fill, sign, grouping, precision, types), str methods, concatenation in a
# loop, join, slicing with steps, `in`, comparisons, %-formatting, format() with a guest
# __format__, encode/decode, and CPython's errors for a bad spec or a bad operand.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles fmt_table, build_line, transform, slices, percent, guest_format, codec, Temp.__format__


class Temp:
    def __init__(self, deg):
        self.deg = deg

    def __format__(self, spec):
        if spec == "f":
            return f"{self.deg * 9 / 5 + 32:.1f}F"
        return f"{self.deg}C"

    def __repr__(self):
        return "Temp(" + repr(self.deg) + ")"

    def __str__(self):
        return "T" + str(self.deg)


def fmt_table(rows, width):
    out = []
    for name, value in rows:
        out.append(f"|{name:<{width}}|{value:>8.3f}|{value:+.2e}|{int(value):,}|{name!r:^12}|")
    out.append(f"{'total':*^{width + 4}} {sum([v for _, v in rows]):_.1f} {len(rows):#x} {255:08b}")
    return "\n".join(out)


def build_line(words):
    s = ""
    for w in words:
        s += w.upper() + "-"
    return s[:-1], "+".join(words), len(s), s.count("-"), s.find("B"), s.rfind("Z")


def transform(text):
    parts = text.split(",")
    cleaned = [p.strip().lower() for p in parts if p.strip()]
    return (cleaned, text.replace(" ", ""), text.startswith("a"), text.endswith(")"),
            text.partition(","), "x".join(reversed(cleaned)), text.title(), text.zfill(30),
            "abc" < "abd", "b" in text, text.isdigit(), "42".isdigit(), text.center(32, "."))


def slices(s):
    return s[::2], s[::-1], s[1:-1], s[-3:], s[5:2], s[2:100], s[::-3]


def percent(n, x, name):
    return "%5d|%-6s|%.3f|%r|%x|%%" % (n, name, x, name, n), "%(a)s-%(b)s" % {"a": n, "b": x}


def guest_format(t):
    return f"{t} {t:f} {t!r} {t!s}", format(t, "f"), str(t), repr(t), "{0:f} {0}".format(t)


def codec(s):
    b = s.encode("utf-8")
    return b, len(b), b.decode("utf-8") == s, s.encode("ascii", "replace"), b[:3]


def bad_spec(v, spec):
    try:
        return format(v, spec)
    except ValueError as e:
        return "ValueError: " + str(e)


for _ in range(3):
    print(fmt_table([("alpha", 3.14159), ("beta", -2.5), ("gamma", 12345.678)], 8))
    print(build_line(["a", "bb", "ccc"]))
    print(transform("alpha, Beta ,, gamma (x)"))
    print(slices("abcdefghij"))
    print(percent(42, 2.5, "bob"))
    print(guest_format(Temp(100)))
    print(codec("héllo wörld"))
    print(bad_spec(3, "q"), bad_spec("s", "d"), bad_spec(1.5, ",d"))
