from . import test_import_order
from . import test_inbox
from . import test_files
from . import test_controllers
from . import test_adapter_base
