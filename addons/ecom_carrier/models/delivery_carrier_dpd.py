# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..carriers.dpd.client import MAX_WEIGHT, TRACKING_LINK, DpdClient
from ..carriers.partner_address import partner_address
from .delivery_carrier import manager_setting


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    delivery_type = fields.Selection(
        selection_add=[("dpd_fr", "DPD France")],
        ondelete={"dpd_fr": "set default"},
    )
    dpd_fr_product = fields.Selection(
        [
            ("DPD_Classic", "DPD Classic"),
            ("DPD_Predict", "DPD Predict"),
            ("DPD_Relais", "DPD Relais (Pickup)"),
        ],
        string="DPD Product",
        default="DPD_Predict",
        help="Classic: home delivery; Predict: home delivery with a one-hour slot sent to "
        "the customer by SMS (needs a mobile phone); Relais: to the Pickup point chosen by "
        "the customer.",
    )
    dpd_fr_customer_center = manager_setting(
        "DPD Customer Center",
        "Depot (center) number of the DPD France contract.",
    )
    dpd_fr_customer_number = manager_setting(
        "DPD Customer Number",
        "Customer number of the DPD France contract.",
    )

    def _ecom_get_client(self, service):
        if self.delivery_type != "dpd_fr":
            return super()._ecom_get_client(service)
        carrier = self.sudo()
        return DpdClient(
            carrier.ecom_account_number,
            carrier.ecom_password,
            "250",
            carrier.dpd_fr_customer_center,
            carrier.dpd_fr_customer_number,
            **self._ecom_client_kwargs(service),
        )

    # --------------------------------------------------- provider contract

    def dpd_fr_rate_shipment(self, order):
        return self._ecom_rate_shipment(order)

    def dpd_fr_send_shipping(self, pickings):
        return self._ecom_send_shipping(pickings)

    def dpd_fr_get_tracking_link(self, picking):
        return self._ecom_get_tracking_link(picking)

    def dpd_fr_cancel_shipment(self, pickings):
        # e-station has no cancellation: a label never handed over is not charged
        return self._ecom_cancel_shipment(pickings)

    # ------------------------------------------------------ ecom hooks

    def dpd_fr_ecom_create_label(self, picking, spec):
        shipment = self._dpd_fr_prepare_shipment(picking, spec)
        return self._ecom_get_client("label").create_label(shipment)

    def dpd_fr_ecom_max_weight(self):
        return MAX_WEIGHT

    def dpd_fr_ecom_default_tracking_url(self):
        return TRACKING_LINK.replace("%s", "{tracking}")

    def dpd_fr_ecom_relay_prefix(self):
        return "DPD" if self.dpd_fr_product == "DPD_Relais" else False

    # ------------------------------------------------------- payloads

    def _dpd_fr_prepare_shipment(self, picking, spec):
        """``CreateShipmentWithLabelsBc`` data of one parcel; what DPD would
        refuse is said here, before calling it."""
        product = self.dpd_fr_product or "DPD_Classic"
        relay = spec.get("relay")
        customer = relay["partner"].parent_id if relay else picking.partner_id
        customer = customer or picking.partner_id
        if product == "DPD_Relais" and not relay:
            raise UserError(
                self.env._(
                    "%(picking)s ships with DPD Relais, but its delivery address is not a DPD "
                    "Pickup point: choose one on the sale order.",
                    picking=picking.display_name,
                )
            )
        recipient = partner_address(customer if relay else picking.partner_id, customer)
        if product == "DPD_Predict" and not recipient["mobile"]:
            raise UserError(
                self.env._(
                    "DPD Predict needs the mobile phone of %(customer)s: the delivery slot is "
                    "sent by SMS.",
                    customer=customer.display_name,
                )
            )
        weight = spec.get("weight") or 0.0
        if weight <= 0:
            raise UserError(
                self.env._(
                    "Parcel %(parcel)s has no weight: DPD France needs it on the label.",
                    parcel=spec["reference"],
                )
            )
        if weight > MAX_WEIGHT:
            raise UserError(
                self.env._(
                    "Parcel %(parcel)s weighs %(weight)s kg; DPD France takes at most "
                    "%(limit)s kg per parcel.",
                    parcel=spec["reference"],
                    weight=round(weight, 3),
                    limit=MAX_WEIGHT,
                )
            )
        shipper = picking.picking_type_id.warehouse_id.partner_id or picking.company_id.partner_id
        return {
            "product": product,
            "reference": spec["reference"],
            "reference2": (picking.sale_id.name or picking.origin or "")[:35],
            "ship_date": fields.Date.context_today(self),
            "weight": weight,
            "shipper": partner_address(shipper),
            "recipient": recipient,
            "relay_id": relay["id"] if relay else False,
            "label_type": "ZPL" if self.ecom_label_format == "zpl" else "PDF",
        }
