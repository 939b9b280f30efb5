# When a call returns, CPython 3.11 clears the callee's frame -- its locals in order,
# the positional and keyword arguments among them, whose only references the frame held
# -- and only then does the caller drop what it still holds (an argument tuple built
# for *args). Tier 0 hands a call's arguments over to the callee's frame (runtime/
# function.py ARGUMENTS_HANDED_OVER), and so does object code (its calls' vectors are the
# callee's: runtime_c/capi/pjentry.c pj_call_site_owned).
class D:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag)


def callee(a, b):
    c = D("local c")
    print("in callee")


def caller():
    callee(D("arg a"), D("arg b"))
    print("after call")
    callee(b=D("kw b"), a=D("kw a"))
    print("after kw call")
    callee(*[D("star a"), D("star b")])
    print("after star call")


class Method:
    def m(self, a):
        b = D("method local b")


caller()
Method().m(D("method arg a"))
print("end")
