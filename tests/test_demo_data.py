# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo data (the test database is installed with it): a French
e-merchant ready to sell, two shops whose imports give the expected orders
and one clear inbox error each."""

import os
import shutil
import tempfile
from pathlib import Path

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.ecom_carrier.tests.servers import demo_carriers
from odoo.addons.ecom_connector.tests.servers import demo_shop
from odoo.addons.queue_job.tests.common import trap_jobs

ADDONS = Path(__file__).resolve().parent.parent / "addons"
SAMPLES = ADDONS / "ecom_connector" / "demo" / "files"
SAMPLES_3PL = ADDONS / "ecom_3pl" / "demo" / "files"
# external id -> total of the orders of the sample files (CD-8844 sells an unknown SKU)
FILE_ORDERS = {
    "CD-8841": 31.60,
    "CD-8842": 57.60,
    "CD-8843": 63.10,
    "CD-8845": 37.50,
    "MM-55120": 106.00,
    "MM-55121": 16.70,
}


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """Fixtures: ``company`` (base.main_company), ``woo`` and ``files`` (the
    two demo shops), ``chart`` (the chart template helper of the company),
    ``packer`` (a warehouse worker: Inventory / User, Sales / User).

    Helpers: ``_import_file_shop()`` imports the sample files of the file
    shop from a temporary copy and returns the inbox entries;
    ``_demo_carrier_servers()`` starts the demo carrier servers for the test
    and points the demo shipping methods at them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.ref("base.main_company")
        cls.woo = cls.env.ref("ecom_connector.demo_backend_woocommerce")
        cls.files = cls.env.ref("ecom_connector.demo_backend_files")
        cls.chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.packer = cls.env["res.users"].create(
            {
                "name": "Préparatrice démo",
                "login": "demo-packer",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("stock.group_stock_user").id,
                            cls.env.ref("sales_team.group_sale_salesman").id,
                        ]
                    )
                ],
            }
        )

    def _shop_entries(self, backend):
        return self.env["ecom.inbox"].search(
            [("backend_id", "=", backend.id), ("kind", "=", "order")]
        )

    def test_main_company_is_a_french_merchant(self):
        company = self.company
        self.assertEqual(company.country_id, self.env.ref("base.fr"))
        self.assertEqual(company.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(company.chart_template, "fr")
        self.assertEqual(company.account_fiscal_country_id.code, "FR")
        self.assertNotIn("San Francisco", company.name)
        self.assertEqual(company.city, "Lyon")
        self.assertEqual(self.env.ref("base.user_admin").lang, "fr_FR")
        self.assertEqual(self.env.ref("base.user_admin").company_id, company)
        # no SMS to made-up customers (nor stock_sms's question at the first delivery)
        self.assertFalse(company.stock_move_sms_validation)
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)])
        self.assertTrue(warehouse)
        for xmlid, amount in (
            ("tva_normale", 20.0),
            ("tva_intermediaire", 10.0),
            ("tva_reduite", 5.5),
            ("tva_super_reduite", 2.1),
        ):
            for ref, included in ((xmlid, False), (f"{xmlid}_ttc", True)):
                tax = self.chart.ref(ref)
                self.assertTrue(tax.active, ref)
                self.assertEqual((tax.amount, tax.type_tax_use), (amount, "sale"), ref)
                self.assertEqual(tax.price_include, included, ref)
                self.assertEqual(tax.company_id, company)
            self.assertTrue(self.chart.ref(xmlid.replace("tva_", "tva_acq_")).active)

    def test_demo_shops_and_catalogue(self):
        self.assertEqual(self.woo.platform, "woocommerce")
        self.assertEqual(self.woo.base_url, demo_shop.WOOCOMMERCE_URL)
        self.assertEqual(self.files.platform, "file")
        for backend in self.woo | self.files:
            self.assertEqual(backend.company_id, self.company)
            self.assertTrue(backend.prices_include_tax)
            self.assertEqual(backend.lang, "fr_FR")
            self.assertEqual(backend.fiscal_position_eu_b2b_id.company_id, self.company)
            self.assertEqual(
                sorted(backend.tax_map_ids.mapped("rate")), [2.1, 5.5, 10.0, 20.0], backend.name
            )
        self.assertEqual(
            sorted(p.name for p in Path(self.files.file_folder).iterdir() if p.is_file())
            or sorted(p.name for p in (Path(self.files.file_folder) / "done").iterdir()),
            sorted(p.name for p in SAMPLES.iterdir()),
        )
        Product = self.env["product.product"].with_context(active_test=False)
        for sku, barcode, _name, price, _rate, _addon in demo_shop.PRODUCTS:
            product = Product.search([("default_code", "=", sku)])
            self.assertEqual(len(product), 1, sku)
            self.assertEqual(product.barcode, barcode)
            self.assertEqual(product.company_id, self.company)
            self.assertAlmostEqual(product.list_price, float(price))
            self.assertGreater(product.weight, 0, sku)
        self.assertFalse(Product.search([("default_code", "=", demo_shop.UNKNOWN_SKU)]))
        modes = {
            p.default_code: p.ecom_procurement_mode
            for p in Product.search([("default_code", "in", ["COFFRET-DEGUST", "FONTAINE-THE-3L"])])
        }
        self.assertEqual(modes, {"COFFRET-DEGUST": "flux_tendu", "FONTAINE-THE-3L": "dropship"})
        tasse = Product.search([("default_code", "=", "TASSE-PORCELAINE")])
        self.assertEqual(tasse.ecom_procurement_mode, "stock")
        self.assertEqual(len(tasse.seller_ids), 2)

    def _file_shop_folder(self):
        """The file shop reads a temporary copy of its sample files."""
        folder = tempfile.mkdtemp(prefix="ecom-demo-files-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        for sample in SAMPLES.iterdir():
            shutil.copy(sample, folder)
        self.env["ir.config_parameter"].set_param("ecom_base.file_root", folder)
        self.files.file_folder = folder
        return folder

    def _import_file_shop(self):
        self._file_shop_folder()
        # the job body, the processing jobs it queues run at once
        self.files.with_context(queue_job__no_delay=True)._import_orders()
        return self._shop_entries(self.files)

    def _demo_carrier_servers(self):
        """The demo carrier servers on ephemeral ports, the demo shipping
        methods pointed at them; returns ``{key: server}``."""
        servers = {}
        for key, _name, server in demo_carriers.demo_carrier_servers():
            servers[key] = server.__enter__()
            self.addCleanup(server.__exit__, None, None, None)
        local = {
            f"http://127.0.0.1:{port}": servers[key].url
            for key, port in demo_carriers.PORTS.items()
        }
        for carrier in (
            self.env.ref("ecom_connector.demo_carrier_colissimo"),
            self.env.ref("ecom_connector.demo_carrier_relay"),
        ):
            for field in ("ecom_label_url", "ecom_relay_url", "ecom_tracking_url"):
                url = carrier.sudo()[field]
                for demo_url, test_url in local.items():
                    if url and url.startswith(demo_url):
                        carrier.sudo()[field] = test_url + url[len(demo_url) :]
            if carrier.delivery_type == "mondialrelay":
                carrier.sudo().mondialrelay_label_host = servers["mondialrelay"].url
        return servers

    def test_file_shop_import(self):
        folder = self._file_shop_folder()
        with trap_jobs() as trap:
            self.files.action_import_orders()
            trap.assert_jobs_count(1, only=self.files._import_orders)
            trap.assert_enqueued_job(
                self.files._import_orders,
                properties={
                    "channel": "root.ecom",
                    "identity_key": f"ecom_import_orders_{self.files.id}",
                },
            )
        # the job body, the processing jobs it queues run at once
        message = self.files.with_context(queue_job__no_delay=True)._import_orders()
        self.assertIn("2", message)
        # files move to done/ once the inbox entries are committed
        self.env.cr.postcommit.run()
        self.assertEqual(
            sorted(p.name for p in Path(folder, "done").iterdir()),
            sorted(p.name for p in SAMPLES.iterdir()),
        )
        entries = self._shop_entries(self.files)
        self.assertEqual(len(entries), 7)
        done = entries.filtered(lambda e: e.state == "done")
        self.assertEqual(
            {e.external_id: e.sale_order_id.amount_total for e in done},
            FILE_ORDERS,
        )
        self.assertEqual(set(done.sale_order_id.mapped("state")), {"sale"})
        error = entries - done
        self.assertEqual(error.state, "error")
        self.assertEqual(error.external_id, "CD-8844")
        self.assertIn("La commande CD-8844 ne peut pas être importée", error.error)
        self.assertIn("TH-ASSAM-100", error.error)
        self.assertIn("Corrigez", error.error)
        self.assertFalse(error.sale_order_id)
        # mixed VAT rates, tax included, on the chart's taxes
        cd8843 = done.filtered(lambda e: e.external_id == "CD-8843").sale_order_id
        self.assertEqual(sorted(cd8843.order_line.tax_id.mapped("amount")), [5.5, 10.0, 20.0])
        self.assertTrue(all(cd8843.order_line.tax_id.mapped("price_include")))

    def test_woocommerce_demo_shop_import(self):
        with demo_shop.woocommerce_server() as server:
            self.woo.base_url = server.url
            self.woo.with_context(queue_job__no_delay=True)._import_orders()
            self.assertEqual(server.unexpected, [])
        entries = self._shop_entries(self.woo)
        self.assertEqual(len(entries), demo_shop.ORDER_COUNT)
        error = entries.filtered(lambda e: e.state == "error")
        self.assertEqual(len(error), 1, entries.mapped("error"))
        self.assertEqual(error.external_id, str(1200 + demo_shop.UNKNOWN_ORDER_INDEX))
        self.assertIn("ne peut pas être importée", error.error)
        self.assertIn(demo_shop.UNKNOWN_SKU, error.error)
        orders = {int(e.external_id) - 1200: e.sale_order_id for e in entries - error}
        self.assertEqual(len(orders), demo_shop.ORDER_COUNT - 1)
        for index, plan in enumerate(demo_shop.order_plans()):
            if index in orders:
                self.assertAlmostEqual(orders[index].amount_total, float(plan["total"]), 2)
        # the unpaid bank transfer waits; the paid ones are confirmed
        self.assertEqual(orders[demo_shop.BANK_TRANSFER_INDEX].state, "draft")
        paid = [o for i, o in orders.items() if i != demo_shop.BANK_TRANSFER_INDEX]
        self.assertEqual({o.state for o in paid}, {"sale"})
        relay = orders[demo_shop.RELAY_INDEX]
        self.assertEqual(relay.carrier_id, self.env.ref("ecom_connector.demo_carrier_relay"))
        self.assertIn("Relais", relay.partner_shipping_id.display_name)
        # the plugin's relay point (order meta) is the Mondial Relay point shipped to
        point = relay.partner_shipping_id._ecom_get_relay_data(relay.carrier_id)
        self.assertEqual(point["id"], demo_shop.RELAY_POINT_ID)
        self.assertEqual(relay.ecom_relay_partner_id, relay.partner_shipping_id)
        self.assertIn(point["id"], demo_carriers.DemoMondialRelayServer().relays)
        b2b = orders[demo_shop.B2B_INDEX]
        self.assertEqual(b2b.fiscal_position_id, self.woo.fiscal_position_eu_b2b_id)
        self.assertEqual(b2b.partner_id.commercial_partner_id.vat, "DE129273398")
        self.assertEqual(b2b.amount_tax, 0)
        rates = set(
            self.env["sale.order"].concat(*orders.values()).order_line.tax_id.mapped("amount")
        )
        self.assertEqual(rates, {2.1, 5.5, 10.0, 20.0})
        # flux tendu and dropship products were bought from their suppliers
        purchases = self.env["purchase.order.line"].search(
            [("product_id.default_code", "in", ["COFFRET-DEGUST", "FONTAINE-THE-3L"])]
        )
        self.assertEqual(
            set(purchases.order_id.partner_id.mapped("name")),
            {"Les Jardins de Thé SARL", "Équipements Samovar SAS"},
        )

    def test_admin_sees_the_french_company_only(self):
        for xmlid in ("base.user_admin", "base.user_demo"):
            user = self.env.ref(xmlid)
            self.assertEqual(user.company_ids, self.company, xmlid)
            self.assertEqual(user.company_id, self.company, xmlid)
        # core's demo companies are still there, out of the way
        self.assertTrue(self.env.ref("stock.res_company_1").exists())

    def test_demo_carriers_point_at_the_demo_servers(self):
        colissimo = self.env.ref("ecom_connector.demo_carrier_colissimo").sudo()
        relay = self.env.ref("ecom_connector.demo_carrier_relay").sudo()
        self.assertEqual(
            (colissimo.delivery_type, relay.delivery_type), ("colissimo", "mondialrelay")
        )
        self.assertFalse(colissimo.prod_environment or relay.prod_environment)
        for carrier, settings in (
            (colissimo, demo_carriers.COLISSIMO),
            (relay, demo_carriers.MONDIALRELAY),
        ):
            self.assertEqual({key: carrier[key] for key in settings}, settings, carrier.name)
        order = self.env.ref("ecom_carrier_connector.demo_order_relay")
        self.assertEqual(order.carrier_id, relay)
        self.assertEqual(order.partner_shipping_id._ecom_get_relay_data(relay)["id"], "005680")

    def test_pack_and_ship_the_demo_orders_at_the_station(self):
        """The demo deliveries are packed by typing the products' EAN-13 at
        the demo station; validating makes the label at the demo carrier
        server, whose tracking then answers."""
        servers = self._demo_carrier_servers()
        station = self.env.ref("ecom_picking_control.demo_packing_station").with_user(self.packer)
        self.assertEqual(station.warehouse_id, self.env.ref("stock.warehouse0"))
        out_type = station.warehouse_id.out_type_id
        self.assertTrue(out_type.ecom_control_enabled)
        self.assertEqual(out_type.ecom_scan_mode, "unit")
        expected = {
            "ecom_carrier_connector.demo_order_home": ("in_transit", "6A"),
            "ecom_carrier_connector.demo_order_relay": ("available_for_pickup", "5"),
        }
        for xmlid, (tracking_state, prefix) in expected.items():
            picking = self.env.ref(xmlid).picking_ids
            self.assertEqual(picking.state, "assigned", xmlid)
            state = station.ecom_open(picking.name)
            self.assertEqual(state["picking"]["id"], picking.id)
            for move in picking.move_ids:
                self.assertRegex(move.product_id.barcode, r"^\d{13}$")
                for _unit in range(int(move.product_uom_qty)):
                    state = station.ecom_scan(picking.id, move.product_id.barcode)
                    self.assertNotEqual(state["message"]["type"], "error", state["message"])
            state = station.ecom_close_package(picking.id)
            self.assertEqual(state["message"]["type"], "success", state["message"])
            weight = sum(m.product_id.weight * m.product_uom_qty for m in picking.move_ids)
            weight += station.package_type_id.base_weight
            state = station.ecom_weigh(picking.id, f"{weight:.3f}".replace(".", ","))
            self.assertEqual(state["message"]["type"], "success", state["message"])
            state = station.ecom_validate(picking.id)
            self.assertEqual(state["message"]["type"], "success", state["message"])
            self.assertEqual(picking.state, "done")
            self.assertTrue(state["labels"], xmlid)
            self.assertTrue(
                picking.carrier_tracking_ref.startswith(prefix), picking.carrier_tracking_ref
            )
            parcels = picking.ecom_parcel_ids
            self.assertEqual(parcels.tracking_number, picking.carrier_tracking_ref)
            picking.carrier_id._ecom_poll_tracking(parcels)
            self.assertEqual(picking.ecom_tracking_state, tracking_state, xmlid)
        self.assertEqual(len(servers["colissimo"].labels), 1)
        self.assertEqual(len(servers["mondialrelay"].expeditions), 1)
        for server in servers.values():
            self.assertEqual(server.unexpected, [])

    def test_3pl_demo_files_are_read(self):
        provider = self.env.ref("ecom_3pl.demo_provider_3pl")
        root = provider._get_folder_root()
        self.assertEqual(provider.transport, "folder")
        self.assertEqual(os.path.commonpath([provider.folder_path, root]), root)
        self.assertEqual(
            sorted(os.listdir(os.path.join(provider.folder_path, "in")))
            or sorted(os.listdir(os.path.join(provider.folder_path, "archive"))),
            sorted(p.name for p in SAMPLES_3PL.iterdir()),
        )
        # the provider's files read from a temporary copy of its folder
        folder = tempfile.mkdtemp(prefix="ecom-demo-3pl-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        for name in ("in", "out", "archive", "errors"):
            os.mkdir(os.path.join(folder, name))
        for sample in SAMPLES_3PL.iterdir():
            shutil.copy(sample, os.path.join(folder, "in"))
        self.env["ir.config_parameter"].set_param("ecom_3pl.folder_root", folder)
        provider.folder_path = folder
        picking = self.env.ref("ecom_3pl.demo_picking_3pl")
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(picking.picking_type_id.warehouse_id, provider.warehouse_id)
        with trap_jobs() as trap:
            provider._job_run()
            trap.assert_jobs_count(1, only=provider._job_sync)
        files = provider.file_ids
        self.assertEqual(
            sorted(files.filtered(lambda f: f.direction == "in").mapped("name")),
            sorted(p.name for p in SAMPLES_3PL.iterdir()),
        )
        self.assertEqual(
            set(files.filtered(lambda f: f.direction == "in").mapped("state")), {"done"}
        )
        # the delivery went out as an order file, then came back shipped
        self.assertTrue(files.filtered(lambda f: f.direction == "out" and f.flow == "order"))
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.carrier_tracking_ref, "6A18274639205")
        # the snapshot counts one box less than Odoo
        discrepancy = self.env["ecom.3pl.stock.discrepancy"].search([("file_id", "in", files.ids)])
        self.assertEqual(discrepancy.product_id.default_code, "BOITE-FER-200")
        self.assertEqual((discrepancy.odoo_quantity, discrepancy.provider_quantity), (37, 36))

    def test_payout_demo_file_imports(self):
        entries = self._import_file_shop()
        orders = entries.filtered(lambda e: e.state == "done").sale_order_id
        cdiscount = orders.filtered(lambda o: o.client_order_ref.startswith("CD-"))
        invoices = cdiscount._create_invoices()
        invoices.action_post()
        self.assertEqual(
            sorted(invoices.mapped("ref")), ["CD-8841", "CD-8842", "CD-8843", "CD-8845"]
        )
        payout = self.env.ref("ecom_accounting_fr.demo_payout_import_cdiscount")
        self.assertEqual(payout.state, "draft")
        self.assertEqual(payout.profile_id.journal_id.company_id, self.company)
        self.assertTrue(
            self.env.ref("ecom_accounting_fr.demo_payout_profile_stripe").clearing_account_id
        )
        payout.action_import()
        self.assertEqual(payout.state, "done")
        self.assertEqual(payout.to_check_count, 0)
        self.assertAlmostEqual(payout.payout_amount, 161.32)
        self.assertEqual(set(invoices.mapped("payment_state")), {"paid"})
        self.assertEqual(payout.move_id.state, "posted")


WEB_CLIENT_JS = """
(async () => {
    for (let i = 0; i < 600 && !document.querySelector(".o_navbar_apps_menu"); i++) {
        await new Promise((r) => setTimeout(r, 100));
    }
    const errors = [];
    if (!document.querySelector(".o_navbar_apps_menu")) {
        errors.push("the web client did not open");
    }
    document.querySelector(".o_navbar_apps_menu button").click();
    const expected = {"sale.sale_menu_root": "Ventes", "stock.menu_stock_root": "Inventaire"};
    for (const [xmlid, label] of Object.entries(expected)) {
        let app = null;
        for (let i = 0; i < 300 && !app; i++) {
            app = document.querySelector(`.o_app[data-menu-xmlid="${xmlid}"]`);
            await new Promise((r) => setTimeout(r, 100));
        }
        if (!app || !app.textContent.includes(label)) {
            errors.push(`${xmlid}: ${app && app.textContent.trim()} instead of ${label}`);
        }
    }
    if (document.body.innerText.includes("San Francisco")) {
        errors.push("San Francisco shown");
    }
    if (document.querySelector(".o_error_dialog")) {
        errors.push("an error dialog is open");
    }
    const response = await fetch("/web/session/get_session_info", {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({jsonrpc: "2.0", method: "call", params: {}}),
    });
    const info = (await response.json()).result;
    const companies = info.user_companies;
    const company = companies.allowed_companies[companies.current_company];
    const count = Object.keys(companies.allowed_companies).length;
    if (count !== 1) {
        errors.push(`the company switcher shows ${count} companies`);
    }
    if (company.name !== "Comptoir des Thés Lumière") {
        errors.push("current company " + company.name);
    }
    if (info.user_context.lang !== "fr_FR") {
        errors.push("user language " + info.user_context.lang);
    }
    if (errors.length) {
        console.error("demo web client wrong: " + errors.join("; "));
    } else {
        console.log("test successful");
    }
})();
"""


@tagged("post_install", "-at_install")
class TestDemoWebClient(HttpCase):
    def test_admin_opens_a_french_demo(self):
        self.browser_js("/odoo", WEB_CLIENT_JS, login="admin", timeout=180)
