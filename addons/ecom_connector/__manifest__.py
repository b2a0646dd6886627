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
    "depends": ["ecom_base", "sale_management", "sale_stock", "queue_job"],
    "data": [
        "security/ir.model.access.csv",
        "views/ecom_backend_views.xml",
        "views/ecom_connector_menus.xml",
    ],
    "external_dependencies": {"python": ["requests", "xmltodict", "defusedxml"]},
    "installable": True,
}
