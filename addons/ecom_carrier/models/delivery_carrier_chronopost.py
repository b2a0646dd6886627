# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..carriers.chronopost.client import (
    DEFAULT_MAX_WEIGHT,
    MAX_WEIGHT,
    RELAY_PRODUCTS,
    TRACKING_LINK,
    ChronopostClient,
)
from ..carriers.partner_address import partner_address
from .delivery_carrier import manager_setting


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    delivery_type = fields.Selection(
        selection_add=[("chronopost", "Chronopost")],
        ondelete={"chronopost": "set default"},
    )
    chronopost_product_code = fields.Selection(
        [
            ("01", "Chrono 13"),
            ("02", "Chrono 10"),
            ("16", "Chrono 18"),
            ("86", "Chrono Relais (86)"),
        ],
        string="Chronopost Product",
        default="01",
        help="Chronopost product code; Chrono Relais ships to the relay point chosen by the "
        "customer (its id travels in the recipient reference).",
    )
    chronopost_sub_account = manager_setting(
        "Chronopost Sub-account",
        "Optional sub-account of the Chronopost contract.",
    )

    def _ecom_get_client(self, service):
        if self.delivery_type != "chronopost":
            return super()._ecom_get_client(service)
        carrier = self.sudo()
        kwargs = self._ecom_client_kwargs(service)
        # one host for shipping and tracking; cancelSkybill lives on the tracking service
        kwargs["base_url"] = kwargs["base_url"] or carrier.ecom_label_url or None
        return ChronopostClient(
            carrier.ecom_account_number,
            carrier.ecom_password,
            sub_account=carrier.chronopost_sub_account,
            **kwargs,
        )

    # --------------------------------------------------- provider contract

    def chronopost_rate_shipment(self, order):
        return self._ecom_rate_shipment(order)

    def chronopost_send_shipping(self, pickings):
        return self._ecom_send_shipping(pickings)

    def chronopost_get_tracking_link(self, picking):
        return self._ecom_get_tracking_link(picking)

    def chronopost_cancel_shipment(self, pickings):
        return self._ecom_cancel_shipment(pickings)

    # ------------------------------------------------------ ecom hooks

    def chronopost_ecom_create_labels(self, picking, specs):
        """All the parcels of the picking in one ``shippingMultiParcelV5``
        call: Chronopost gives each its own skybill number and label."""
        self._chronopost_check(picking, specs)
        shipment = self._chronopost_prepare_shipment(picking, specs)
        return self._ecom_get_client("label").create_labels(shipment)

    def chronopost_ecom_cancel_label(self, parcel):
        self._ecom_get_client("tracking").cancel(parcel.tracking_number)

    def chronopost_ecom_fetch_tracking(self, parcels):
        client = self._ecom_get_client("tracking")
        return {parcel.tracking_number: client.track(parcel.tracking_number) for parcel in parcels}

    def chronopost_ecom_max_weight(self):
        return MAX_WEIGHT.get(self.chronopost_product_code, DEFAULT_MAX_WEIGHT)

    def chronopost_ecom_default_tracking_url(self):
        return TRACKING_LINK.replace("%s", "{tracking}")

    def chronopost_ecom_relay_prefix(self):
        # relay partners only mean a relay delivery for Chrono Relais
        return "CHR" if self.chronopost_product_code in RELAY_PRODUCTS else False

    # ------------------------------------------------------- payloads

    def _chronopost_check(self, picking, specs):
        """What Chronopost would refuse, said before calling it."""
        relay = specs[0].get("relay") if specs else None
        if self.chronopost_product_code in RELAY_PRODUCTS:
            if not relay:
                raise UserError(
                    self.env._(
                        "%(picking)s ships with Chrono Relais, but its delivery address is "
                        "not a Chronopost relay point: choose one on the sale order.",
                        picking=picking.display_name,
                    )
                )
            customer = relay["partner"].parent_id or relay["partner"]
            if not (customer.mobile or customer.email or relay["partner"].mobile):
                raise UserError(
                    self.env._(
                        "Chrono Relais needs the mobile phone or the e-mail of %(customer)s "
                        "to tell them the parcel is at the relay point.",
                        customer=customer.display_name,
                    )
                )
        limit = self.chronopost_ecom_max_weight()
        for spec in specs:
            if not spec.get("weight"):
                raise UserError(
                    self.env._(
                        "Parcel %(parcel)s has no weight: Chronopost needs it on the label "
                        "(set the package's shipping weight or the products' weight).",
                        parcel=spec["reference"],
                    )
                )
            if spec["weight"] > limit:
                raise UserError(
                    self.env._(
                        "Parcel %(parcel)s weighs %(weight)s kg; %(carrier)s takes at most "
                        "%(limit)s kg per parcel.",
                        parcel=spec["reference"],
                        weight=round(spec["weight"], 3),
                        carrier=self.name,
                        limit=limit,
                    )
                )

    def _chronopost_prepare_shipment(self, picking, specs):
        relay = specs[0].get("relay") if specs else None
        shipper = picking.picking_type_id.warehouse_id.partner_id or picking.company_id.partner_id
        if relay:
            relay_partner = relay["partner"]
            recipient = partner_address(relay_partner, relay_partner.parent_id or relay_partner)
        else:
            recipient = partner_address(picking.partner_id)
        return {
            "reference": (picking.sale_id.name or picking.origin or picking.name)[:35],
            "product_code": self.chronopost_product_code or "01",
            "ship_date": fields.Date.context_today(self),
            "shipper": partner_address(shipper),
            "recipient": recipient,
            "relay_id": relay["id"] if relay else False,
            "label_mode": "Z2D" if self.ecom_label_format == "zpl" else "PDF",
            "parcels": [
                {"weight": spec["weight"], "reference": spec["reference"]} for spec in specs
            ],
        }
