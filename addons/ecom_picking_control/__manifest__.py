# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce Picking Control",
    "summary": "Barcode-verified packing, weight check, reception conformity",
    "version": "18.0.1.0.0",
    "category": "Sales/E-commerce",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": ["ecom_base", "stock", "barcodes", "stock_delivery"],
    "data": [
        "views/ecom_picking_control_menus.xml",
    ],
    "installable": True,
}
