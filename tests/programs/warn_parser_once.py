# The parser's warnings (invalid escape sequences, a number followed by a keyword) are
# given once per compile, with the compiled source's file and line, as CPython's are.
import warnings

for source in (r"'\z'", "1if True else 2", "'ok'"):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        eval(source)
        exec(source + "\n")
        compile(source, "<compiled>", "eval")
    print(repr(source), [(str(w.message), w.category.__name__, w.filename, w.lineno) for w in caught])

with warnings.catch_warnings():
    warnings.simplefilter("error", DeprecationWarning)
    try:
        eval(r"'\q'")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.filename, e.lineno, e.offset)
