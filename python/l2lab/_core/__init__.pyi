"""
l2lab native core (C++20). Import `l2lab`, not this module.
"""
from __future__ import annotations
from l2lab import ArithmeticOverflow
from l2lab import CryptoError
from l2lab import DecodeError
from l2lab import Error
from l2lab import InvalidArgumentError
from l2lab import StateError
from . import core
from . import crypto
from . import l1
from . import sim
from . import channel
from . import rollup
from . import fault
from . import validity
__all__: list = ['Error', 'InvalidArgumentError', 'DecodeError', 'CryptoError', 'StateError', 'ArithmeticOverflow', 'core', 'crypto', 'l1', 'sim', 'channel', 'rollup', 'fault', 'validity']
