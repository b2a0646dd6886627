from . import test_ventilation
