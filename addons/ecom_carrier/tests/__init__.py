# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_colissimo_errors
from . import test_colissimo_labels
from . import test_generic
from . import test_relay
from . import test_security
from . import test_tracking_laposte
from . import test_views
