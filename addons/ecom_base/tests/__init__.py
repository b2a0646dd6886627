from . import test_ecom_base
