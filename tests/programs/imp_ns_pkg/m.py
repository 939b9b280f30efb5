# A module of a namespace package: it runs as guest code, and its object's __del__ runs at exit.
class A:
    def __del__(self):
        print("del A of", __name__)


xs = [A()]
print("running", __name__, "package", __package__, __spec__.parent)
