"""Nested loops over numpy arrays: a 2-D stencil and a dot product, element by element."""

import numpy as np


def smooth(grid, out, rows, cols):
    for i in range(1, rows - 1):
        for j in range(1, cols - 1):
            out[i, j] = 0.2 * (grid[i, j] + grid[i - 1, j] + grid[i + 1, j] + grid[i, j - 1] + grid[i, j + 1])


def dot(x, y):
    s = 0.0
    for i in range(len(x)):
        s += x[i] * y[i]
    return s


def main(n=120):
    grid = np.zeros((n, n))
    for i in range(n):
        grid[i, 0] = 1.0
    out = grid.copy()
    for _ in range(10):
        smooth(grid, out, n, n)
        grid, out = out, grid
    x = np.arange(n * n, dtype=np.float64)
    return round(float(grid.sum()) + dot(x, x) / 1e9, 9)
