"""pyperformance raytrace's Vector construction: a guest class with object's __new__ and a
guest __init__ storing three attributes, built once per iteration and read once (the
class call, __init__'s frame, its three new attributes: pjentry.c construct)."""
import sys


class Vector(object):
    def __init__(self, initx, inity, initz):
        self.x = initx
        self.y = inity
        self.z = initz


def run(n):
    s = 0.0
    x = 1.0
    for i in range(n):
        v = Vector(x, 2.0, 3.0)
        s += v.x
    return s


print(run(int(sys.argv[1])))
