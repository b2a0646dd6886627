# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..carriers.mondialrelay.client import (
    LABEL_BASE_URL,
    MAX_WEIGHT,
    MIN_WEIGHT,
    TRACKING_LINK,
    MondialRelayClient,
)
from ..carriers.partner_address import partner_address
from .delivery_carrier import manager_setting


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    delivery_type = fields.Selection(
        selection_add=[("mondialrelay", "Mondial Relay")],
        ondelete={"mondialrelay": "set default"},
    )
    mondialrelay_delivery_mode = fields.Selection(
        [("24R", "Point Relais (24R)"), ("HOM", "Home delivery (HOM)")],
        string="Mondial Relay Delivery",
        default="24R",
        help="24R: to the relay point chosen by the customer (its id travels as LIV_Rel); "
        "HOM: to the customer's address.",
    )
    mondialrelay_label_host = manager_setting(
        "Mondial Relay Label Server",
        "Server of the label PDFs whose path the web service returns. Leave empty for "
        "https://www.mondialrelay.com.",
    )

    def _ecom_get_client(self, service):
        if self.delivery_type != "mondialrelay":
            return super()._ecom_get_client(service)
        carrier = self.sudo()
        kwargs = self._ecom_client_kwargs(service)
        # one WSI endpoint for labels, tracing and relay search
        kwargs["base_url"] = kwargs["base_url"] or carrier.ecom_label_url or None
        return MondialRelayClient(
            carrier.ecom_account_number,
            carrier.ecom_password,
            label_base_url=carrier.mondialrelay_label_host or LABEL_BASE_URL,
            **kwargs,
        )

    # --------------------------------------------------- provider contract

    def mondialrelay_rate_shipment(self, order):
        return self._ecom_rate_shipment(order)

    def mondialrelay_send_shipping(self, pickings):
        return self._ecom_send_shipping(pickings)

    def mondialrelay_get_tracking_link(self, picking):
        return self._ecom_get_tracking_link(picking)

    def mondialrelay_cancel_shipment(self, pickings):
        # the WSI has no cancellation: an unused expedition is never charged
        return self._ecom_cancel_shipment(pickings)

    # ------------------------------------------------------ ecom hooks

    def mondialrelay_ecom_create_label(self, picking, spec):
        shipment = self._mondialrelay_prepare_shipment(picking, spec)
        return self._ecom_get_client("label").create_label(shipment)

    def mondialrelay_ecom_fetch_tracking(self, parcels):
        client = self._ecom_get_client("tracking")
        return {parcel.tracking_number: client.trace(parcel.tracking_number) for parcel in parcels}

    def mondialrelay_ecom_max_weight(self):
        return MAX_WEIGHT.get(self.mondialrelay_delivery_mode, 30000) / 1000.0

    def mondialrelay_ecom_default_tracking_url(self):
        return TRACKING_LINK.replace("%s", "{tracking}")

    def mondialrelay_ecom_relay_prefix(self):
        # the same prefix as core's delivery_mondialrelay; home delivery has no relay
        return "MR" if self.mondialrelay_delivery_mode == "24R" else False

    def mondialrelay_ecom_search_relays(self, address, weight):
        relays = self._ecom_get_client("relay").search_relays(
            address.get("country_code") or "FR",
            address.get("zip"),
            weight_grams=int((weight or 0) * 1000) or None,
        )
        return [
            {
                "id": relay["id"],
                "name": relay["name"],
                "street": relay["street"],
                "street2": "",
                "zip": relay["zip"],
                "city": relay["city"],
                "country_code": relay["country"] or "FR",
                "latitude": relay["latitude"],
                "longitude": relay["longitude"],
                "opening_hours": "; ".join(
                    f"{day} {' '.join(f'{start}-{end}' for start, end in slots)}"
                    for day, slots in relay["hours"].items()
                    if slots
                ),
                "type": "LOCKER" if relay["locker"] else "",
                "network": "",
                "distance": int(relay["distance"]) if relay["distance"].isdigit() else 0,
            }
            for relay in relays
        ]

    # ------------------------------------------------------- payloads

    def _mondialrelay_prepare_shipment(self, picking, spec):
        """The ``WSI2_CreationEtiquette`` data of one parcel; what Mondial
        Relay would refuse is said here, before calling it."""
        relay = spec.get("relay")
        mode = self.mondialrelay_delivery_mode or "24R"
        customer = picking.partner_id
        if mode == "24R":
            if not relay:
                raise UserError(
                    self.env._(
                        "%(picking)s ships with Mondial Relay to a relay point, but its "
                        "delivery address is not a Mondial Relay point: choose one on the "
                        "sale order.",
                        picking=picking.display_name,
                    )
                )
            customer = relay["partner"].parent_id or relay["partner"]
            if not (customer.mobile or customer.phone or relay["partner"].mobile):
                raise UserError(
                    self.env._(
                        "Mondial Relay needs the mobile phone of %(customer)s: the customer is "
                        "told by SMS when the parcel reaches the relay point.",
                        customer=customer.display_name,
                    )
                )
        grams = int(round((spec.get("weight") or 0.0) * 1000))
        if grams < MIN_WEIGHT:
            raise UserError(
                self.env._(
                    "Parcel %(parcel)s has no weight: Mondial Relay needs it (at least 10 g).",
                    parcel=spec["reference"],
                )
            )
        limit = MAX_WEIGHT.get(mode, 30000)
        if grams > limit:
            raise UserError(
                self.env._(
                    "Parcel %(parcel)s weighs %(weight)s kg; Mondial Relay takes at most "
                    "%(limit)s kg per parcel.",
                    parcel=spec["reference"],
                    weight=grams / 1000.0,
                    limit=limit / 1000.0,
                )
            )
        shipper = picking.picking_type_id.warehouse_id.partner_id or picking.company_id.partner_id
        if not (shipper.phone or shipper.mobile):
            raise UserError(
                self.env._(
                    "Mondial Relay needs the shipper's phone: set one on %(shipper)s.",
                    shipper=shipper.display_name,
                )
            )
        return {
            "mode": mode,
            "reference": spec["reference"],
            "customer_ref": str(customer.commercial_partner_id.id),
            "weight_grams": grams,
            "shipper": partner_address(shipper),
            # the customer's own address; the relay point goes in LIV_Rel
            "recipient": partner_address(customer if relay else picking.partner_id),
            "relay_id": relay["id"] if relay else False,
            "relay_country": relay["country_code"] if relay else False,
        }
