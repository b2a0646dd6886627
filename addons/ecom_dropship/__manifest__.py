# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce Dropship and Flux Tendu",
    "summary": "Per product: from stock, flux tendu or dropship; cheapest supplier with stock",
    "version": "18.0.1.0.0",
    "category": "Sales/E-commerce",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": ["ecom_base", "purchase_stock", "stock_dropshipping"],
    "data": [
        "security/ir.model.access.csv",
        "security/ecom_dropship_security.xml",
        "views/product_template_views.xml",
        "views/product_product_views.xml",
        "views/res_partner_views.xml",
        "views/purchase_order_views.xml",
        "views/sale_order_views.xml",
        "views/ecom_supplier_feed_views.xml",
        "views/ecom_supplier_feed_run_views.xml",
        "views/res_config_settings_views.xml",
        "report/ecom_dropship_slip.xml",
        "views/ecom_dropship_menus.xml",
        "data/ecom_dropship_cron.xml",
    ],
    "demo": [
        "demo/ecom_dropship_demo.xml",
    ],
    "external_dependencies": {"python": ["defusedxml", "requests"]},
    "installable": True,
}
