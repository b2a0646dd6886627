# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce Logistics Provider (3PL)",
    "summary": "Hand the preparation to a logistics provider through file flows: "
    "orders and expected receipts out, shipments, receipts and stock back",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": ["ecom_base", "stock_delivery", "purchase_stock", "queue_job"],
    "data": [
        "security/ecom_3pl_security.xml",
        "security/ir.model.access.csv",
        "views/ecom_3pl_format_views.xml",
        "views/ecom_3pl_provider_views.xml",
        "views/ecom_3pl_file_views.xml",
        "views/ecom_3pl_stock_discrepancy_views.xml",
        "views/stock_picking_views.xml",
        "views/ecom_3pl_menus.xml",
        "data/ecom_3pl_format_data.xml",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
    ],
    "demo": [
        "demo/ecom_3pl_demo.xml",
    ],
    "external_dependencies": {"python": ["paramiko", "lxml"]},
    "installable": True,
}
