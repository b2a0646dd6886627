# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A user of company B, through XML-RPC as any integrator would, against
company A's shop, inbox, bindings and mappings; webhooks as the platforms
send them."""

import json
import xmlrpc.client

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.ecom_base.tests.rpc import CompanyIsolationRpcMixin

from .common import EcomConnectorCase
from .test_controllers import sign

#: a harmless change of each model, refused to company B
WRITES = {
    "ecom.backend": {"sequence": 99},
    "ecom.inbox": {"error": "B"},
    "ecom.sale.order": {"shop_status": "B"},
    "ecom.res.partner": {"comment": "B"},
    "ecom.tax.map": {"rate": 99},
    "ecom.carrier.map": {"code": "B"},
    "ecom.payment.map": {"code": "B"},
}


@tagged("post_install", "-at_install")
class TestMultiCompanyRpc(CompanyIsolationRpcMixin, EcomConnectorCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_b = cls._create_company_b_user(
            "user_b",
            "base.group_user,ecom_base.ecom_base_group_manager,"
            "sales_team.group_sale_manager,ecom_connector.ecom_connector_group_integration",
        )
        cls.integration_a = new_test_user(
            cls.env,
            login="integration_a",
            groups="base.group_user,ecom_connector.ecom_connector_group_integration",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def _company_a_records(self):
        entry = self.receive(self.canonical_order())
        binding = self.env["ecom.sale.order"].search([("backend_id", "=", self.backend.id)])
        customers = self.env["ecom.res.partner"].search([("backend_id", "=", self.backend.id)])
        return {
            "ecom.backend": self.backend,
            "ecom.inbox": entry | entry.child_ids,
            "ecom.sale.order": binding,
            "ecom.res.partner": customers,
            "ecom.tax.map": self.backend.tax_map_ids,
            "ecom.carrier.map": self.backend.carrier_map_ids,
            "ecom.payment.map": self.backend.payment_map_ids,
        }

    def test_company_b_sees_nothing_of_company_a(self):
        self.assertIsolatedOverRpc("user_b", self._company_a_records(), WRITES)

    def test_receive_orders_refuses_other_company_and_archived_shops(self):
        payload = json.dumps(self.canonical_order(external_id="RPC-1"))
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault):
            self._rpc("user_b", "ecom.backend", "receive_orders", [self.backend.id], payload)
        ids = self._rpc(
            "integration_a", "ecom.backend", "receive_orders", [self.backend.id], payload
        )
        self.assertEqual(len(ids), 1)
        self.backend.active = False
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as error:
            self._rpc("integration_a", "ecom.backend", "receive_orders", [self.backend.id], payload)
        self.assertIn("archived", error.exception.faultString)

    # ---------------------------------------------- 8. webhooks as sent

    def test_non_ascii_signature_is_refused_cleanly(self):
        body = json.dumps({"id": 1}).encode()
        headers = {
            "Content-Type": "application/json",
            "X-WC-Webhook-Delivery-ID": "delivery-nonascii",
            "X-WC-Webhook-Signature": "sïgnature\u00e9".encode("latin-1"),
        }
        with mute_logger("odoo.addons.ecom_connector.controllers.main"):
            response = self.url_open(
                f"/ecom/webhook/{self.backend.id}", data=body, headers=headers, timeout=30
            )
        self.assertEqual(response.status_code, 401)

    def test_woocommerce_unsigned_ping_is_answered(self):
        response = self.url_open(
            f"/ecom/webhook/{self.backend.id}",
            data=b"webhook_id=42",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.env["ecom.inbox"].search([("backend_id", "=", self.backend.id)]))
        # anything else unsigned is still refused
        with mute_logger("odoo.addons.ecom_connector.controllers.main"):
            response = self.url_open(
                f"/ecom/webhook/{self.backend.id}",
                data=b'{"id": 1}',
                headers={"Content-Type": "application/json"},
                timeout=30,
            )
        self.assertEqual(response.status_code, 401)
        body = b"webhook_id=42"
        signed = self.url_open(
            f"/ecom/webhook/{self.backend.id}",
            data=body,
            headers={"X-WC-Webhook-Signature": sign("whsec_test", body)},
            timeout=30,
        )
        self.assertEqual(signed.status_code, 200)
