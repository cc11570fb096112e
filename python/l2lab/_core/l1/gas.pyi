"""
Ethereum's gas schedule (each constant names its EIP) and fee formulas.
"""
from __future__ import annotations
import typing
__all__: list = ['TX_BASE', 'TX_DATA_ZERO', 'TX_DATA_NONZERO', 'STANDARD_TOKEN_COST', 'TOTAL_COST_FLOOR_PER_TOKEN', 'COLD_SLOAD', 'WARM_STORAGE_READ', 'COLD_ACCOUNT_ACCESS', 'SSTORE_SET', 'SSTORE_RESET', 'SSTORE_CLEARS_REFUND', 'SSTORE_SENTRY', 'MAX_REFUND_QUOTIENT', 'ECRECOVER', 'KECCAK_BASE', 'KECCAK_WORD', 'SHA256_BASE', 'SHA256_WORD', 'LOG_BASE', 'LOG_TOPIC', 'LOG_DATA_BYTE', 'CALL_VALUE_TRANSFER', 'CALL_NEW_ACCOUNT', 'SELF_BALANCE', 'BLOB_HASH', 'NATIVE_CALL_OVERHEAD', 'NATIVE_CALLDATA_WORD', 'INITIAL_BASE_FEE', 'ELASTICITY_MULTIPLIER', 'BASE_FEE_MAX_CHANGE_DENOMINATOR', 'DEFAULT_BLOCK_GAS_LIMIT', 'BYTES_PER_BLOB', 'GAS_PER_BLOB', 'TARGET_BLOBS_PER_BLOCK', 'MAX_BLOBS_PER_BLOCK', 'BLOB_BASE_FEE_UPDATE_FRACTION', 'MIN_BASE_FEE_PER_BLOB_GAS', 'DEFAULT_BLOB_RETENTION_BLOCKS', 'VERSIONED_HASH_VERSION_KZG', 'calldata_tokens', 'intrinsic_gas', 'calldata_floor_gas', 'keccak_cost', 'sha256_cost', 'log_cost', 'next_base_fee', 'fake_exponential', 'blob_base_fee', 'next_excess_blob_gas']
def blob_base_fee(excess_blob_gas: typing.SupportsInt | typing.SupportsIndex, update_fraction: typing.SupportsInt | typing.SupportsIndex = 5007716, min_base_fee: typing.SupportsInt | typing.SupportsIndex = 1) -> int:
    """
    EIP-4844 blob base fee (EIP-7691 fraction).
    """
def calldata_floor_gas(data: bytes, floor_per_token: typing.SupportsInt | typing.SupportsIndex = 10) -> int:
    """
    EIP-7623 floor: 21000 + floor_per_token * tokens.
    """
def calldata_tokens(data: bytes) -> int:
    """
    EIP-7623 tokens: zero_bytes + 4 * nonzero_bytes.
    """
def fake_exponential(factor: int, numerator: int, denominator: int) -> int:
    """
    EIP-4844 fake_exponential, exactly as in the EIP.
    """
def intrinsic_gas(data: bytes) -> int:
    """
    21000 + 4/zero byte + 16/non-zero byte (EIP-2028).
    """
def keccak_cost(nbytes: typing.SupportsInt | typing.SupportsIndex) -> int:
    ...
def log_cost(topics: typing.SupportsInt | typing.SupportsIndex, data_bytes: typing.SupportsInt | typing.SupportsIndex) -> int:
    ...
def next_base_fee(parent_base_fee: int, parent_gas_used: typing.SupportsInt | typing.SupportsIndex, parent_gas_target: typing.SupportsInt | typing.SupportsIndex, denominator: typing.SupportsInt | typing.SupportsIndex = 8) -> int:
    """
    EIP-1559 base fee of the next block.
    """
def next_excess_blob_gas(parent_excess_blob_gas: typing.SupportsInt | typing.SupportsIndex, parent_blob_gas_used: typing.SupportsInt | typing.SupportsIndex, target_blob_gas_per_block: typing.SupportsInt | typing.SupportsIndex) -> int:
    ...
def sha256_cost(nbytes: typing.SupportsInt | typing.SupportsIndex) -> int:
    ...
BASE_FEE_MAX_CHANGE_DENOMINATOR: int = 8
BLOB_BASE_FEE_UPDATE_FRACTION: int = 5007716
BLOB_HASH: int = 3
BYTES_PER_BLOB: int = 131072
CALL_NEW_ACCOUNT: int = 25000
CALL_VALUE_TRANSFER: int = 9000
COLD_ACCOUNT_ACCESS: int = 2600
COLD_SLOAD: int = 2100
DEFAULT_BLOB_RETENTION_BLOCKS: int = 131072
DEFAULT_BLOCK_GAS_LIMIT: int = 30000000
ECRECOVER: int = 3000
ELASTICITY_MULTIPLIER: int = 2
GAS_PER_BLOB: int = 131072
INITIAL_BASE_FEE: int = 1000000000
KECCAK_BASE: int = 30
KECCAK_WORD: int = 6
LOG_BASE: int = 375
LOG_DATA_BYTE: int = 8
LOG_TOPIC: int = 375
MAX_BLOBS_PER_BLOCK: int = 9
MAX_REFUND_QUOTIENT: int = 5
MIN_BASE_FEE_PER_BLOB_GAS: int = 1
NATIVE_CALLDATA_WORD: int = 3
NATIVE_CALL_OVERHEAD: int = 200
SELF_BALANCE: int = 5
SHA256_BASE: int = 60
SHA256_WORD: int = 12
SSTORE_CLEARS_REFUND: int = 4800
SSTORE_RESET: int = 2900
SSTORE_SENTRY: int = 2300
SSTORE_SET: int = 20000
STANDARD_TOKEN_COST: int = 4
TARGET_BLOBS_PER_BLOCK: int = 6
TOTAL_COST_FLOOR_PER_TOKEN: int = 10
TX_BASE: int = 21000
TX_DATA_NONZERO: int = 16
TX_DATA_ZERO: int = 4
VERSIONED_HASH_VERSION_KZG: int = 1
WARM_STORAGE_READ: int = 100
