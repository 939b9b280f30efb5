"""input(): the prompt goes to stdout (flushed), the line comes back without its newline,
EOFError at the end of stdin. The test harness feeds this program's stdin."""
import sys

name = input("name? ")
print(repr(name))
print(repr(input()))                  # no prompt
print(repr(input(42)))                # the prompt is str()'d
print(repr(input("  spaces kept: ")))
print(repr(input("")))                # an empty line
total = 0
while True:
    try:
        line = input("> ")
    except EOFError as e:
        print("EOFError:", repr(str(e)), type(e).__name__)
        break
    if line == "stop-numbers":
        break
    total += int(line)
print("total", total)
print("readline", repr(sys.stdin.readline()))
print("unterminated", repr(input("last: ")))
try:
    input("again: ")
except EOFError as e:
    print("EOFError:", e)
try:
    input("a", "b")
except TypeError as e:
    print("TypeError:", e)
try:
    input(prompt="x")
except TypeError as e:
    print("TypeError:", e)

# input() reads the current sys.stdin and prompts on the current sys.stdout.
import io  # noqa: E402

sys.stdin = io.StringIO("from a StringIO\nsecond line\n")
captured = io.StringIO()
real_stdout, sys.stdout = sys.stdout, captured
value = input("prompt> ")
sys.stdout = real_stdout
print(repr(value), repr(captured.getvalue()), repr(input()))
sys.stdin = None
try:
    input()
except RuntimeError as e:
    print("RuntimeError:", e)
