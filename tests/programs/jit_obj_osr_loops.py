# Whole-function OSR into object code: functions called once whose hot loop's locals hold
# objects (a list of instances, a dict, a generator, a live list iterator) go native in
# the middle of the loop, taking the frame's locals and what is left of the loop's
# iterator; the rest of the call (the loop, the code after it, a return inside it) runs
# natively, and the function's next call enters object code from its start.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles move_all, drain, pairs_energy, take_from, squares_after, early_exit, Body.step
# run auto: --jit-threshold 100
# expect auto: compiles move_all@function from the loop at line 30, drain@function from the loop at line 42, pairs_energy@function from the loop at line 56, take_from@function from the loop at line 68, squares_after@function from the loop at line 85, early_exit@function from the loop at line 92, move_all, take_from, early_exit


class Body:
    def __init__(self, x, v):
        self.x = x
        self.v = v
        self.hits = 0

    def step(self, dt):
        self.x += self.v * dt
        self.hits += 1
        return self.x


def move_all(bodies, n, dt):
    # a for loop over a list of instances, inside a range loop: the outer loop trips
    log = []
    log.append(len(bodies))
    total = 0.0
    for i in range(n):
        for b in bodies:
            total += b.step(dt)
        if i % 500 == 0:
            log.append(round(total, 6))
    log.append(sum([b.hits for b in bodies]))
    return total, log


def drain(queue, seen):
    # a while loop whose locals are a list, a dict and strings
    out = []
    while queue:
        item = queue.pop()
        key = "k" + str(item % 7)
        seen[key] = seen.get(key, 0) + item
        if item % 3 == 0:
            out.append(key)
    words = sorted(seen.items())
    return len(out), words


def pairs_energy(bodies):
    # nested for loops over lists of tuples, unpacking targets (nbody's shape)
    pairs = [(a, b) for i, a in enumerate(bodies) for b in bodies[i + 1:]]
    e = 0.0
    for (a, b) in pairs:
        dx = a.x - b.x
        e -= (a.v * b.v) / (dx * dx + 1.0)
    for rounds in range(3):
        for b in bodies:
            e += b.v * b.v * 0.5
    return e


def take_from(gen, limit):
    # the generator is live at entry: native code goes on taking from it
    got = []
    for v in gen:
        if v > limit:
            break
        got.append(v * 2)
    else:
        got.append(-1)
    rest = list(gen)
    return len(got), got[-3:], rest[:3]


def squares(n):
    for i in range(n):
        yield i * i


def squares_after(it, n):
    s = 0
    for v in it:
        s += v
    return s, n


def early_exit(words, stop):
    count = 0
    for w in words:
        if w == stop:
            return "found", count
        count += len(w)
    return "missing", count


bodies = [Body(float(i), 0.25 * (i + 1)) for i in range(6)]
print(move_all(bodies, 700, 0.01))
print(move_all(bodies, 10, 0.5))        # the next call: from the entry
print(drain(list(range(3000)), {"k0": 0}))
print(pairs_energy([Body(float(i) * 0.5, 1.0 + i % 3) for i in range(60)]))
print(take_from(squares(5000), 2_000_000))
print(take_from(squares(300), 10 ** 9))
it = iter(list(range(4000)))
next(it)
print(squares_after(it, 1))
print(early_exit(["w%d" % i for i in range(3000)], "w2500"))
print(early_exit(["w%d" % i for i in range(300)], "nope"))

# a module-level hot loop over instances (stays correct whatever runs it)
acc = 0.0
for b in bodies * 300:
    acc += b.x * 0.001
print(round(acc, 6))


def make_filler(box):
    # a closure made anew per call: each one's native rest of the call uses its own cells
    def fill(n):
        for i in range(n):
            box.append(i * len(box))
        return len(box), box[-1]
    return fill


print(make_filler([])(500), make_filler([7])(500), make_filler([])(300), make_filler([1, 2])(400))
