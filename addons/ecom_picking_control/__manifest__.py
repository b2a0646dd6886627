# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce Picking Control",
    "summary": "Barcode-verified packing station, weight check, day's pick list, "
    "reception conformity",
    "version": "18.0.1.0.0",
    "category": "Sales/E-commerce",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": [
        "ecom_base",
        "stock",
        "barcodes",
        "stock_delivery",
        "stock_picking_batch",
        "purchase_stock",
        "bus",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/ecom_picking_control_security.xml",
        "views/stock_picking_type_views.xml",
        "views/stock_warehouse_views.xml",
        "views/stock_picking_views.xml",
        "views/ecom_packing_station_views.xml",
        "views/ecom_packing_scan_views.xml",
        "views/ecom_reception_discrepancy_views.xml",
        "views/wizard_views.xml",
        "views/product_template_views.xml",
        "report/ecom_pick_list_report.xml",
        "report/ecom_reception_discrepancy_report.xml",
        "views/ecom_picking_control_menus.xml",
        "data/mail_template_data.xml",
    ],
    "demo": [
        "demo/ecom_picking_control_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "ecom_picking_control/static/src/station/*",
        ],
        "web.assets_tests": [
            "ecom_picking_control/static/tests/tours/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
