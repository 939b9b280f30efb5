# A long while loop in a function called once (on-stack replacement), overflowing mid-loop.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles collatz_steps, grow_forever
# expect auto: compiles collatz_steps@function from the loop at line 10, collatz_steps@loop at line 13
def collatz_steps(limit):
    best = 0
    best_n = 0
    n = 1
    while n < limit:
        x = n
        steps = 0
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            steps += 1
        if steps > best:
            best = steps
            best_n = n
        n += 1
    return best_n, best


def grow_forever(n):
    x = 1
    i = 0
    while i < n:
        x = x * 2 + 1
        i += 1
    return x


print(collatz_steps(3000))
print(grow_forever(100))
print(grow_forever(50))
