# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import EcomCarrierCase


class TestSecurity(EcomCarrierCase):
    def test_credentials_manager_only(self):
        carrier_user = self.colissimo_signature.with_user(self.ecom_user)
        with self.assertRaises(AccessError):
            carrier_user.read(["ecom_password"])
        with self.assertRaises(AccessError):
            carrier_user.read(["ecom_api_key"])
        carrier_manager = self.colissimo_signature.with_user(self.ecom_manager)
        self.assertTrue(carrier_manager.read(["ecom_password"])[0]["ecom_password"])
        # a user validates all the same: the label call reads them as system
        picking = self._ship(self.customer, self.colissimo_signature)
        self._validate(picking)
        self.assertTrue(picking.carrier_tracking_ref)

    def test_parcels_of_other_company_hidden(self):
        picking = self._ship(self.customer, self.colissimo_home)
        self._validate(picking)
        other = self.env["res.company"].create({"name": "Autre Boutique SARL"})
        user = new_test_user(
            self.env,
            login="other_company_user",
            groups="base.group_user,stock.group_stock_user,ecom_base.ecom_base_group_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        env = self.env(user=user, context=dict(self.env.context, allowed_company_ids=other.ids))
        parcels = env["ecom.carrier.parcel"].search([])
        self.assertNotIn(picking.ecom_parcel_ids, parcels)
        events = env["ecom.carrier.parcel.event"].search([])
        self.assertFalse(events & picking.ecom_parcel_ids.event_ids)
        own = self.env["ecom.carrier.parcel"].with_user(self.ecom_user).search([])
        self.assertIn(picking.ecom_parcel_ids, own)
