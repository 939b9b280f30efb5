print('sub package runs', __name__, __package__)
