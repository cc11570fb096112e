#pragma once
/// \file fault_names.hpp
/// Internal to the fault bindings (fault.cpp, fault_game.cpp): bytes out, and enums crossing to
/// Python as their stable snake_case names.
#include <pybind11/pybind11.h>

#include <string>
#include <string_view>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/error.hpp"

namespace l2lab::bindings::fault_names {

inline pybind11::bytes as_bytes(const Bytes& b) {
    return pybind11::bytes(reinterpret_cast<const char*>(b.data()), b.size());
}

/// Every name of an enum whose values are 0, 1, ... and whose name function answers "unknown"
/// past the last one.
template <typename E>
std::vector<std::string> enum_names(std::string_view (*name_of)(E)) {
    std::vector<std::string> out;
    for (unsigned i = 0; i < 256; ++i) {
        const std::string_view n = name_of(static_cast<E>(i));
        if (n == "unknown") break;
        out.emplace_back(n);
    }
    return out;
}

/// The value named `name`; InvalidArgument listing the valid names otherwise.
template <typename E>
E enum_from_name(std::string_view (*name_of)(E), const std::string& name, const char* what) {
    const auto names = enum_names(name_of);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<E>(i);
    }
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw InvalidArgument(std::string(what) + " must be one of " + list + "; got '" + name + "'");
}

}  // namespace l2lab::bindings::fault_names
