from . import test_invoice_channel
