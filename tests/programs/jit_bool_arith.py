# bool is an int in arithmetic; bool & bool stays bool.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles arith, both
# expect auto: compiles arith, both
def arith(a, b):
    return a + b, a * 3, a - b, -a, ~a, a & b, a | b, a ^ b


def both(a, b):
    return a and b, a or b, not a


for i in range(1200):
    arith(i % 2 == 0, i % 3 == 0)
    both(i % 2 == 0, i % 3 == 0)
for a in (True, False):
    for b in (True, False):
        print(arith(a, b), both(a, b))
print(arith(3, 5), both(0, 7), both(2.5, 0.0))
