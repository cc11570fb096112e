from __future__ import annotations
from . import stark
__all__: list = ['stark']
