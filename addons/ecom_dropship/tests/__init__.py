from . import test_procurement_mode
from . import test_supplier_choice
from . import test_supplier_feed
from . import test_unavailability
from . import test_buffer_rotation
