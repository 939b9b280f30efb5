# A hot function whose int64 arithmetic later overflows: results must be exact big ints.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles factorial, power_of_three
# expect auto: compiles factorial, power_of_three
def power_of_three(n):
    x = 1
    for i in range(n):
        x = x * 3
    return x


def factorial(n):
    r = 1
    k = 2
    while k <= n:
        r *= k
        k += 1
    return r


acc = 0
for i in range(1200):
    acc += power_of_three(i % 30)
print(acc)
for n in (10, 20, 21, 25, 40):
    print(n, factorial(n))
print(power_of_three(39), power_of_three(40), power_of_three(41))
print(power_of_three(100))
for i in range(1100):
    factorial(i % 15)
print(factorial(30))
