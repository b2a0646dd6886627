# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ..base import Adapter, register
from .client import ShopifyClient
from .mapper import ShopifyMapper


@register
class ShopifyAdapter(Adapter):
    platform = "shopify"
    client_class = ShopifyClient
    mapper_class = ShopifyMapper
