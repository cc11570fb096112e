// Bindings for the rollup's extension points: FinalityRule subclassable from Python (trampoline,
// smart_holder lifetime, GIL acquired when the inbox calls it from C++), an InboxContract built
// with any rule, and the crash-recovery state of Derivation and Sequencer. Conversion only.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/l1/contract.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/derivation.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::rollup;

py::bytes to_py(const Bytes& b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

// A Python exception escaping is_final()/name(): l1.Revert and l1.OutOfGas become the chain's
// C++ signals (the claim reverts with that reason / runs out of gas); anything else becomes a
// runtime_error, which the chain turns into a failed call, so no Python object outlives the GIL.
[[noreturn]] void rethrow_rule_error(py::error_already_set& e) {
    const py::module_ l1 = py::module_::import("l2lab._core.l1");
    if (e.matches(l1.attr("Revert"))) {
        const py::tuple args = e.value().attr("args");
        throw l1::Revert{args.empty() ? std::string() : std::string(py::str(args[0]))};
    }
    if (e.matches(l1.attr("OutOfGas"))) throw l1::gas::OutOfGas{0, 0};
    throw std::runtime_error(std::string("Python FinalityRule raised: ") + e.what());
}

class PyFinalityRule : public FinalityRule, public py::trampoline_self_life_support {
public:
    std::string name() const override {
        py::gil_scoped_acquire gil;
        if (auto f = py::get_override(static_cast<const FinalityRule*>(this), "name")) {
            try {
                return f().cast<std::string>();
            } catch (py::error_already_set& e) {
                rethrow_rule_error(e);
            }
        }
        return py::type::of(py::cast(this)).attr("__name__").cast<std::string>();
    }
    bool is_final(l1::CallContext& ctx, std::uint64_t root_index, std::uint64_t proposed_block,
                  std::uint64_t block_number) const override {
        py::gil_scoped_acquire gil;
        auto f = py::get_override(static_cast<const FinalityRule*>(this), "is_final");
        if (!f) throw std::runtime_error("FinalityRule subclass does not define is_final()");
        try {
            py::object r = f(py::cast(&ctx, py::return_value_policy::reference), root_index,
                             proposed_block, block_number);
            return r.cast<bool>();
        } catch (py::error_already_set& e) {
            rethrow_rule_error(e);
        } catch (const py::cast_error&) {
            throw std::runtime_error("FinalityRule.is_final() must return a bool");
        }
    }
};

}  // namespace

void bind_rollup_ext_types(py::module_& m) {
    py::class_<FinalityRule, PyFinalityRule, py::smart_holder>(
        m, "FinalityRule",
        "Pluggable finality of proposed roots, consulted by the inbox when a withdrawal is "
        "claimed. Subclass it in Python: call super().__init__(), define "
        "is_final(ctx, root_index, proposed_block, block_number) -> bool (ctx: the inbox's "
        "l1 CallContext, valid during the call only; ctx.sload charges gas; raise l1.Revert to "
        "revert the claim) and optionally name() -> str. The inbox keeps the rule alive.")
        .def(py::init<>())
        .def("name", &FinalityRule::name, "Stable name, e.g. 'trusted'.")
        .def("is_final", &FinalityRule::is_final, py::arg("ctx"), py::arg("root_index"),
             py::arg("proposed_block"), py::arg("block_number"),
             "Whether root `root_index`, proposed in L1 block `proposed_block`, is final in "
             "L1 block `block_number`.");
    py::class_<TrustedFinality, FinalityRule, py::smart_holder>(
        m, "TrustedFinality", "Baseline rule: a proposer's root is final finality_blocks L1 blocks after its proposal.")
        .def(py::init<std::uint64_t>(), py::arg("finality_blocks"))
        .def_property_readonly("finality_blocks", &TrustedFinality::finality_blocks);
}

void bind_rollup_ext(py::module_& m) {
    auto inbox = py::reinterpret_borrow<py::class_<InboxContract, l1::NativeContract, py::smart_holder>>(
        m.attr("InboxContract"));
    inbox.def(py::init([](const Address& sequencer, const Address& proposer,
                          std::shared_ptr<FinalityRule> finality) {
                  if (!finality) throw InvalidArgument("finality must be a FinalityRule, not None");
                  return std::make_shared<InboxContract>(InboxConfig{sequencer, proposer, std::move(finality)});
              }),
              py::arg("sequencer"), py::arg("proposer"), py::arg("finality"),
              "Inbox with any finality rule (e.g. a Python FinalityRule subclass).")
        .def_property_readonly(
            "finality_rule",
            [](const InboxContract& c) { return std::const_pointer_cast<FinalityRule>(c.config().finality); },
            "The FinalityRule object itself.");

    auto deriv = py::reinterpret_borrow<py::class_<Derivation>>(m.attr("Derivation"));
    deriv.def(
            "save_state", [](const Derivation& d) { return to_py(d.save_state()); },
            "Crash-recovery state: strict canonical bytes (ops, per-block steps, queue, batches).")
        .def(
            "load_state",
            [](Derivation& d, const Bytes& b) {
                py::gil_scoped_release r;
                d.load_state(b);
            },
            py::arg("state"),
            "Replace progress with save_state() bytes (replays the ops). DecodeError (ValueError) "
            "for anything else, node unchanged.");

    auto seq = py::reinterpret_borrow<py::class_<Sequencer, sim::Actor, py::smart_holder>>(m.attr("Sequencer"));
    seq.def(
           "save_state", [](const Sequencer& s) { return to_py(s.save_state_bytes()); },
           "Crash-recovery state (bytes): derivation node, mempool, records, metrics, batch in flight.")
        .def(
            "load_state",
            [](Sequencer& s, const Bytes& b) {
                py::gil_scoped_release r;
                s.load_state_bytes(b);
            },
            py::arg("state"),
            "Reload save_state() bytes into a Sequencer built with the same account and config; "
            "DecodeError (ValueError) for anything else, sequencer unchanged.");
}

}  // namespace l2lab::bindings
