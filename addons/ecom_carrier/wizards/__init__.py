# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import ecom_carrier_relay_search
from . import ecom_carrier_relay_search_line
from . import ecom_carrier_tracking_entry
from . import ecom_carrier_tracking_entry_line
from . import ecom_carrier_tracking_import
