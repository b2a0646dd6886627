# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce French Accounting",
    "summary": "Sales ventilated by VAT rate, geography and nature; commissions; payouts",
    "version": "18.0.1.2.0",
    "category": "Sales/E-commerce",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": ["ecom_base", "account", "l10n_fr_account", "account_edi_ubl_cii"],
    "post_init_hook": "post_init_hook",
    "data": [
        "security/ecom_accounting_fr_security.xml",
        "security/ir.model.access.csv",
        "views/ecom_account_ventilation_views.xml",
        "views/product_template_views.xml",
        "views/account_move_views.xml",
        "views/res_company_views.xml",
        "views/ecom_payout_profile_views.xml",
        "views/ecom_payout_import_views.xml",
        "views/ecom_sales_vat_report_views.xml",
        "wizards/ecom_accounting_setup_views.xml",
        "wizards/ecom_ereporting_export_views.xml",
        "wizards/l10n_fr_fec_export_wizard_views.xml",
        "views/ecom_accounting_fr_menus.xml",
        "data/ecom_accounting_fr_data.xml",
    ],
    "demo": [
        "demo/ecom_accounting_fr_demo.xml",
    ],
}
