#pragma once
/// \file casters.hpp
/// pybind11 type casters: l2lab::u256 <-> Python int; Hash32 <-> bytes (32); Bytes <-> bytes.
/// Include this header in every bindings file that exposes these types.

#include <pybind11/pybind11.h>

#include <cstring>
#include <string>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"

namespace pybind11::detail {

/// u256 <-> int. bool, float and other non-int objects: TypeError; negative: ValueError;
/// >= 2**256: OverflowError. Conversion from objects with __index__ is accepted.
template <>
struct type_caster<l2lab::u256> {
    PYBIND11_TYPE_CASTER(l2lab::u256, const_name("int"));

    bool load(handle src, bool /*convert*/) {
        if (!src) return false;
        if (PyBool_Check(src.ptr())) {
            throw type_error("expected an int amount, got bool");
        }
        if (!PyLong_Check(src.ptr())) {
            if (PyFloat_Check(src.ptr()) || !PyIndex_Check(src.ptr())) return false;
        }
        object as_int = reinterpret_steal<object>(PyNumber_Index(src.ptr()));
        if (!as_int) throw error_already_set();
        const int sign = PyObject_RichCompareBool(as_int.ptr(), pybind11::int_(0).ptr(), Py_LT);
        if (sign < 0) throw error_already_set();
        if (sign == 1) throw value_error("u256 value must be non-negative, got a negative int");
        const unsigned long long small = PyLong_AsUnsignedLongLong(as_int.ptr());
        if (!(small == static_cast<unsigned long long>(-1) && PyErr_Occurred())) {
            value = l2lab::u256(small);
            return true;
        }
        PyErr_Clear();
        const auto nbits = as_int.attr("bit_length")().cast<std::size_t>();
        if (nbits > 256) {
            PyErr_SetString(PyExc_OverflowError,
                            ("u256 value must be below 2**256, got an int of " +
                             std::to_string(nbits) + " bits")
                                .c_str());
            throw error_already_set();
        }
        bytes be = as_int.attr("to_bytes")(32, "big");
        const std::string s = be;
        value = l2lab::from_be({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
        return true;
    }

    static handle cast(const l2lab::u256& v, return_value_policy, handle) {
        if (v <= l2lab::u256(~0ULL)) {
            return PyLong_FromUnsignedLongLong(v.convert_to<unsigned long long>());
        }
        const auto be = l2lab::to_be32(v);
        object b = reinterpret_steal<object>(
            PyBytes_FromStringAndSize(reinterpret_cast<const char*>(be.data()), 32));
        return reinterpret_borrow<object>(reinterpret_cast<PyObject*>(&PyLong_Type))
            .attr("from_bytes")(b, "big")
            .release();
    }
};

/// Read a bytes-like object (bytes, bytearray, memoryview) into `out`; false for other types.
inline bool load_bytes_like(handle src, const std::uint8_t*& data, std::size_t& n,
                            object& keepalive) {
    if (PyBytes_Check(src.ptr())) {
        data = reinterpret_cast<const std::uint8_t*>(PyBytes_AS_STRING(src.ptr()));
        n = static_cast<std::size_t>(PyBytes_GET_SIZE(src.ptr()));
        return true;
    }
    if (!PyByteArray_Check(src.ptr()) && !PyMemoryView_Check(src.ptr())) return false;
    keepalive = reinterpret_steal<object>(PyBytes_FromObject(src.ptr()));
    if (!keepalive) throw error_already_set();
    data = reinterpret_cast<const std::uint8_t*>(PyBytes_AS_STRING(keepalive.ptr()));
    n = static_cast<std::size_t>(PyBytes_GET_SIZE(keepalive.ptr()));
    return true;
}

/// Hash32 <-> bytes of exactly 32. Wrong length: ValueError naming both lengths.
/// (Address is a bound class, see bindings/crypto.cpp, not a caster.)
template <>
struct type_caster<l2lab::Hash32> {
    static constexpr std::size_t N = 32;
    PYBIND11_TYPE_CASTER(l2lab::Hash32, const_name("bytes"));

    bool load(handle src, bool) {
        const std::uint8_t* data = nullptr;
        std::size_t n = 0;
        object keep;
        if (!load_bytes_like(src, data, n, keep)) return false;
        if (n != N) {
            throw value_error("expected " + std::to_string(N) + " bytes, got " + std::to_string(n));
        }
        std::memcpy(value.bytes.data(), data, N);
        return true;
    }

    static handle cast(const l2lab::Hash32& v, return_value_policy, handle) {
        return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(v.bytes.data()), N);
    }
};

/// l2lab::Bytes (std::vector<uint8_t>) <-> bytes. Accepts bytes, bytearray, memoryview.
/// This full specialisation takes precedence over pybind11/stl.h's list conversion.
template <>
struct type_caster<std::vector<std::uint8_t>> {
    PYBIND11_TYPE_CASTER(std::vector<std::uint8_t>, const_name("bytes"));

    bool load(handle src, bool) {
        const std::uint8_t* data = nullptr;
        std::size_t n = 0;
        object keep;
        if (!load_bytes_like(src, data, n, keep)) return false;
        value.assign(data, data + n);
        return true;
    }

    static handle cast(const std::vector<std::uint8_t>& v, return_value_policy, handle) {
        return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(v.data()),
                                         static_cast<Py_ssize_t>(v.size()));
    }
};

}  // namespace pybind11::detail
