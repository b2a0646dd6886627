from . import test_ecom_base
from . import test_vat_geography
