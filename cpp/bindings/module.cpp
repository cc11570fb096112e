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
}  // namespace

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
    set_all(m);
}
