# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ..base import Adapter, register
from .client import PrestaShopClient
from .mapper import PrestaShopMapper, is_bare, parse_document


@register
class PrestaShopAdapter(Adapter):
    platform = "prestashop"
    content_type = "application/xml"
    client_class = PrestaShopClient
    mapper_class = PrestaShopMapper

    def map_order(self, payload):
        """A bare order (pushed without what it refers to) is completed from
        the shop before it is mapped."""
        root = parse_document(payload)
        if is_bare(root):
            order = self.mapper.single_order(root)
            root = parse_document(self.client.bundles([order])[0][1])
        return self.mapper.map_document(root)
