# Prints inside hot loops before a guard fails: every line printed exactly once.
def report(n):
    x = 1
    for i in range(n):
        x = x * 7
        if i % 5 == 0:
            print("step", i, x)
    return x


def counter(n):
    total = 0
    i = 0
    while i < n:
        total += i * i
        i += 1
        if total > 2 ** 62:
            print("big at", i, total)
            total = total * 4
    return total


for k in range(3):
    print(report(30))
print(counter(3000000 // 1000))
print(counter(2000))
