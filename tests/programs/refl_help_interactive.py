"""help() with no argument: the interactive help utility reading requests from stdin."""
help()
print("back in the program")
help()   # stdin is at its end now: leaves at once
print("done")
