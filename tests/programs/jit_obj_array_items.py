# Object code's inline array.array items (ir.FAST_SEQ: a[i] and a[i] = v for an exact array
# of doubles 'd' or C ints 'i' at a small int index; scimark's vectors). Each way the inline
# path could differ from CPython's array_subscr/array_ass_subscr: negative indexes, an
# index out of range either way, a bool and a huge int as index, other typecodes, an
# array subclass, a slice, an int stored into 'd' (converted), a str, a float into 'i',
# ints at and past the C int limits, nan and -0.0, lists and str at the same sites.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles get, put, mm, fft_like
# run auto: --jit-threshold 2
from array import array

class A(array):
    pass

def get(a, i):
    return a[i]

def put(a, i, v):
    a[i] = v
    return a

def mm(M, y, val, row, col, x):
    for r in range(M):
        sa = 0.0
        for i in range(row[r], row[r + 1]):
            sa += x[col[i]] * val[i]
        y[r] = sa
    return y

def fft_like(data, n):
    for i in range(0, n, 2):
        re = data[i]
        im = data[i + 1]
        data[i] = re - im
        data[i + 1] = re * im + 0.5
    return data

def attempt(f, *args):
    try:
        return f(*args)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)

for k in range(3):
    d = array('d', [1.5, -2.0, 3.25])
    ia = array('i', [1, -2, 2**31 - 1])
    print(get(d, 0), get(d, -1), get(ia, 2), get(ia, -3), attempt(get, d, 3), attempt(get, d, -4), attempt(get, ia, 2**70))
    print(get(d, True), get(array('b', [1, 2]), 1), get(array('I', [7]), 0), get(A('d', [9.5]), 0), get(d, slice(0, 2)), get([1, 2], 1), get("ab", 1))
    print(put(array('d', [0.0, 0.0]), 1, 2.5), put(array('d', [0.0]), 0, 7), put(array('d', [0.0]), -1, float('nan')), put(array('d', [0.0]), 0, -0.0))
    print(attempt(put, array('d', [0.0]), 0, "x"), attempt(put, array('d', [0.0]), 1, 1.0), attempt(put, array('i', [0]), 0, 2**31), attempt(put, array('i', [0]), 0, -2**31 - 1), attempt(put, array('i', [0]), 0, 1.5))
    print(put(array('i', [0, 0]), -2, -2**31), put(array('i', [0]), 0, 2**31 - 1), put(array('i', [0]), 0, True), put(A('i', [0]), 0, 5), put(array('b', [0]), 0, 5), put([0, 1], 1, 3.5))
    x = array('d', [1.0, 2.0]) * 5
    y = array('d', [0]) * 10
    val = array('d', [2.0, 0.5]) * 10
    col = array('i', [0, 1, 2, 3]) * 5
    row = array('i', range(0, 21, 2))
    print(mm(10, y, val, row, col, x), fft_like(array('d', [1.0, 2.0, 3.0, 4.0]), 4), fft_like([1.0, 2.0, 3, 4], 4))
    print(attempt(fft_like, array('d', [1.0, 2.0, 3.0]), 4))
