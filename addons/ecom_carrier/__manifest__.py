# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce French Carriers",
    "summary": "French carriers: labels, tracking numbers and tracking status pushed to the shop",
    "version": "18.0.1.0.0",
    "category": "Sales/E-commerce",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": ["ecom_base", "stock_delivery", "queue_job"],
    "data": [
        "views/ecom_carrier_menus.xml",
        "views/delivery_carrier_soap_views.xml",
        "data/ecom_carrier_event_code_chronopost.xml",
        "data/ecom_carrier_event_code_mondialrelay.xml",
    ],
    "installable": True,
}
