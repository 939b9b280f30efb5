print('alpha runs', __name__, __package__)


def greet(who):
    return f'hello {who} from {__name__}'


_private = 'hidden from star import'
