# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

#: ecom_carrier's tracking states that are delivery events of ecom_connector
#: (label_created is not news for the shop or the customer)
SHOP_EVENTS = {
    "in_transit",
    "out_for_delivery",
    "available_for_pickup",
    "delivered",
    "incident",
    "returned",
}


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _ecom_carrier_tracking_state_changed(self, old_state, new_state):
        # the carrier's news goes to the shop and the customer too
        result = super()._ecom_carrier_tracking_state_changed(old_state, new_state)
        if new_state in SHOP_EVENTS:
            self._ecom_delivery_event(new_state)
        return result

    def _ecom_get_shipment_parcels(self):
        # ecom_carrier knows each package's number, link and weight
        parcels = self._ecom_carrier_parcel_dicts()
        return parcels or super()._ecom_get_shipment_parcels()
