# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ..base import Adapter, register
from .client import WooCommerceClient
from .mapper import WooCommerceMapper


@register
class WooCommerceAdapter(Adapter):
    platform = "woocommerce"
    client_class = WooCommerceClient
    mapper_class = WooCommerceMapper
