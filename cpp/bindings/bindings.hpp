#pragma once
/// \file bindings.hpp
/// One init_<area> per cpp/l2lab/<area>. Bindings only convert types and release the GIL.

#include <pybind11/pybind11.h>

namespace l2lab::bindings {

void init_errors(pybind11::module_& m);
void init_core(pybind11::module_& m);
void init_crypto(pybind11::module_& m);
void init_l1(pybind11::module_& m);
void init_sim(pybind11::module_& m);
void init_channel(pybind11::module_& m);
void init_rollup(pybind11::module_& m);
// Later areas (fault, validity, stark) are declared by module.cpp from the generated area list;
// each sets its own submodule docstring.

}  // namespace l2lab::bindings
