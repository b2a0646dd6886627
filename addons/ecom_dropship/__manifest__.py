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
        "views/ecom_dropship_menus.xml",
    ],
    "installable": True,
}
