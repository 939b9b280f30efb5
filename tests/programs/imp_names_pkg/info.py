import os

MODULE_NAME = __name__
MODULE_FILE = os.path.basename(__file__)
FOLDER = os.path.basename(os.path.dirname(__file__))
AS_MAIN = __name__ == '__main__'


def where():
    return f'{__name__} in {FOLDER}/{MODULE_FILE}'
