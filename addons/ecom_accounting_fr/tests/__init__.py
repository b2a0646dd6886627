from . import test_ventilation
from . import test_payout_import
