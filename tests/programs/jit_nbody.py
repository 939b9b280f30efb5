# A float-heavy loop (n-body style) compiled at both tiers, results to full precision.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles energy, step
# run auto: --jit-threshold 10
# expect auto: compiles step, step@function from the loop at line 15
import math


def energy(x, y, vx, vy, m):
    return 0.5 * m * (vx * vx + vy * vy) - m / math.sqrt(x * x + y * y)


def step(x, y, vx, vy, dt, n):
    for i in range(n):
        r = math.sqrt(x * x + y * y)
        a = -1.0 / (r * r * r)
        vx += a * x * dt
        vy += a * y * dt
        x += vx * dt
        y += vy * dt
    return x, y, vx, vy


state = (1.0, 0.0, 0.0, 1.0)
e0 = energy(state[0], state[1], state[2], state[3], 1.0)
for k in range(50):
    state = step(state[0], state[1], state[2], state[3], 0.001, 200)
print(state)
e1 = energy(state[0], state[1], state[2], state[3], 1.0)
print(e0, e1, abs(e1 - e0) < 1e-3)
