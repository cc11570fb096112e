// The extension module l2lab._core: one submodule per area, errors registered first.
#include <string>

#include "bindings.hpp"

namespace {
// __all__ for a module and, recursively, its submodules: their public names, so
// `from l2lab._core.x import *` and the shipped stubs agree.
void set_all(pybind11::module_& m) {
    pybind11::list names;
    const auto prefix = m.attr("__name__").cast<std::string>() + ".";
    for (auto name : m.attr("__dir__")()) {
        const auto s = name.cast<std::string>();
        if (s.empty() || s[0] == '_') continue;
        names.append(name);
        pybind11::object attr = m.attr(name);
        if (PyModule_Check(attr.ptr()) &&
            attr.attr("__name__").cast<std::string>().rfind(prefix, 0) == 0) {
            auto sub = pybind11::reinterpret_borrow<pybind11::module_>(attr);
            set_all(sub);
        }
    }
    m.attr("__all__") = names;
}

// The submodule at a dotted path below m ("validity.stark"), created where missing.
[[maybe_unused]] pybind11::module_ submodule_at(pybind11::module_ m, const std::string& path) {
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto dot = path.find('.', start);
        const auto name = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (pybind11::hasattr(m, name.c_str())) {
            m = m.attr(name.c_str()).cast<pybind11::module_>();
        } else {
            m = m.def_submodule(name.c_str());
        }
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return m;
}
}  // namespace

// Late areas (fault, validity, validity.stark): declared and registered from the list the
// build generates for the areas that exist (cpp/bindings/CMakeLists.txt).
#define L2LAB_BIND_AREA(area, path) \
    namespace l2lab::bindings {     \
    void init_##area(pybind11::module_& m); \
    }
#include "l2lab_late_areas.inc"
#undef L2LAB_BIND_AREA

PYBIND11_MODULE(_core, m) {
    m.doc() = "l2lab native core (C++20). Import `l2lab`, not this module.";
    l2lab::bindings::init_errors(m);
    auto core = m.def_submodule("core", "core types: u256 helpers, codec, deterministic RNG");
    l2lab::bindings::init_core(core);
    auto crypto = m.def_submodule("crypto", "hashes, secp256k1 keys and signatures, Merkle trees");
    l2lab::bindings::init_crypto(crypto);
    auto l1 = m.def_submodule("l1", "the simulated base chain");
    l2lab::bindings::init_l1(l1);
    auto sim = m.def_submodule("sim", "World, network and actors");
    l2lab::bindings::init_sim(sim);
    auto channel = m.def_submodule("channel", "payment channels: adjudicator, protocol engine, watchtower");
    l2lab::bindings::init_channel(channel);
    auto rollup = m.def_submodule("rollup", "rollups: L2 state, STF, sequencer, batches, bridge");
    l2lab::bindings::init_rollup(rollup);
#define L2LAB_BIND_AREA(area, path)              \
    {                                            \
        auto sub = submodule_at(m, path);        \
        l2lab::bindings::init_##area(sub);       \
    }
#include "l2lab_late_areas.inc"
#undef L2LAB_BIND_AREA
    set_all(m);
}
