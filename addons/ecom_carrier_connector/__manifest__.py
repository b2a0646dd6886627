# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "E-commerce Carrier Connector Bridge",
    "summary": "Carrier tracking events and parcels pushed to the shops",
    "version": "18.0.1.0.0",
    "category": "Sales/E-commerce",
    "license": "AGPL-3",
    "author": "ecom suite contributors",
    "website": "https://github.com/ecom-suite/ecom-suite",
    "depends": ["ecom_carrier", "ecom_connector"],
    "data": [],
    "demo": ["demo/ecom_carrier_connector_demo.xml"],
    "auto_install": True,
    "installable": True,
}
