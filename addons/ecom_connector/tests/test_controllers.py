# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import hmac
import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import EcomConnectorCase


def sign(secret, body):
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


@tagged("post_install", "-at_install")
class TestControllers(EcomConnectorCase, HttpCase):
    def _post(self, path, body, headers=None):
        return self.url_open(path, data=body, headers=headers or {}, timeout=30)

    def _inbox(self):
        return self.env["ecom.inbox"].search([("backend_id", "=", self.backend.id)])

    def _woo_payload(self, external_id="W-1"):
        order = self.canonical_order(external_id=external_id)
        return json.dumps(order).encode()

    def test_woocommerce_webhook_signed_forged_replayed(self):
        body = json.dumps({"id": 1}).encode()
        headers = {
            "Content-Type": "application/json",
            "X-WC-Webhook-Topic": "order.updated",
            "X-WC-Webhook-Delivery-ID": "delivery-1",
            "X-WC-Webhook-Signature": sign("whsec_test", body),
        }
        response = self._post(f"/ecom/webhook/{self.backend.id}", body, headers)
        self.assertEqual(response.status_code, 200, response.text)
        entry = self.env["ecom.inbox"].browse(response.json()["inbox_id"])
        self.assertEqual(entry.source, "webhook")
        self.assertEqual(entry.event_id, "delivery-1")
        self.assertEqual(entry.topic, "order.updated")
        self.assertEqual(entry.payload, body.decode())
        # the same delivery again: accepted, not stored twice
        again = self._post(f"/ecom/webhook/{self.backend.id}", body, headers)
        self.assertEqual(again.status_code, 200)
        self.assertEqual(again.json()["inbox_id"], entry.id)
        self.assertEqual(len(self._inbox()), 1)
        with mute_logger("odoo.addons.ecom_connector.controllers.main"):
            forged = self._post(
                f"/ecom/webhook/{self.backend.id}",
                body,
                dict(
                    headers,
                    **{
                        "X-WC-Webhook-Signature": sign("other", body),
                        "X-WC-Webhook-Delivery-ID": "delivery-2",
                    },
                ),
            )
            unsigned = self._post(
                f"/ecom/webhook/{self.backend.id}",
                body,
                {"Content-Type": "application/json", "X-WC-Webhook-Delivery-ID": "delivery-3"},
            )
            tampered = self._post(f"/ecom/webhook/{self.backend.id}", body + b" ", headers)
        self.assertEqual(forged.status_code, 401)
        self.assertEqual(unsigned.status_code, 401)
        self.assertEqual(tampered.status_code, 401)
        self.assertEqual(len(self._inbox()), 1)
        ping = b"webhook_id=12"
        pong = self._post(
            f"/ecom/webhook/{self.backend.id}",
            ping,
            dict(headers, **{"X-WC-Webhook-Signature": sign("whsec_test", ping)}),
        )
        self.assertEqual(pong.status_code, 200)
        self.assertEqual(len(self._inbox()), 1)

    def test_shopify_webhook_signature(self):
        shop = self.backend.copy(
            {"name": "Boutique Shopify", "platform": "shopify", "webhook_secret": "shpss_secret"}
        )
        body = b'{"id": 450789469, "name": "#1001"}'
        headers = {
            "Content-Type": "application/json",
            "X-Shopify-Topic": "orders/updated",
            "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
        }
        good = self._post(
            f"/ecom/webhook/{shop.id}",
            body,
            dict(headers, **{"X-Shopify-Hmac-Sha256": sign("shpss_secret", body)}),
        )
        self.assertEqual(good.status_code, 200)
        with mute_logger("odoo.addons.ecom_connector.controllers.main"):
            bad = self._post(
                f"/ecom/webhook/{shop.id}",
                body,
                dict(headers, **{"X-Shopify-Hmac-Sha256": sign("whsec_test", body)}),
            )
        self.assertEqual(bad.status_code, 401)
        self.assertEqual(self.env["ecom.inbox"].search_count([("backend_id", "=", shop.id)]), 1)
        self.assertEqual(self._post("/ecom/webhook/999999", body, headers).status_code, 404)

    def test_push_api_keys(self):
        action = self.backend.with_user(self.ecom_manager).action_generate_push_api_key()
        self.assertNotIn("res_id", action)
        wizard = self.env["ecom.backend.api.key"].with_context(**action["context"]).new({})
        key = wizard.key
        self.assertTrue(key)
        # shown once, never written: no wizard row holds it
        self.assertFalse(self.env["ecom.backend.api.key"].search([]))
        self.assertNotEqual(self.backend.sudo().push_api_key_hash, key)
        url = f"/ecom/api/v1/{self.backend.id}/orders"
        body = json.dumps(self.canonical_order(external_id="P-1")).encode()
        with mute_logger("odoo.addons.ecom_connector.controllers.main"):
            missing = self._post(url, body, {"Content-Type": "application/json"})
            wrong = self._post(url, body, {"Authorization": "Bearer nope"})
        self.assertEqual(missing.status_code, 401)
        self.assertEqual(wrong.status_code, 401)
        self.assertFalse(self._inbox())
        good = self._post(
            url, body, {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        )
        self.assertEqual(good.status_code, 202, good.text)
        entry = self.env["ecom.inbox"].browse(good.json()["inbox_id"])
        self.assertEqual(entry.source, "push")
        entry._process()
        self.assertEqual(entry.child_ids.state, "done", entry.child_ids.error)
        self.assertEqual(entry.child_ids.sale_order_id.state, "sale")
        by_header = self._post(url, body, {"X-Api-Key": key})
        self.assertEqual(by_header.status_code, 202)
        big = self._post(url, b"[" + b" " * (3 * 1024 * 1024) + b"]", {"X-Api-Key": key})
        self.assertEqual(big.status_code, 413)
        self.assertEqual(len(self.bound_orders()), 1)

    def test_external_api(self):
        integration = new_test_user(
            self.env,
            login="shop-bot",
            password="shop-bot-password",
            groups="base.group_user,ecom_connector.ecom_connector_group_integration",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.assertTrue(integration)
        order = self.canonical_order(external_id="RPC-1")
        ids = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            integration.id,
            "shop-bot-password",
            "ecom.backend",
            "receive_orders",
            [[self.backend.id], order],
        )
        entry = self.env["ecom.inbox"].browse(ids)
        self.assertEqual(entry.source, "api")
        entry._process()
        self.assertEqual(entry.child_ids.sale_order_id.client_order_ref, "#1001")
        with self.assertRaises(Exception) as error, mute_logger("odoo.http"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.ecom_user.id,
                "ecom_user",
                "ecom.backend",
                "receive_orders",
                [[self.backend.id], order],
            )
        self.assertIn("integration", str(error.exception))
