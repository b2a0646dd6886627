# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ..base import Adapter, register
from .client import FileClient
from .mapper import FileMapper


@register
class FileAdapter(Adapter):
    platform = "file"
    client_class = FileClient
    mapper_class = FileMapper
