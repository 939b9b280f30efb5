# min/max/abs/int/float/bool in compiled code, including NaN and -0.0 subtleties.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles conv, iconv, mm
# expect auto: compiles conv, iconv, mm
def mm(a, b):
    return min(a, b), max(a, b)


def conv(x):
    return int(x), float(x), bool(x), abs(x)


for i in range(1200):
    mm(i, 600)
    mm(i * 0.5, 300.0)
    conv(i * 0.25 - 100)
nan = float("nan")
print(mm(1.0, nan), mm(nan, 1.0), mm(-0.0, 0.0), mm(0.0, -0.0), mm(3, 3))
print(conv(-2.75), conv(0.0), conv(-0.0), conv(1e18))
print(conv(1e19))
try:
    conv(nan)
except ValueError as e:
    print("ValueError:", e)
try:
    conv(float("-inf"))
except OverflowError as e:
    print("OverflowError:", e)


def iconv(x):
    return int(x), float(x), bool(x), abs(x)


for i in range(1100):
    iconv(i - 500)
print(iconv(-7), iconv(0), iconv(True), iconv(2 ** 63 - 1))
