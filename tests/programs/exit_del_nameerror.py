# A __del__ that raises during interpreter teardown (CPython 3.11 Py_FinalizeEx ->
# finalize_modules): __main__ is dropped from sys.modules and its dict, a cycle through
# the class and its functions, is collected; the __del__ runs while every global is
# still there (NAME is found), and the NameError is reported without the source line
# (the traceback printer can no longer import io).
class A:
    def __del__(self):
        print("del A sees", NAME)
        undefined_name


NAME = "global"
a = A()
print("end of program")
