# A call that hands its arguments over to compiled code (a tier-0 call's argument list,
# whole-function OSR's tuple) leaves no half-empty list or tuple for the collector to hand
# out: guest code walking gc.get_objects() inside the callee iterates every list and tuple
# it finds (a segfault at jit and auto before: NULL items in the handed-over list/tuple).
# run auto: --jit-threshold 5 --no-background-compile
import gc


class Marker:
    pass


def containers_holding(obj):
    found = 0
    for o in gc.get_objects():
        if type(o) is list or type(o) is tuple:
            for x in o:
                if x is obj:
                    found += 1
    return found


def callee(m, n):
    # reached from tier 0 (its first calls) and from compiled code (later ones)
    return containers_holding(m) + n


def hot_loop(n, m):
    total = 0
    for i in range(n):
        total += i
        if i == n - 1:
            # the rest of this call runs native code entered with an owned tuple at --tier auto
            print("in the loop:", containers_holding(m))
    return total


m = Marker()
print("direct:", containers_holding(m))
for k in range(12):
    print("callee:", callee(m, k))
print(hot_loop(3000, m))
keep = [m]
print("held by a list:", containers_holding(m))
