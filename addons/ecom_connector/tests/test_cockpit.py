# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The order cockpit's flags and counters, the customer e-mails."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command

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


class TestCockpitInboxErrorsAndLate(EcomOutboundCase):
    """Issue 14: the orders that never became a sale order, and late
    shipments counted in the merchant's own day."""

    def _receive_unknown_sku(self, backend=None, external_id="A-404"):
        """An order of an unknown SKU: it stays in the inbox, in error."""
        with trap_jobs() as trap:
            self.receive(
                self.canonical_order(
                    external_id=external_id,
                    reference=f"#{external_id}",
                    lines=[
                        {"sku": "INCONNU-1", "quantity": 1, "price_unit": "5.00", "tax_rate": 20}
                    ],
                    discounts=[],
                    total="9.90",
                ),
                backend=backend,
            )
            self.run_jobs(trap)
        return self.env["ecom.inbox"].search(
            [("external_id", "=", external_id), ("state", "=", "error")]
        )

    def test_inbox_errors_counted_per_company_and_opened(self):
        entry = self._receive_unknown_sku()
        self.assertEqual(len(entry), 1)
        self.assertFalse(entry.sale_order_id)
        # another company's shop has an order in error too
        company_b = self.env["res.company"].create({"name": "Société B"})
        backend_b = (
            self.env["ecom.backend"]
            .sudo()
            .with_company(company_b)
            .create({"name": "Boutique B", "platform": "file", "company_id": company_b.id})
        )
        entry_b = self.env["ecom.inbox"]._receive(
            backend_b, "{}", source="push", payload_format="canonical", process=False
        )
        entry_b._process()
        self.assertEqual(entry_b.state, "error")
        cockpit = self._cockpit(self.ecom_user)
        self.assertEqual(cockpit.inbox_error_count, 1, "only the user's company's shops")
        self.assertEqual(cockpit.error_count, 0, "no order refused by the shop")
        action = cockpit.action_open_inbox_errors()
        self.assertEqual(action["res_model"], "ecom.inbox")
        self.assertEqual(action["context"], {"search_default_error": 1})
        Inbox = self.env["ecom.inbox"].with_user(self.ecom_user)
        self.assertEqual(Inbox.search(action["domain"]), entry)
        # a user of both companies sees both when both are selected
        self.ecom_user.company_ids = [Command.link(company_b.id)]
        both = self._cockpit(self.ecom_user, allowed_company_ids=[self.company.id, company_b.id])
        self.assertEqual(both.inbox_error_count, 2)
        only_b = self._cockpit(self.ecom_user, allowed_company_ids=[company_b.id])
        self.assertEqual(only_b.inbox_error_count, 1)
        # the counter sits on the dashboard, beside the shop sync errors
        arch = self.env["ecom.cockpit"].get_view()["arch"]
        self.assertIn('name="action_open_inbox_errors"', arch)
        # fixed then skipped (or retried): no longer counted
        entry.with_user(self.ecom_manager).action_skip()
        self.assertEqual(self._cockpit(self.ecom_user).inbox_error_count, 0)

    def _cockpit(self, user, **context):
        return self.env["ecom.cockpit"].with_user(user).with_context(**context).create({})

    def _order_due(self, external_id, due):
        order = self.import_order(external_id=external_id, reference=f"#{external_id}")
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        picking.scheduled_date = due
        self.assertEqual(order.ecom_expected_ship_date, due)
        return order

    @freeze_time("2026-11-30 08:00:00")
    def test_late_is_before_today_in_the_users_time_zone(self):
        # 23:30 UTC yesterday is 00:30 today in Paris: due today there
        paris_today = self._order_due("A-1", datetime(2026, 11, 29, 23, 30))
        # 22:30 UTC yesterday is 23:30 yesterday in Paris: late
        yesterday = self._order_due("A-2", datetime(2026, 11, 29, 22, 30))
        # imported this morning, due this morning (before now): not late
        this_morning = self._order_due("A-3", datetime(2026, 11, 30, 6, 0))
        shipped = self._order_due("A-4", datetime(2026, 11, 28, 10, 0))
        self.ship(shipped.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing"))
        Order = self.env["sale.order"].with_user(self.ecom_user)
        self.ecom_user.tz = "Europe/Paris"
        cockpit = self._cockpit(self.ecom_user)
        self.assertEqual(cockpit.late_count, 1)
        late = Order.search(cockpit.action_open_late()["domain"])
        self.assertEqual(late, yesterday)
        orders = paris_today | yesterday | this_morning | shipped
        self.assertEqual(
            Order.search([("ecom_late", "=", True), ("id", "in", orders.ids)]), yesterday
        )
        self.assertFalse(paris_today.with_user(self.ecom_user).ecom_late)
        self.assertTrue(yesterday.with_user(self.ecom_user).ecom_late)
        # the web client's tz in the context wins over the user's preference
        self.assertEqual(self._cockpit(self.ecom_user, tz="UTC").late_count, 2)
        self.ecom_user.tz = "UTC"
        # in UTC, 23:30 yesterday is yesterday: both are late
        cockpit = self._cockpit(self.ecom_user)
        self.assertEqual(cockpit.late_count, 2)
        self.assertEqual(
            Order.search(cockpit.action_open_late()["domain"]), paris_today | yesterday
        )

    @freeze_time("2026-11-30 23:30:00")
    def test_today_counts_the_users_day(self):
        # 23:30 UTC is already 1 December (00:30) in Paris: there, an order
        # placed at 23:10 UTC is today's, one placed at 22:30 UTC yesterday's
        self.import_order(external_id="A-1", reference="#1", date_order="2026-11-30T22:30:00Z")
        self.import_order(external_id="A-2", reference="#2", date_order="2026-11-30T23:10:00Z")
        self.ecom_user.tz = "Europe/Paris"
        self.assertEqual(self._cockpit(self.ecom_user).today_count, 1)
        self.ecom_user.tz = "UTC"
        self.assertEqual(self._cockpit(self.ecom_user).today_count, 2)


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
