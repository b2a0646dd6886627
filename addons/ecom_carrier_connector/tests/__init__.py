from . import test_bridge
from . import test_relay_import
