// The extension module l2lab._core: one submodule per area, errors registered first.
#include "bindings.hpp"

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
}
