"""A Mandelbrot kernel written the way benchmark suites write it: a @staticmethod of a
benchmark class, three nested while loops of int/float arithmetic, called a few times.
Under --tier auto it is never called often enough to be hot as a function: its loops
take it native (whole-function on-stack replacement)."""


class MandelBench:
    @staticmethod
    def kernel(size, max_iter):
        total = 0
        y = 0
        while y < size:
            x = 0
            while x < size:
                cr = 2.0 * x / size - 1.5
                ci = 2.0 * y / size - 1.0
                zr = 0.0
                zi = 0.0
                i = 0
                while i < max_iter and zr * zr + zi * zi < 4.0:
                    zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                    i += 1
                total += i
                x += 1
            y += 1
        return total


def main(size=100, calls=3):
    return [MandelBench.kernel(size, 50) for _ in range(calls)]
