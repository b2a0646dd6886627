from . import test_shipment
from . import test_receipt
from . import test_stock_snapshot
from . import test_idempotence
