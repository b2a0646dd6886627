# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce Connector",
    "summary": "Orders and customers in from shops and marketplaces, stock and tracking out",
    "version": "18.0.1.0.0",
    "category": "Sales/E-commerce",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": [
        "ecom_base",
        "base_vat",
        "sale_management",
        "sale_stock",
        "delivery",
        "queue_job",
    ],
    "data": [
        "security/ecom_connector_security.xml",
        "security/ir.model.access.csv",
        "views/ecom_backend_views.xml",
        "views/ecom_inbox_views.xml",
        "views/sale_order_views.xml",
        "views/ecom_wizard_views.xml",
        "views/ecom_connector_menus.xml",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
        "data/product_data.xml",
    ],
    "demo": [
        "demo/ecom_connector_demo.xml",
    ],
    "external_dependencies": {"python": ["requests", "xmltodict", "defusedxml"]},
    "installable": True,
}
