# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DeliveryCarrier(models.Model):
    """Any other carrier: no web service; the tracking numbers are typed or
    scanned on the transfer (one per package) or imported from the
    carrier's CSV file, the tracking link built from the *Tracking Link*
    pattern."""

    _inherit = "delivery.carrier"

    delivery_type = fields.Selection(
        selection_add=[("ecom_generic", "Other carrier (tracking typed or imported)")],
        ondelete={"ecom_generic": "set default"},
    )

    def ecom_generic_rate_shipment(self, order):
        return self._ecom_rate_shipment(order)

    def ecom_generic_send_shipping(self, pickings):
        # no label to ask for: the numbers come later (typed, scanned, CSV)
        return [{"exact_price": self.fixed_price, "tracking_number": False} for _p in pickings]

    def ecom_generic_get_tracking_link(self, picking):
        return self._ecom_get_tracking_link(picking)

    def ecom_generic_cancel_shipment(self, pickings):
        return self._ecom_cancel_shipment(pickings)

    def ecom_generic_ecom_typed_numbers(self):
        """Marker: this provider's parcels come from typed numbers."""
        return True
