# Exceptions that guest code hands back to host code -- unittest, asyncio, a library's
# except clause -- carry guest frames in their tracebacks, as in CPython.
import asyncio
import io
import re
import traceback
import unittest


class T(unittest.TestCase):
    def test_fail(self):
        self.assertEqual(1 + 1, 3)

    def test_error(self):
        raise ValueError("boom")

    def test_ok(self):
        self.assertTrue(True)


stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream, verbosity=2).run(
    unittest.defaultTestLoader.loadTestsFromTestCase(T))
print(re.sub(r"Ran (\d+) tests? in [\d.]+s", r"Ran \1 tests", stream.getvalue()))
print(result.wasSuccessful(), len(result.failures), len(result.errors))


async def failing():
    await asyncio.sleep(0)
    raise KeyError("in a task")


async def main():
    task = asyncio.ensure_future(failing())
    try:
        await task
    except KeyError as e:
        print([(fs.name, fs.line) for fs in traceback.extract_tb(e.__traceback__)
               if fs.filename == __file__])
    results = await asyncio.gather(failing(), return_exceptions=True)
    print([type(r).__name__ for r in results],
          [fs.name for fs in traceback.extract_tb(results[0].__traceback__) if fs.filename == __file__])


asyncio.run(main())


def gen():
    yield 1
    raise IndexError("from a generator")


try:
    sorted(gen())
except IndexError as e:
    print([fs.name for fs in traceback.extract_tb(e.__traceback__) if fs.filename == __file__])


def key(x):
    return 1 / x


try:
    sorted([1, 0], key=key)
except ZeroDivisionError as e:
    print(["<library>" if fs.filename != __file__ else fs.name for fs in traceback.extract_tb(e.__traceback__)])
