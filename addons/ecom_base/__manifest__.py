# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce Suite Base",
    "summary": "Security groups, top menu, VAT geography rule and test base of the ecom suite",
    "version": "18.0.1.1.0",
    "category": "Sales/E-commerce",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": ["mail", "l10n_fr_account"],
    "data": [
        "security/ecom_base_security.xml",
        "views/ecom_base_menus.xml",
        "views/res_company_views.xml",
    ],
    "demo": [
        "demo/ecom_base_demo.xml",
    ],
    "installable": True,
}
