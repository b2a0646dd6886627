# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The merchant's day, end to end, across every addon of the suite.

Two shops sell: a WooCommerce order arrives by webhook, a PrestaShop order
by polling, each against its local protocol server.  A flux-tendu product
of the first order is bought from its supplier, who delivers short: the
discrepancy is recorded and the customer told.  The rest arrives, the day's
pick list is printed, a warehouse user packs both orders at the station
(scans, weights) through the JSON-RPC calls of the station's web client;
Colissimo's local server issues the labels, the tracking goes to both shops
once, La Poste Suivi's local server reports the parcels delivered, the
customers get their French e-mails with the tracking link.  The orders are
invoiced on the ventilated accounts, an accountant imports the Stripe payout
that pays them, and the month's FEC and e-reporting come out right.

Jobs never run by themselves here: the ones queued in the test are trapped
(``trap_jobs``) and performed; the ones queued by an HTTP request (webhook,
station) are stored by queue_job and performed from their stored record.
"""

import base64
import csv
import hashlib
import hmac
import io
import json
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from odoo import Command, fields
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.ecom_accounting_fr.tests.common import EcomAccountingCase
from odoo.addons.ecom_accounting_fr.tests.test_fec import FEC_COLUMNS
from odoo.addons.ecom_carrier.tests.common import EcomCarrierCase
from odoo.addons.ecom_connector.tests.common_outbound import EcomOutboundCase
from odoo.addons.ecom_connector.tests.servers.catalogue import CUSTOMERS, SHIPPING
from odoo.addons.ecom_connector.tests.servers.prestashop import WS_KEY, prestashop_shop
from odoo.addons.ecom_connector.tests.servers.prestashop_out import PrestaShopOutServer
from odoo.addons.ecom_connector.tests.servers.woocommerce import woo_order_from_plan
from odoo.addons.ecom_connector.tests.servers.woocommerce_out import WooCommerceOutServer
from odoo.addons.ecom_dropship.tests.common import EcomDropshipCase
from odoo.addons.ecom_picking_control.tests.common import create_packing_station
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

#: the flux-tendu product of the WooCommerce order (not in the shops' catalogue)
GIFT_BOX = ("COFFRET-DEGUST", "3760000000109", "Coffret dégustation 12 thés", Decimal("39.00"))
#: PrestaShop order id of ``prestashop_shop(1)`` (its order index 0)
PRESTA_ORDER = "40"
#: WooCommerce order of the webhook (``woo_order_from_plan`` numbers it 5000 + index)
WOO_INDEX = 7
WOO_ORDER = str(5000 + WOO_INDEX)
#: shipping weight of the products (kg), the station's box weighs 0.1 kg
WEIGHTS = {"THE-SENCHA": 0.1, "THEIERE-FONTE": 1.5, "KIT-PLANT": 0.6, GIFT_BOX[0]: 0.8}


@tagged("post_install", "-at_install")
class TestMerchantDay(EcomOutboundCase, EcomCarrierCase, EcomAccountingCase, HttpCase):
    """One merchant's day; the fixtures of the addons' test bases, combined:

    - ``EcomOutboundCase``: catalogue ``products`` in stock, ``backend``
      (WooCommerce, tax included, tax map on the ``_ttc`` taxes), jobs
      queued (not run inline), ``start()`` / ``run_jobs()``;
    - ``EcomCarrierCase``: local Colissimo and La Poste Suivi servers,
      ``colissimo_home`` (DOM labels, tracked through Suivi v2);
    - ``EcomAccountingCase``: the accounting setup wizard applied (ventilation
      sub-accounts), ``accountant`` / ``env_accountant``;

    and, here: ``woo`` (webhook) and ``presta`` (poll) in French, their
    carrier code ``colissimo`` on ``colissimo_home``; the warehouse with
    packing control and reception conformity, ``station`` with a 0.1 kg box;
    ``gift_box``, flux tendu, bought from ``supplier``; ``packer``, a
    warehouse user (Inventory / User only); ``stripe``, the accountant's
    Stripe payout profile.
    """

    #: ``ecom_user`` sells, invoices, buys and moves stock (as ecom_dropship's)
    ecom_user_groups = EcomDropshipCase.ecom_user_groups

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the shop sells tax included: the chart's tax-included rates are active
        (
            cls.tax_sale_20_ttc | cls.tax_sale_10_ttc | cls.tax_sale_55_ttc | cls.tax_sale_21_ttc
        ).active = True
        cls.packer = cls._create_ecom_user("packer", ("base.group_user", "stock.group_stock_user"))
        cls.warehouse.action_ecom_enable_packing_control()
        cls.out_type = cls.warehouse.out_type_id
        cls.out_type.auto_batch = False
        cls.station = create_packing_station(cls.warehouse)
        cls.supplier = cls.env["res.partner"].create(
            {
                "name": "Les Jardins de Thé SARL",
                "is_company": True,
                "country_id": cls.country_fr.id,
                "email": "commandes@jardins-the.example",
            }
        )
        sku, barcode, name, price = GIFT_BOX
        cls.gift_box = cls.env["product.product"].create(
            {
                "name": name,
                "default_code": sku,
                "barcode": barcode,
                "is_storable": True,
                "list_price": float(price),
                "taxes_id": [Command.set(cls.tax_sale_20.ids)],
                "supplier_taxes_id": [Command.set(cls.tax_purchase_20.ids)],
                "ecom_procurement_mode": "flux_tendu",
                "seller_ids": [
                    Command.create(
                        {
                            "partner_id": cls.supplier.id,
                            "price": 18.0,
                            "company_id": cls.company.id,
                            "delay": 2,
                        }
                    )
                ],
            }
        )
        cls.products[sku] = cls.gift_box
        for code, weight in WEIGHTS.items():
            cls.products[code].weight = weight
        # both shops: French customers, Colissimo through the local servers
        cls.woo = cls.backend
        cls.woo.write({"name": "Boutique WooCommerce", "lang": "fr_FR"})
        # Odoo, not WooCommerce, mails the customer the shipment with its link
        cls.woo._get_status_rule("shipped").notify = "odoo"
        cls.presta = cls.woo.copy(
            {
                "name": "Boutique PrestaShop",
                "platform": "prestashop",
                "api_key": WS_KEY,
                "api_secret": False,
                "import_from": fields.Datetime.now() - timedelta(days=10),
            }
        )
        cls.presta.action_reset_status_map()
        (cls.woo | cls.presta).carrier_map_ids.carrier_id = cls.colissimo_home
        cls.woo_server = cls.start(WooCommerceOutServer(orders=[cls._woo_order()]), cls.woo)
        shop = prestashop_shop(1)
        cls.presta_server = cls.start(PrestaShopOutServer(shop), cls.presta)
        cls.presta_server.add_order_carrier(PRESTA_ORDER)
        cls.presta_reference = shop["orders"][PRESTA_ORDER]["reference"]
        cls.stripe = cls._profile("Stripe", "stripe", False)
        cls.stripe.journal_id = cls.env["account.journal"].create(
            {"name": "Stripe", "code": "STR", "type": "general", "company_id": cls.company.id}
        )

    @classmethod
    def _woo_order(cls):
        """The webhook's order: 2 teas from stock, 2 flux-tendu gift boxes."""
        sku, barcode, name, price = GIFT_BOX
        lines = [
            {
                "sku": "THE-SENCHA",
                "barcode": "3760000000017",
                "name": "Thé vert Sencha 100 g",
                "qty": 2,
                "price": Decimal("12.00"),
                "rate": Decimal("5.5"),
                "discount": Decimal(0),
            },
            {
                "sku": sku,
                "barcode": barcode,
                "name": name,
                "qty": 2,
                "price": price,
                "rate": Decimal("20"),
                "discount": Decimal(0),
            },
        ]
        code, ship_name, amount, rate = SHIPPING
        plan = {
            "customer": CUSTOMERS[1],
            "lines": lines,
            "shipping": {"code": code, "name": ship_name, "amount": amount, "rate": rate},
            "total": Decimal("24.00") + price * 2 + amount,
            "paid": True,
        }
        return woo_order_from_plan(WOO_INDEX, plan)

    # ------------------------------------------------------------ helpers

    def _perform_stored_jobs(self, since_id):
        """Run the jobs an HTTP request stored (and those they queue) as the
        job runner does: loaded from their record, started, performed, done.
        Returns the jobs run."""
        done = self.env["queue.job"]
        for _round in range(6):
            pending = (
                self.env["queue.job"].search([("id", ">", since_id), ("state", "=", "pending")])
                - done
            )
            if not pending:
                break
            for record in pending:
                job = Job.load(self.env, record.uuid)
                job.set_started()
                job.store()
                job.perform()
                job.set_done()
                job.store()
            done |= pending
        return done

    def _last_job_id(self):
        return self.env["queue.job"].search([], order="id desc", limit=1).id or 0

    def _station_call(self, method, *args):
        """The station's web client call: ``orm.call`` JSON-RPC as the packer."""
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/ecom.packing.station/{method}",
            {
                "model": "ecom.packing.station",
                "method": method,
                "args": [[self.station.id], *args],
                "kwargs": {},
            },
        )

    def _shop_order(self, backend, external_id):
        binding = self.env["ecom.sale.order"].search(
            [("backend_id", "=", backend.id), ("external_id", "=", external_id)]
        )
        self.assertEqual(len(binding), 1, f"{backend.name}: order {external_id} imported once")
        return binding.odoo_id

    @staticmethod
    def _delivery(order):
        return order.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state not in ("done", "cancel")
        )

    def _messages(self, order, text):
        return order.message_ids.filtered(lambda m: text in str(m.body))

    @staticmethod
    def _amount(text):
        return Decimal(text.replace(",", ".") or "0")

    # --------------------------------------------------------------- test

    def test_merchant_day(self):
        # 1. the WooCommerce order arrives by its signed webhook
        body = json.dumps(self._woo_order()).encode()
        signature = base64.b64encode(
            hmac.new(self.woo.webhook_secret.encode(), body, hashlib.sha256).digest()
        ).decode()
        since = self._last_job_id()
        response = self.url_open(
            f"/ecom/webhook/{self.woo.id}",
            data=body,
            headers={
                "Content-Type": "application/json",
                "X-WC-Webhook-Topic": "order.created",
                "X-WC-Webhook-Delivery-ID": "d-5007",
                "X-WC-Webhook-Signature": signature,
            },
            timeout=30,
        )
        self.assertEqual(response.status_code, 200, response.text)
        entry = self.env["ecom.inbox"].browse(response.json()["inbox_id"])
        self.assertEqual((entry.source, entry.state), ("webhook", "new"))
        self.assertEqual(entry.payload, body.decode(), "stored as the shop sent it")
        job = self.env["queue.job"].search([("id", ">", since)])
        self.assertEqual(len(job), 1, "one processing job for the webhook")
        self.assertEqual(job.channel, "root.ecom")
        self.assertEqual(job.identity_key, f"ecom_inbox_{entry.id}_0")
        since = self._last_job_id()
        self._perform_stored_jobs(job.id - 1)
        self.assertEqual(entry.state, "done", entry.error)
        woo_order = self._shop_order(self.woo, WOO_ORDER)
        self.assertEqual(woo_order.state, "sale", "paid by card: confirmed")
        self.assertEqual(woo_order.amount_total, 106.90)
        self.assertEqual(woo_order.partner_id.lang, "fr_FR")
        self.assertEqual(woo_order.carrier_id, self.colissimo_home)

        # 2. the PrestaShop order comes with the poll
        with trap_jobs() as trap:
            self.presta.action_import_orders()
            trap.assert_enqueued_job(
                self.presta._import_orders,
                properties={
                    "channel": "root.ecom",
                    "identity_key": f"ecom_import_orders_{self.presta.id}",
                },
            )
            self.run_jobs(trap)
        self.assertTrue(self.presta_server.requests, "the shop was polled")
        polled = self.env["ecom.inbox"].search([("backend_id", "=", self.presta.id)])
        self.assertEqual(set(polled.mapped("source")), {"poll"})
        self.assertEqual(set(polled.mapped("state")), {"done"}, polled.mapped("error"))
        presta_order = self._shop_order(self.presta, PRESTA_ORDER)
        self.assertEqual(presta_order.state, "sale")
        self.assertEqual(presta_order.amount_total, 163.00)
        self.assertEqual(presta_order.carrier_id, self.colissimo_home)

        # 3. flux tendu: the gift boxes are bought from their supplier
        purchase = woo_order._get_purchase_orders()
        self.assertEqual(len(purchase), 1)
        self.assertEqual(purchase.partner_id, self.supplier)
        self.assertEqual(purchase.order_line.product_id, self.gift_box)
        self.assertEqual(purchase.order_line.product_qty, 2)
        self.assertTrue(woo_order.ecom_needs_supplier)
        purchase.with_user(self.ecom_user).button_confirm()
        self.assertEqual(purchase.state, "purchase")
        woo_delivery = self._delivery(woo_order)
        woo_delivery.action_assign()
        box_move = woo_delivery.move_ids.filtered(lambda m: m.product_id == self.gift_box)
        self.assertEqual(box_move.procure_method, "make_to_order")
        self.assertEqual(box_move.state, "waiting", "the boxes wait for the supplier")

        # 4. the supplier delivers one box of two: discrepancy, customer warned
        receipt = purchase.picking_ids.with_user(self.packer)
        receipt.move_ids.quantity = 1
        receipt.move_ids.picked = True
        with trap_jobs() as trap:
            res = receipt.button_validate()
            Form.from_action(self.env(user=self.packer), res).save().process()
        trap.assert_jobs_count(0)  # the shops' states do not change at a receipt
        discrepancy = receipt.ecom_discrepancy_ids
        self.assertEqual(len(discrepancy), 1)
        self.assertEqual(discrepancy.line_ids.kind, "short")
        self.assertEqual(discrepancy.line_ids.difference, -1)
        self.assertEqual(discrepancy.partner_id, self.supplier)
        self.assertTrue(discrepancy.report_attachment_id.raw)
        self.assertEqual(discrepancy.sale_order_ids, woo_order)
        self.assertTrue(woo_order.ecom_supply_issue)
        warned = self._messages(woo_order, "réapprovisionnement")
        self.assertEqual(len(warned), 1, "the customer is told once, in French")
        self.assertIn(woo_order.partner_id, warned.partner_ids)
        # the rest comes the next day: conform, the delivery is reserved
        backorder = purchase.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        backorder = backorder.with_user(self.packer)
        backorder.move_ids.quantity = 1
        backorder.move_ids.picked = True
        with trap_jobs() as trap:
            backorder.button_validate()
        trap.assert_jobs_count(0)
        self.assertFalse(backorder.ecom_discrepancy_ids)
        self.assertEqual(set(woo_delivery.move_ids.mapped("state")), {"assigned"})
        self.assertTrue(woo_order.ecom_shippable)
        presta_delivery = self._delivery(presta_order)
        self.assertEqual(presta_delivery.state, "assigned")

        # 5. the day's pick list: one batch, its report
        wizard = Form(self.env(user=self.packer)["ecom.pick.list.wizard"])
        wizard.picking_type_id = self.out_type
        action = wizard.save().action_create()
        self.assertEqual(action["report_name"], "ecom_picking_control.report_pick_list")
        batch = woo_delivery.batch_id
        self.assertTrue(batch)
        self.assertEqual(batch.picking_ids, woo_delivery | presta_delivery)
        rows = batch._ecom_pick_list_rows()
        self.assertEqual(
            {r["product"].default_code: r["quantity"] for r in rows},
            {"THE-SENCHA": 3.0, GIFT_BOX[0]: 2.0, "THEIERE-FONTE": 2.0, "KIT-PLANT": 3.0},
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("ecom_picking_control.report_pick_list", batch.ids)[0]
            .decode()
        )
        self.assertIn(woo_delivery.name, html)
        self.assertIn(presta_delivery.name, html)

        # 6. packing at the station as the web client calls it, as the packer
        self.authenticate("packer", "packer")
        since = self._last_job_id()
        state = self._station_call("ecom_open", batch.name)
        first = self.env["stock.picking"].browse(state["picking"]["id"])
        self.assertIn(first, batch.picking_ids)
        packed = self.env["stock.picking"]
        labels, measured = {}, {}
        while first:
            for move in first.move_ids:
                for _unit in range(int(move.product_uom_qty)):
                    state = self._station_call("ecom_scan", first.id, move.product_id.barcode)
                    self.assertNotEqual(state["message"]["type"], "error", state["message"])
            self.assertEqual(state["step"], "weigh")
            expected = state["parcels"][0]["expected"]
            self.assertAlmostEqual(
                expected,
                sum(WEIGHTS[m.product_id.default_code] * m.quantity for m in first.move_ids) + 0.1,
            )
            # the scale reads 20 g more than the products and the box: within tolerance
            measured[first] = round(expected + 0.02, 2)
            state = self._station_call("ecom_weigh", first.id, f"{measured[first]:.2f}")
            self.assertEqual(state["step"], "validate", state.get("message"))
            state = self._station_call("ecom_validate", first.id)
            self.assertEqual(state["step"], "done", state.get("message"))
            labels[first] = state["labels"]
            packed |= first
            first = self.env["stock.picking"].browse(state["next"] or [])
        self.assertEqual(packed, woo_delivery | presta_delivery)

        # 7. Colissimo's labels and tracking numbers
        self.assertEqual(len(self.colissimo_server.labels), 2)
        for picking in packed:
            self.assertEqual(picking.state, "done")
            parcel = picking.ecom_parcel_ids
            self.assertEqual(len(parcel), 1)
            self.assertTrue(parcel.tracking_number.startswith("6A"))
            self.assertEqual(picking.carrier_tracking_ref, parcel.tracking_number)
            self.assertIn(parcel.tracking_number, picking.carrier_tracking_url)
            self.assertEqual(
                [label["name"] for label in labels[picking]], [parcel.label_attachment_id.name]
            )
            weighed = picking.ecom_scan_ids.filtered(lambda s: s.kind == "weight")
            self.assertEqual(weighed.user_id, self.packer)
            self.assertAlmostEqual(parcel.weight, measured[picking], msg="the weighed parcel")
        self.assertEqual(
            sorted(body["letter"]["parcel"]["weight"] for body in self.colissimo_server.labels),
            sorted(measured.values()),
            "Colissimo got the weighed parcels",
        )

        # 8. tracking and status out: queued by the validation, sent once
        jobs = self._perform_stored_jobs(since)
        shipments = jobs.filtered(lambda j: j.method_name == "_ecom_push_shipment")
        self.assertEqual(len(shipments), 2)
        self.assertEqual(set(shipments.mapped("channel")), {"root.ecom.out"})
        self.assertEqual(
            set(shipments.mapped("identity_key")),
            {f"ecom_shipment_{p.id}" for p in packed},
        )
        self.assertEqual(set(jobs.mapped("state")), {"done"})
        woo_number = woo_delivery.carrier_tracking_ref
        presta_number = presta_delivery.carrier_tracking_ref
        self.assertEqual(woo_delivery.ecom_shipment_state, "sent")
        self.assertEqual(presta_delivery.ecom_shipment_state, "sent")
        notes = self.woo_server.notes.get(WOO_ORDER, [])
        self.assertEqual(len(notes), 1, "WooCommerce got exactly one shipment")
        self.assertIn(woo_number, notes[0]["note"])
        self.assertEqual(self.woo_server.statuses, [(int(WOO_ORDER), "completed")])
        carriers = [
            c for c in self.presta_server.order_carriers.values() if c["id_order"] == PRESTA_ORDER
        ]
        self.assertEqual([c["tracking_number"] for c in carriers], [presta_number])
        self.assertEqual(
            [p for p in self.presta_server.puts if p[0] == "order_carrier"],
            [("order_carrier", carriers[0]["id"])],
            "PrestaShop got exactly one shipment",
        )
        self.assertEqual([h["id_order_state"] for h in self.presta_server.order_histories], ["4"])
        # pushed again (a retried job, a second validation click): nothing more is sent
        for picking in packed:
            picking._ecom_push_shipment()
        self.assertEqual(len(self.woo_server.notes[WOO_ORDER]), 1)
        self.assertEqual(len(self.presta_server.puts), 1)
        # the customer of the WooCommerce shop got Odoo's shipped e-mail with the link
        shipped = self._messages(woo_order, "Suivre votre colis")
        self.assertEqual(len(shipped), 1)
        self.assertIn(woo_number, str(shipped.body))
        self.assertIn(woo_delivery.carrier_tracking_url.replace("&", "&amp;"), str(shipped.body))
        self.assertIn("a été expédiée", str(shipped.body))

        # 9. delivered, as La Poste Suivi tells the tracking poll
        for number in (woo_number, presta_number):
            self.laposte_server.add_event(number, "PC1", "2026-11-20T18:00:00+01:00")
            self.laposte_server.add_event(number, "DI1", "2026-11-21T12:30:00+01:00", final=True)
        with trap_jobs() as trap:
            self.env["delivery.carrier"]._cron_ecom_poll_tracking()
            polls = [j for j in trap.enqueued_jobs if j.method_name == "_ecom_poll_tracking"]
            self.assertTrue(polls)
            self.assertEqual({j.channel for j in polls}, {"root.carrier"})
            self.run_jobs(trap)
        for picking in packed:
            self.assertEqual(picking.ecom_tracking_state, "delivered")
            self.assertEqual(picking.ecom_delivery_state, "delivered")
            self.assertTrue(picking.ecom_parcel_ids.tracking_final)
        with trap_jobs() as trap:
            self.env["delivery.carrier"]._cron_ecom_poll_tracking()
            trap.assert_jobs_count(0, only=self.colissimo_home._ecom_poll_tracking)
        self.assertEqual(
            [h["id_order_state"] for h in self.presta_server.order_histories], ["4", "5"]
        )
        delivered = self._messages(woo_order, "est livrée")
        self.assertEqual(len(delivered), 1, "Odoo tells the WooCommerce customer, once")
        # every e-mail of the day went to the customer, in French
        customer = woo_order.partner_id
        mails = woo_order.message_ids.filtered(lambda m: customer in m.partner_ids)
        self.assertEqual(
            sorted(mails.mapped("subject")),
            [
                "Votre commande 5007 : un article est en réapprovisionnement",
                "Votre commande 5007 a été expédiée",
                "Votre commande 5007 est en préparation",
                "Votre commande 5007 est livrée",
            ],
        )
        for mail in mails:
            self.assertIn("Bonjour", str(mail.body))
            self.assertNotIn("Hello", str(mail.body))

        # 10. invoices on the ventilated accounts: 707 by VAT rate, 7085 shipping
        invoices = self.env["account.move"]
        for order in (woo_order, presta_order):
            invoice = order.with_user(self.ecom_user)._create_invoices()
            invoice.action_post()
            invoices |= invoice
        woo_invoice, presta_invoice = invoices
        self.assertEqual((woo_invoice.amount_total, presta_invoice.amount_total), (106.90, 163.00))
        self.assertEqual(
            {
                line.product_id.default_code: line.account_id.code
                for line in woo_invoice.invoice_line_ids
            },
            {"THE-SENCHA": "707130", GIFT_BOX[0]: "707110", False: "708510"},
        )
        ledger = defaultdict(Decimal)
        for line in invoices.line_ids:
            ledger[line.account_id.code] -= Decimal(str(line.balance))
        # tax included: 24.00 / 1.055 + 12.00 / 1.055 - 0.09 (PrestaShop's code, prorated)...
        expected = {
            "707110": Decimal("140.93"),  # 78.00 / 1.2 + 2 x 45.90 / 1.2 - 0.57
            "707120": Decimal("50.07"),  # 3 x 18.50 / 1.1 - 0.38
            "707130": Decimal("34.03"),  # 24.00 / 1.055 + 12.00 / 1.055 - 0.09
            "708510": Decimal("8.16"),  # 2 x 4.90 / 1.2
            "445710": Decimal("36.71"),  # VAT collected
            "411100": Decimal("-269.90"),
        }
        self.assertEqual(dict(ledger), expected)

        # 11. Stripe's payout file, imported by the accountant, pays both invoices
        payout = self._stripe_file(
            [(WOO_ORDER, "106.90", "1.85"), (self.presta_reference, "163.00", "2.70")]
        )
        imp = self.env_accountant["ecom.payout.import"].create(
            {
                "profile_id": self.stripe.id,
                "filename": "stripe_balance.csv",
                "data_file": base64.b64encode(payout),
            }
        )
        imp.action_import()
        self.assertEqual(imp.state, "done")
        self.assertFalse(imp.to_check_count, imp.line_ids.filtered("to_check").mapped("order_ref"))
        self.assertEqual(imp.payout_amount, 265.35)
        self.assertEqual(imp.commission_amount, 4.55)
        self.assertEqual(imp.move_id.journal_id, self.stripe.journal_id)
        self.assertEqual(set(invoices.mapped("payment_state")), {"paid"})
        receivables = (invoices | imp.move_id).line_ids.filtered(
            lambda line: line.account_id.code == "411100"
        )
        self.assertTrue(all(receivables.mapped("reconciled")))
        fees = imp.move_id.line_ids.filtered(lambda line: line.account_id.code == "627800")
        self.assertAlmostEqual(sum(fees.mapped("balance")), 4.55)

        # 12. the month's FEC: balanced, PCG accounts only, every line with its piece
        today = fields.Date.context_today(self.env.user)
        date_from, date_to = today.replace(day=1), today
        # the accountant's session is in French
        env_accountant = self.env_accountant(context=dict(self.env.context, lang="fr_FR"))
        wizard = env_accountant["l10n_fr.fec.export.wizard"].create(
            {
                "date_from": date_from,
                "date_to": date_to,
                "test_file": True,
                "export_type": "official",
            }
        )
        text = wizard.with_company(self.company).generate_fec()["file_content"].decode()
        table = list(csv.reader(io.StringIO(text), delimiter="|"))
        self.assertEqual(table[0], FEC_COLUMNS)
        rows = [dict(zip(FEC_COLUMNS, row, strict=True)) for row in table[1:]]
        self.assertNotIn("999999", {row["CompteNum"] for row in rows})
        self.assertTrue(all(row["PieceRef"].strip() for row in rows), "PieceRef set")
        self.assertTrue(all(row["EcritureLib"].strip() for row in rows))
        entries = defaultdict(Decimal)
        accounts = defaultdict(Decimal)
        for row in rows:
            amount = self._amount(row["Debit"]) - self._amount(row["Credit"])
            entries[row["EcritureNum"]] += amount
            accounts[row["CompteNum"]] -= amount
        self.assertEqual(set(entries), {*invoices.mapped("name"), imp.move_id.name})
        self.assertEqual(set(entries.values()), {Decimal(0)}, "every entry balanced")
        for code in ("707110", "707120", "707130", "708510", "445710"):
            self.assertEqual(accounts[code], expected[code], code)
        self.assertEqual(accounts["627800"], Decimal("-4.55"))
        self.assertEqual(accounts["411100"], 0, "the customers are paid")
        pieces = {row["EcritureNum"]: row["PieceRef"] for row in rows}
        self.assertEqual(pieces[woo_invoice.name], WOO_ORDER)
        self.assertEqual(pieces[presta_invoice.name], self.presta_reference)
        labels = {row["CompteNum"]: row["CompteLib"] for row in rows}
        self.assertEqual(labels["445710"], "TVA collectée", "the chart's labels, in French")
        customers = [row for row in rows if row["CompteNum"] == "411100"]
        self.assertEqual(len(customers), 4)
        for row in customers:
            self.assertTrue(row["CompAuxNum"] and row["CompAuxLib"], row)
            self.assertTrue(row["EcritureLet"], "lettered with the payout")

        # ... and the e-reporting (flow 10.3) of the period: B2C sales per rate
        export = env_accountant["ecom.ereporting.export"].create(
            {"date_from": date_from, "date_to": date_to, "file_format": "csv", "flow": "10.3"}
        )
        export.action_export()
        report = list(
            csv.DictReader(io.StringIO(base64.b64decode(export.file_data).decode()), delimiter=";")
        )
        self.assertEqual(
            [
                (
                    r["category"],
                    r["vat_rate"],
                    r["amount_untaxed"],
                    r["vat_amount"],
                    r["transactions"],
                )
                for r in report
            ],
            [
                ("TLB1", "", "233.19", "36.71", "2"),
                ("TLB1", "20.00", "149.09", "29.82", ""),
                ("TLB1", "10.00", "50.07", "5.01", ""),
                ("TLB1", "5.50", "34.03", "1.88", ""),
            ],
        )
        self.assertEqual(
            Decimal("149.09"), expected["707110"] + expected["708510"], "20 %: goods and shipping"
        )
        self.assertEqual(
            {(r["period_start"], r["period_end"]) for r in report}, {(str(date_from), str(date_to))}
        )

    @staticmethod
    def _stripe_file(charges):
        """Stripe's balance export of the day: a charge per order (``charges``:
        shop order reference, amount, Stripe's fee) and the payout of the net
        to the bank."""
        day = fields.Date.today().strftime("%Y-%m-%d")
        lines = [
            "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),"
            "Description,Customer Email,order_id (metadata)"
        ]
        net = Decimal(0)
        for number, (reference, amount, fee) in enumerate(charges, start=1):
            net += Decimal(amount) - Decimal(fee)
            lines.append(
                f"txn_{number},charge,ch_{number},{amount},{fee},{Decimal(amount) - Decimal(fee)},"
                f"eur,{day} 10:00,{day} 10:00,Order {reference},,{reference}"
            )
        lines.append(
            f"txn_po,payout,po_1,-{net},0.00,-{net},eur,{day} 12:00,{day} 12:00,STRIPE PAYOUT,,"
        )
        return "\n".join(lines).encode() + b"\n"
