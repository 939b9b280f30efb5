"""Attribute- and method-heavy: small objects updated in a loop."""


class Particle:
    def __init__(self, x, v):
        self.x = x
        self.v = v

    def step(self, dt):
        self.x += self.v * dt
        if self.x < 0 or self.x > 100:
            self.v = -self.v


def simulate(count, steps):
    ps = [Particle(i * 1.5, (i % 7) - 3) for i in range(count)]
    for _ in range(steps):
        for p in ps:
            p.step(0.5)
    return round(sum(p.x for p in ps), 6)


def main(n=200):
    return simulate(n, 100)
