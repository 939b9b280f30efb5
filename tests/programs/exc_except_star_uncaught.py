# An exception group that escapes: the handler raised while other parts were unhandled; exit 1.
def work(n):
    if n == 2:
        raise KeyError(n)
    raise ValueError(n)


def run():
    errors = []
    for n in range(3):
        try:
            work(n)
        except Exception as e:
            errors.append(e)
    try:
        raise ExceptionGroup('batch', errors)
    except* ValueError as eg:
        print('values', [str(x) for x in eg.exceptions])
        raise RuntimeError('handler failed')


run()
