from . import test_formats
from . import test_transport
from . import test_outgoing
from . import test_shipment
from . import test_receipt
from . import test_stock_snapshot
from . import test_idempotence
from . import test_security
