# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ecom_is_relay = fields.Boolean(
        string="Relay Point",
        copy=False,
        help="A carrier's relay point or post office, child delivery address of the customer; "
        "its Reference is <carrier prefix>#<relay id>.",
    )
    ecom_relay_type = fields.Char(
        string="Relay Type", copy=False, help="Carrier's type of point (Colissimo: BPR, A2P...)."
    )
    ecom_relay_network = fields.Char(
        string="Relay Network", copy=False, help="Carrier's network code (Colissimo: R01...)."
    )

    @api.model
    def _ecom_get_relay_partner(self, parent, carrier, relay):
        """The relay point ``relay`` (dict: id, name, street, street2, zip,
        city, country_code, type, network) as a child delivery address of
        ``parent``, found by its ``ref`` (``<PREFIX>#<id>``, like core's
        ``MR#``) and address, else created.  The customer's phone, mobile
        and e-mail are copied: carriers need them to notify the customer."""
        prefix = carrier._ecom_relay_prefix()
        ref = f"{prefix}#{relay['id']}"
        commercial = parent.commercial_partner_id
        partner = self.search(
            [
                ("id", "child_of", commercial.ids),
                ("ref", "=", ref),
                ("street", "=", relay.get("street") or False),
                ("zip", "=", relay.get("zip") or False),
            ],
            limit=1,
        )
        if partner:
            return partner
        country = self.env["res.country"].search(
            [("code", "=", (relay.get("country_code") or "FR").upper())], limit=1
        )
        return self.create(
            {
                "parent_id": parent.id,
                "type": "delivery",
                "ref": ref,
                "name": relay.get("name") or ref,
                "street": relay.get("street") or False,
                "street2": relay.get("street2") or False,
                "zip": relay.get("zip") or False,
                "city": relay.get("city") or False,
                "country_id": country.id,
                "phone": parent.phone,
                "mobile": parent.mobile,
                "email": parent.email,
                "ecom_is_relay": True,
                "ecom_relay_type": relay.get("type") or False,
                "ecom_relay_network": relay.get("network") or False,
            }
        )

    def _ecom_get_relay_data(self, carrier):
        """The relay dict of this partner when it is a relay point of
        ``carrier`` (its prefix), else None."""
        self.ensure_one()
        prefix = carrier._ecom_relay_prefix()
        if not (prefix and self.ref and self.ref.startswith(f"{prefix}#")):
            return None
        return {
            "id": self.ref.split("#", 1)[1],
            "name": self.name,
            "street": self.street or "",
            "street2": self.street2 or "",
            "zip": self.zip or "",
            "city": self.city or "",
            "country_code": self.country_id.code or "FR",
            "type": self.ecom_relay_type or "",
            "network": self.ecom_relay_network or "",
            "partner": self,
        }
