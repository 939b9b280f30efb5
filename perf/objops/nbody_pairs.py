"""pyperformance nbody's advance(): tuple unpacking of lists, float arithmetic, ** -1.5,
list items updated in place (one iteration: ten pairs, five bodies)."""
import sys


def advance(dt, n, bodies, pairs):
    for i in range(n):
        for (([x1, y1, z1], v1, m1),
             ([x2, y2, z2], v2, m2)) in pairs:
            dx = x1 - x2
            dy = y1 - y2
            dz = z1 - z2
            mag = dt * ((dx * dx + dy * dy + dz * dz) ** (-1.5))
            b1m = m1 * mag
            b2m = m2 * mag
            v1[0] -= dx * b2m
            v1[1] -= dy * b2m
            v1[2] -= dz * b2m
            v2[0] += dx * b1m
            v2[1] += dy * b1m
            v2[2] += dz * b1m
        for (r, [vx, vy, vz], m) in bodies:
            r[0] += dt * vx
            r[1] += dt * vy
            r[2] += dt * vz


bodies = [([float(i), 2.0 * i + 0.5, -1.0 * i], [0.1 * i, 0.2, -0.3], 1.0 + i) for i in range(5)]
pairs = [(bodies[i], bodies[j]) for i in range(5) for j in range(i + 1, 5)]
advance(0.01, int(sys.argv[1]), bodies, pairs)
print(bodies[0][0], bodies[4][1])
