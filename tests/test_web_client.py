# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The web client shows the E-commerce application with every addon's menu."""

import json

from odoo.tests import HttpCase, new_test_user, tagged

# (menu xml id, French label) of the top entries each addon adds under E-commerce
EXPECTED_SECTIONS = [
    ("ecom_connector.ecom_connector_menu", "Boutiques"),
    ("ecom_dropship.ecom_dropship_menu", "Approvisionnement"),
    ("ecom_picking_control.ecom_picking_control_menu", "Préparation"),
    ("ecom_carrier.ecom_carrier_menu", "Expédition"),
    ("ecom_accounting_fr.ecom_accounting_fr_menu", "Comptabilité"),
    ("ecom_3pl.ecom_3pl_menu", "Logisticien"),
]

CHECK_MENU_JS = """
(async () => {
    const expected = %(expected)s;
    const until = async (fn, what) => {
        for (let i = 0; i < 600; i++) {
            const found = fn();
            if (found) { return found; }
            await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error("not found in the page: " + what);
    };
    const toggle = await until(
        () => document.querySelector(".o_navbar_apps_menu button"), "apps menu");
    toggle.click();
    const app = await until(
        () => document.querySelector('.o_app[data-menu-xmlid="ecom_base.ecom_menu_root"]'),
        "E-commerce application");
    app.click();
    const errors = [];
    for (const [xmlid, label] of expected) {
        const el = await until(
            () => document.querySelector(
                `.o_menu_sections [data-menu-xmlid="${xmlid}"]`), xmlid);
        if (el.textContent.trim() !== label) {
            errors.push(`${xmlid}: "${el.textContent.trim()}" instead of "${label}"`);
        }
    }
    const brand = document.querySelector(".o_menu_brand");
    if (!brand || brand.textContent.trim() !== "E-commerce") {
        errors.push("brand: " + (brand && brand.textContent.trim()));
    }
    if (errors.length) {
        console.error("E-commerce menu wrong: " + errors.join("; "));
    } else {
        console.log("test successful");
    }
})();
"""


@tagged("post_install", "-at_install")
class TestWebClientMenu(HttpCase):
    def test_ecommerce_menu_in_french(self):
        self.env.ref("base.lang_fr").active = True
        user = new_test_user(
            self.env,
            login="marchande",
            password="marchande",
            name="Marchande",
            lang="fr_FR",
            groups=",".join(
                [
                    "base.group_user",
                    "ecom_base.ecom_base_group_manager",
                    "sales_team.group_sale_salesman",
                    "purchase.group_purchase_user",
                    "stock.group_stock_user",
                    "account.group_account_invoice",
                ]
            ),
        )
        self.assertEqual(user.lang, "fr_FR")
        code = CHECK_MENU_JS % {"expected": json.dumps(EXPECTED_SECTIONS)}
        self.browser_js("/odoo", code, login="marchande", timeout=180)
