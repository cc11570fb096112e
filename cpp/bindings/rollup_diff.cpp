// Bindings for the account registry keys and the compact state-diff format
// (cpp/l2lab/rollup/state_diff.hpp). Conversion only.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/crypto/address.hpp"
#include "l2lab/rollup/state_diff.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::rollup;

py::bytes to_py(const Bytes& b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

std::string change_repr(const AccountChange& c) {
    return "AccountChange(nonce_increase=" + std::to_string(c.nonce_increase) + ", balance_change=" +
           to_dec(c.balance_change) + ", balance_decreases=" + (c.balance_decreases ? "True" : "False") + ")";
}

}  // namespace

void bind_rollup_diff(py::module_& m) {
    m.def("account_index_key", &account_index_key, py::arg("address"), "SMT key of an account's registry index.");
    m.def("account_count_key", &account_count_key, "SMT key of the registry size.");
    m.def("registry_leaf", &registry_leaf, py::arg("n"), "SMT value of a registry index or size: n, 32 bytes big-endian.");

    py::class_<AccountChange>(m, "AccountChange",
                              "How a state diff moves one account: nonce += nonce_increase, balance "
                              "+/-= balance_change (wei).")
        .def(py::init([](std::uint64_t n, const u256& b, bool dec) { return AccountChange{n, b, dec}; }),
             py::arg("nonce_increase") = 0, py::arg("balance_change") = 0, py::arg("balance_decreases") = false)
        .def_readwrite("nonce_increase", &AccountChange::nonce_increase)
        .def_readwrite("balance_change", &AccountChange::balance_change)
        .def_readwrite("balance_decreases", &AccountChange::balance_decreases)
        .def_property_readonly("balance_delta", [](const AccountChange& c) {
            py::object v = py::cast(c.balance_change);
            if (c.balance_decreases) v = py::reinterpret_steal<py::object>(PyNumber_Negative(v.ptr()));
            if (!v) throw py::error_already_set();
            return py::int_(v);
        }, "The signed balance change (wei).")
        .def("__eq__", [](const AccountChange& a, const AccountChange& b) { return a == b; })
        .def("__repr__", &change_repr);
    py::class_<IndexedChange>(m, "IndexedChange", "A change to an account registered before the batch.")
        .def(py::init([](std::uint64_t i, const AccountChange& c) { return IndexedChange{i, c}; }),
             py::arg("index"), py::arg("change"))
        .def_readwrite("index", &IndexedChange::index)
        .def_readwrite("change", &IndexedChange::change)
        .def("__eq__", [](const IndexedChange& a, const IndexedChange& b) { return a == b; })
        .def("__repr__", [](const IndexedChange& u) {
            return "IndexedChange(index=" + std::to_string(u.index) + ", change=" + change_repr(u.change) + ")";
        });
    py::class_<NewAccountChange>(m, "NewAccountChange", "A change to an account the batch registers.")
        .def(py::init([](const Address& a, const AccountChange& c) { return NewAccountChange{a, c}; }),
             py::arg("address"), py::arg("change"))
        .def_readwrite("address", &NewAccountChange::address)
        .def_readwrite("change", &NewAccountChange::change)
        .def("__eq__", [](const NewAccountChange& a, const NewAccountChange& b) { return a == b; })
        .def("__repr__", [](const NewAccountChange& n) {
            return "NewAccountChange(address=" + crypto::to_checksum_hex(n.address) + ", change=" + change_repr(n.change) + ")";
        });
    py::class_<DiffWithdrawal>(m, "DiffWithdrawal", "A withdrawal a state diff records, its sender by index.")
        .def(py::init([](std::uint64_t s, std::uint64_t n, const Address& r, const u256& a) {
                 return DiffWithdrawal{s, n, r, a};
             }),
             py::arg("sender_index"), py::arg("nonce"), py::arg("l1_recipient"), py::arg("amount"))
        .def_readwrite("sender_index", &DiffWithdrawal::sender_index)
        .def_readwrite("nonce", &DiffWithdrawal::nonce)
        .def_readwrite("l1_recipient", &DiffWithdrawal::l1_recipient)
        .def_readwrite("amount", &DiffWithdrawal::amount)
        .def("__eq__", [](const DiffWithdrawal& a, const DiffWithdrawal& b) { return a == b; })
        .def("__repr__", [](const DiffWithdrawal& w) {
            return "DiffWithdrawal(sender_index=" + std::to_string(w.sender_index) + ", nonce=" + std::to_string(w.nonce) +
                   ", l1_recipient=" + crypto::to_checksum_hex(w.l1_recipient) + ", amount=" + to_dec(w.amount) + ")";
        });
    py::class_<StateDiff>(m, "StateDiff",
                          "Compact state diff (validity-mode data format): the registry size before, "
                          "changes to registered accounts by index, changes to newly registered "
                          "accounts by address, and added withdrawals. It carries no root.")
        .def(py::init([](std::uint64_t registered_before, std::vector<IndexedChange> updates,
                         std::vector<NewAccountChange> new_accounts, std::vector<DiffWithdrawal> withdrawals) {
                 return StateDiff{registered_before, std::move(updates), std::move(new_accounts),
                                  std::move(withdrawals)};
             }),
             py::arg("registered_before") = 0, py::arg("updates") = std::vector<IndexedChange>{},
             py::arg("new_accounts") = std::vector<NewAccountChange>{},
             py::arg("withdrawals") = std::vector<DiffWithdrawal>{})
        .def_readwrite("registered_before", &StateDiff::registered_before)
        .def_readwrite("updates", &StateDiff::updates, "List of IndexedChange, ascending index.")
        .def_readwrite("new_accounts", &StateDiff::new_accounts, "List of NewAccountChange, ascending address.")
        .def_readwrite("withdrawals", &StateDiff::withdrawals, "List of DiffWithdrawal, ascending (sender_index, nonce).")
        .def("encode", [](const StateDiff& d) { return to_py(d.encode()); },
             "Canonical encoding; InvalidArgumentError for a diff outside the canonical form.")
        .def_static("decode", [](const Bytes& d) { return StateDiff::decode(d); }, py::arg("data"),
                    "Strict decode; DecodeError for malformed, truncated, non-canonical, unsorted, "
                    "duplicate or unknown-index entries.")
        .def("__eq__", [](const StateDiff& a, const StateDiff& b) { return a == b; })
        .def("__repr__", [](const StateDiff& d) {
            return "StateDiff(registered_before=" + std::to_string(d.registered_before) +
                   ", updates=" + std::to_string(d.updates.size()) + ", new_accounts=" +
                   std::to_string(d.new_accounts.size()) + ", withdrawals=" + std::to_string(d.withdrawals.size()) + ")";
        });
    m.def("account_change", &account_change, py::arg("before"), py::arg("after"),
          "The AccountChange from one L2Account to another, None when equal; InvalidArgumentError "
          "for a nonce decrease.");
    m.def("apply_change", &apply_change, py::arg("account"), py::arg("change"),
          "The account moved by change; StateError on overflow or underflow.");
    m.def("register_accounts", &register_accounts, py::arg("pre"), py::arg("post"),
          "Close a zk-mode batch: register in post, ascending address, every account whose value "
          "differs from pre and that has no index. Returns how many.");
    m.def("make_state_diff", py::overload_cast<const L2State&, const L2State&>(&make_state_diff), py::arg("pre"),
          py::arg("post"),
          "The diff from state pre to state post (closed with register_accounts(pre, post); "
          "InvalidArgumentError otherwise).");
    m.def("apply_state_diff", &apply_state_diff, py::arg("state"), py::arg("diff"),
          py::arg("expected_root") = std::optional<Hash32>{},
          "Apply a diff; StateError (state unchanged) when it does not apply or, given "
          "expected_root (e.g. the batch's proven root), does not reach it.");
}

}  // namespace l2lab::bindings
