# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import ecom_carrier_event_code
from . import ecom_carrier_parcel
from . import ecom_carrier_parcel_event
from . import delivery_carrier
from . import delivery_carrier_laposte
from . import delivery_carrier_colissimo
from . import delivery_carrier_generic
from . import res_partner
from . import sale_order
from . import stock_picking
