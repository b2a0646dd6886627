# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shopify Admin GraphQL API (orders) and REST webhooks."""

from .adapter import ShopifyAdapter
from .client import ShopifyClient
from .mapper import ShopifyMapper
