# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The order cockpit's flags and counters, the customer e-mails."""

from datetime import datetime

from odoo.addons.queue_job.tests.common import trap_jobs

from .common_outbound import EcomOutboundCase
from .servers.woocommerce_out import WooCommerceOutServer


class TestCockpit(EcomOutboundCase):
    def _counts(self):
        cockpit = self.env["ecom.cockpit"].with_user(self.ecom_user).create({})
        return cockpit

    def test_flags_shippable_short_unpaid_error(self):
        shippable = self.import_order()
        self.assertTrue(shippable.ecom_paid)
        self.assertTrue(shippable.ecom_shippable)
        self.assertFalse(shippable.ecom_waiting_stock)
        # stock short: 60 teapots asked, 49 left
        short = self.import_order(
            external_id="A-2",
            reference="#2",
            lines=[{"sku": "THEIERE-FONTE", "quantity": 60, "price_unit": "45.90", "tax_rate": 20}],
            discounts=[],
            total=f"{60 * 45.90 + 4.90:.2f}",
        )
        self.assertFalse(short.ecom_shippable)
        self.assertTrue(short.ecom_waiting_stock)
        unpaid = self.import_order(external_id="A-3", reference="#3", paid=False, status="on-hold")
        self.assertEqual(unpaid.state, "draft")
        self.assertFalse(unpaid.ecom_paid)
        unpaid._ecom_set_sync_error("refusé")
        cockpit = self._counts()
        self.assertEqual(cockpit.shippable_count, 1)
        self.assertEqual(cockpit.waiting_stock_count, 1)
        self.assertEqual(cockpit.waiting_payment_count, 1)
        self.assertEqual(cockpit.error_count, 1)
        self.assertEqual(cockpit.pick_line_count, 3)
        self.assertEqual(cockpit.pick_unit_count, 6)
        action = cockpit.action_open_shippable()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), shippable)
        action = cockpit.action_open_waiting_payment()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), unpaid)
        pick = cockpit.action_open_pick_list()
        self.assertEqual(pick["res_model"], "stock.move.line")
        lines = self.env["stock.move.line"].search(pick["domain"])
        self.assertEqual(lines.picking_id, shippable.picking_ids)

    def test_supply_delay_mail_per_notify_setting(self):
        order = self.import_order()
        self.assertEqual(self.backend._get_status_rule("supply_delay").notify, "odoo")
        order._ecom_notify_supply_delay()
        order._ecom_notify_supply_delay()
        messages = order.message_ids.filtered(
            lambda m: self._has(m, "is being replenished", "est en réapprovisionnement")
        )
        self.assertEqual(len(messages), 1, "once per event")
        self.assertIn(order.partner_id, messages.partner_ids)

    def test_dropship_replenishment_flag_mails_the_customer(self):
        order = self.import_order()
        order._ecom_set_replenishment_pending("Rupture chez le fournisseur")
        messages = order.message_ids.filtered(
            lambda m: self._has(m, "is being replenished", "est en réapprovisionnement")
        )
        self.assertEqual(len(messages), 1)

    def test_preparation_mail_then_nobody_notifies(self):
        order = self.import_order()
        prepared = order.message_ids.filtered(
            lambda m: self._has(m, "is being prepared", "en cours de préparation")
        )
        self.assertEqual(len(prepared), 1, "reserved at confirmation: in preparation")
        self.backend._get_status_rule("preparation").notify = "none"
        order = self.import_order(external_id="A-9", reference="#9")
        self.assertFalse(
            order.message_ids.filtered(
                lambda m: self._has(m, "is being prepared", "en cours de préparation")
            )
        )

    def test_shipped_mail_in_french_and_english_with_tracking_link(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.backend._get_status_rule("shipped").notify = "odoo"
        self.carrier.tracking_url = (
            "https://www.laposte.fr/outils/suivre-vos-envois?code=<shipmenttrackingnumber>"
        )
        for lang, expected in (("en_US", "has shipped"), ("fr_FR", "a été expédiée")):
            order = self.import_order(external_id=f"A-{lang}", reference=f"#{lang}")
            order.partner_id.lang = lang
            picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
            picking.carrier_tracking_url = (
                "https://www.laposte.fr/outils/suivre-vos-envois?code=6A1"
            )
            with trap_jobs():
                self.ship(picking, tracking="6A1")
            order._ecom_order_event("shipped", picking=picking)
            message = order.message_ids.filtered(lambda m: "6A1" in str(m.body))[:1]
            self.assertIn(expected, str(message.body), lang)
            self.assertIn(
                "https://www.laposte.fr/outils/suivre-vos-envois?code=6A1", str(message.body)
            )


class TestCockpitPollFailures(EcomOutboundCase):
    """Issue 8, item 3: the shops whose order import fails, on the dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = cls.start(WooCommerceOutServer())
        cls.other = cls.backend.copy({"name": "Boutique B"})

    def test_failed_polls_badge_links_to_the_shops(self):
        cockpit = self.env["ecom.cockpit"].with_user(self.ecom_user).create({})
        self.assertEqual(cockpit.poll_failed_count, 0)
        self.server.faults.append(401)
        message = self.backend._import_orders(until=datetime(2026, 11, 22))
        self.assertIn("401", message)
        self.assertEqual(self.backend.poll_failure_count, 1)
        cockpit = self.env["ecom.cockpit"].with_user(self.ecom_user).create({})
        self.assertEqual(cockpit.poll_failed_count, 1)
        action = cockpit.action_open_poll_failures()
        self.assertEqual(action["res_model"], "ecom.backend")
        self.assertEqual(self.env["ecom.backend"].search(action["domain"]), self.backend)
        # the badge shows on the dashboard, the first entry of the E-commerce menu
        menu = self.env.ref("ecom_connector.ecom_cockpit_menu")
        opened = menu.action.with_user(self.ecom_user).run()
        self.assertEqual(opened["res_model"], "ecom.cockpit")
        self.assertEqual(self.env["ecom.cockpit"].browse(opened["res_id"]).poll_failed_count, 1)
        arch = self.env["ecom.cockpit"].get_view()["arch"]
        self.assertIn('name="action_open_poll_failures"', arch)
        self.assertIn("poll_failed_count", arch)
        # the next import works: no more badge
        self.backend._import_orders(until=datetime(2026, 11, 22))
        self.assertEqual(self.backend.poll_failure_count, 0)
        cockpit = self.env["ecom.cockpit"].with_user(self.ecom_user).create({})
        self.assertEqual(cockpit.poll_failed_count, 0)
