// C++ exceptions -> the l2lab.Error hierarchy. Each Python class also derives from the builtin a
// Python user would catch (ValueError, OverflowError, RuntimeError).
#include <stdexcept>

#include "bindings.hpp"
#include "l2lab/core/error.hpp"

namespace py = pybind11;

namespace l2lab::bindings {
namespace {
PyObject* make_exception(py::module_& m, const char* name, std::initializer_list<PyObject*> bases,
                         const char* doc) {
    py::tuple base_tuple(bases.size());
    std::size_t i = 0;
    for (PyObject* b : bases) base_tuple[i++] = py::reinterpret_borrow<py::object>(b);
    const std::string qualified = std::string("l2lab.") + name;
    PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base_tuple.ptr(), nullptr);
    if (cls == nullptr) throw py::error_already_set();
    m.add_object(name, py::reinterpret_steal<py::object>(cls));
    return cls;
}
}  // namespace

void init_errors(py::module_& m) {
    static PyObject* error = make_exception(m, "Error", {PyExc_Exception},
                                            "Base class of every l2lab exception.");
    static PyObject* invalid = make_exception(
        m, "InvalidArgumentError", {error, PyExc_ValueError},
        "An argument is outside its documented domain (bad hex, wrong length, bad parameter).");
    static PyObject* decode = make_exception(
        m, "DecodeError", {error, PyExc_ValueError},
        "A strict decoder rejected its input; the message names the reason and byte offset.");
    static PyObject* crypto = make_exception(
        m, "CryptoError", {error, PyExc_ValueError},
        "Invalid key, signature or proof material where a valid one is required.");
    static PyObject* state = make_exception(
        m, "StateError", {error, PyExc_RuntimeError},
        "The operation is not allowed in the object's current state.");
    static PyObject* overflow = make_exception(
        m, "ArithmeticOverflow", {error, PyExc_OverflowError},
        "Checked 256-bit arithmetic overflowed or went negative.");

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const DecodeError& e) {
            // Carry the reason and position as attributes: err.kind ("non_canonical", ...) and
            // err.offset (byte index), so callers need not parse the message.
            py::object exc = py::reinterpret_steal<py::object>(
                PyObject_CallFunction(decode, "s", e.what()));
            if (!exc) return;  // the failed call left its own Python error set
            exc.attr("kind") = py::str(std::string(decode_error_name(e.kind())));
            exc.attr("offset") = py::int_(e.offset());
            PyErr_SetObject(decode, exc.ptr());
        } catch (const InvalidArgument& e) {
            PyErr_SetString(invalid, e.what());
        } catch (const CryptoError& e) {
            PyErr_SetString(crypto, e.what());
        } catch (const StateError& e) {
            PyErr_SetString(state, e.what());
        } catch (const Error& e) {
            PyErr_SetString(error, e.what());
        } catch (const std::overflow_error& e) {
            PyErr_SetString(overflow, e.what());
        } catch (const std::range_error& e) {
            PyErr_SetString(overflow, e.what());
        }
    });
}

}  // namespace l2lab::bindings
