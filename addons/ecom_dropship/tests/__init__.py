from . import test_procurement_mode
