# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ..base import Adapter, register
from .client import Magento2Client
from .mapper import Magento2Mapper


@register
class Magento2Adapter(Adapter):
    platform = "magento2"
    client_class = Magento2Client
    mapper_class = Magento2Mapper
