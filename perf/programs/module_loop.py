"""A long loop at module level: the work of a script written without functions (the
module body runs through exec() once per call of main, as a script's would once)."""

SOURCE = '''
def mix(a, b):
    return (a * 31 + b) % 1000003

h = 7
s = 0.0
for i in range(300000):
    h = mix(h, i)
    s += (h & 255) * 0.5
'''


def main():
    ns = {"__name__": "module_loop_body"}
    exec(SOURCE, ns)
    return ns["h"], ns["s"]
