print("running", __name__, "package", __package__)
value = "leaf"
