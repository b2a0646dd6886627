from . import test_invoice_channel
from . import test_geography
