# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo data (the test database is installed with it): a French
e-merchant ready to sell, two shops whose imports give the expected orders
and one clear inbox error each."""

import shutil
import tempfile
from pathlib import Path

from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.ecom_connector.tests.servers import demo_shop
from odoo.addons.queue_job.tests.common import trap_jobs

SAMPLES = Path(__file__).resolve().parent.parent / "addons" / "ecom_connector" / "demo" / "files"
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
    two demo shops), ``chart`` (the chart template helper of the company)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.ref("base.main_company")
        cls.woo = cls.env.ref("ecom_connector.demo_backend_woocommerce")
        cls.files = cls.env.ref("ecom_connector.demo_backend_files")
        cls.chart = cls.env["account.chart.template"].with_company(cls.company)

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

    def test_file_shop_import(self):
        folder = tempfile.mkdtemp(prefix="ecom-demo-files-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        for sample in SAMPLES.iterdir():
            shutil.copy(sample, folder)
        self.env["ir.config_parameter"].set_param("ecom_base.file_root", folder)
        self.files.file_folder = folder
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
