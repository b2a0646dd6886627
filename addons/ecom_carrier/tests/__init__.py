# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_chronopost_client
from . import test_mondialrelay_client
from . import test_dpd_client
from . import test_chronopost
from . import test_mondialrelay
from . import test_dpd
