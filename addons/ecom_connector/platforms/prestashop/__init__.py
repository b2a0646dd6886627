# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PrestaShop webservice (1.6 to 8.x)."""

from .adapter import PrestaShopAdapter
from .client import PrestaShopClient
from .mapper import PrestaShopMapper
