# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce French Accounting - Connector Bridge",
    "summary": "Invoices of shop orders carry the order's sales channel",
    "version": "18.0.1.0.0",
    "category": "Accounting/Localizations",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": ["ecom_connector", "ecom_accounting_fr"],
    "data": ["data/product_data.xml"],
    "auto_install": True,
    "installable": True,
}
