# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WooCommerce REST API v3 (``/wp-json/wc/v3``)."""

from .adapter import WooCommerceAdapter
from .client import WooCommerceClient
from .mapper import WooCommerceMapper
