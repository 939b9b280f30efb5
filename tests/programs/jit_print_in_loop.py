# Prints inside hot loops before a guard fails: every line printed exactly once.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# At --tier jit both functions compile as object code; at auto their loops are hot first:
# numeric code rejects them (a str constant) and the rest of each call goes native as
# object code (whole-function OSR); each line is printed once. (The loop lines below
# are named in this header: keep its length.)
# run jit: --object-code
# expect jit: compiles report, counter
# run auto: --jit-threshold 10
# expect auto: compiles report@function from the loop at line 16, counter@function from the loop at line 26
# expect auto: rejects report@loop at line 16 (constant str 'step')
# expect auto: rejects counter@loop at line 26 (constant str 'big at')
def report(n):
    x = 1
    for i in range(n):
        x = x * 7
        if i % 5 == 0:
            print("step", i, x)
    return x


def counter(n):
    total = 0
    i = 0
    while i < n:
        total += i * i
        i += 1
        if total > 2 ** 62:
            print("big at", i, total)
            total = total * 4
    return total


for k in range(3):
    print(report(30))
print(counter(3000000 // 1000))
print(counter(2000))
