// Bindings for the zk rollup mode of cpp/l2lab/validity: deployment, the verifier contract and
// its readers, the prover actor, and diff-format node helpers. Conversion and GIL release only.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/validity/zk_rollup.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::validity;
using release = py::call_guard<py::gil_scoped_release>;

py::bytes to_py(const Bytes& b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

void bind_contract(py::module_& m) {
    py::class_<rollup::BatchRecord>(m, "BatchRecord",
                                    "What the inbox records for a batch (its slot holds keccak256(encode())).")
        .def(py::init([](const std::string& da, const Hash32& c, std::uint64_t b, std::uint64_t q) {
                 if (da != "calldata" && da != "blob") throw InvalidArgument("da must be 'calldata' or 'blob'");
                 return rollup::BatchRecord{da == "blob" ? rollup::BatchDa::Blob : rollup::BatchDa::Calldata, c, b, q};
             }),
             py::arg("da"), py::arg("commitment"), py::arg("l1_block"), py::arg("queue_count"))
        .def_property_readonly("da", [](const rollup::BatchRecord& r) {
            return r.da == rollup::BatchDa::Blob ? "blob" : "calldata";
        })
        .def_readwrite("commitment", &rollup::BatchRecord::commitment)
        .def_readwrite("l1_block", &rollup::BatchRecord::l1_block)
        .def_readwrite("queue_count", &rollup::BatchRecord::queue_count)
        .def("encode", [](const rollup::BatchRecord& r) { return to_py(r.encode()); })
        .def("hash", &rollup::BatchRecord::hash)
        .def("__eq__", [](const rollup::BatchRecord& a, const rollup::BatchRecord& b) { return a == b; });
    py::class_<rollup::QueueRecord>(m, "QueueRecord",
                                    "What the inbox records for a queue item (op hash, enqueue block).")
        .def(py::init([](const Hash32& h, std::uint64_t b) { return rollup::QueueRecord{h, b}; }),
             py::arg("op_hash"), py::arg("enqueue_block"))
        .def_readwrite("op_hash", &rollup::QueueRecord::op_hash)
        .def_readwrite("enqueue_block", &rollup::QueueRecord::enqueue_block)
        .def("encode", [](const rollup::QueueRecord& r) { return to_py(r.encode()); })
        .def("hash", &rollup::QueueRecord::hash)
        .def("__eq__", [](const rollup::QueueRecord& a, const rollup::QueueRecord& b) { return a == b; });
    py::class_<VerifierStatus>(m, "VerifierStatus", "The verifier contract's progress.")
        .def_readonly("proven", &VerifierStatus::proven, "Proven batches (the next batch index to prove).")
        .def_readonly("root", &VerifierStatus::root, "Post-root of the last proven batch.")
        .def_readonly("queue_cursor", &VerifierStatus::queue_cursor, "Queue items consumed by proven batches.")
        .def_readonly("roots", &VerifierStatus::roots, "Roots registered in the inbox.")
        .def("__repr__", [](const VerifierStatus& s) {
            return "VerifierStatus(proven=" + std::to_string(s.proven) + ", queue_cursor=" +
                   std::to_string(s.queue_cursor) + ", roots=" + std::to_string(s.roots) + ")";
        });
    m.def("verifier_status", [](const l1::Chain& c, const Address& v) { return verifier_status(c, v); },
          py::arg("chain"), py::arg("verifier"));
    m.def("verifier_batch_root",
          [](const l1::Chain& c, const Address& v, std::uint64_t i) { return verifier_batch_root(c, v, i); },
          py::arg("chain"), py::arg("verifier"),
          py::arg("batch_index"), "Post-root of a proven batch, None when unproven.");
    m.def("verifier_root_batch", &verifier_root_batch, py::arg("chain"), py::arg("verifier"),
          py::arg("root_index"), "The batch whose post-root is inbox root `root_index`, or None.");
    m.def("topic_batch_proven", &topic_batch_proven);

    py::class_<SubmitProof>(m, "SubmitProof",
                            "Arguments of the verifier's submit_proof (records as the inbox stores them).")
        .def(py::init([](std::uint64_t index, const rollup::BatchRecord& rec, std::vector<rollup::QueueRecord> qrs,
                         std::optional<rollup::QueueRecord> next, const Hash32& post, std::uint64_t qe,
                         const Bytes& proof) { return SubmitProof{index, rec, std::move(qrs), next, post, qe, proof}; }),
             py::arg("batch_index"), py::arg("record"), py::arg("queue_records"), py::arg("next_queue_record"),
             py::arg("post_root"), py::arg("queue_end"), py::arg("proof"))
        .def_readwrite("batch_index", &SubmitProof::batch_index)
        .def_readwrite("record", &SubmitProof::record)
        .def_readwrite("queue_records", &SubmitProof::queue_records)
        .def_readwrite("next_queue_record", &SubmitProof::next_queue_record)
        .def_readwrite("post_root", &SubmitProof::post_root)
        .def_readwrite("queue_end", &SubmitProof::queue_end)
        .def_property("proof", [](const SubmitProof& s) { return to_py(s.proof); },
                      [](SubmitProof& s, const Bytes& b) { s.proof = b; });
    m.def("verifier_submit_proof", [](const SubmitProof& a) { return to_py(verifier_submit_proof(a)); },
          py::arg("args"), "Calldata of submit_proof.");
    m.def("verifier_root_proven", [](std::uint64_t i) { return to_py(verifier_root_proven(i)); }, py::arg("root_index"));

    py::class_<ZkVerifier, l1::NativeContract, py::smart_holder>(
        m, "ZkVerifier", "The zk rollup's L1 verifier contract (see verifier_contract.hpp).")
        .def(py::init([](const Address& inbox, const rollup::StfConfig& stf, std::uint64_t w,
                         std::shared_ptr<ProofSystem> ps) {
                 if (!ps) throw InvalidArgument("proof_system must not be None");
                 const Hash32 genesis = ps->state_root(rollup::L2State{});
                 return std::make_shared<ZkVerifier>(VerifierConfig{inbox, stf, w, std::move(ps), genesis});
             }),
             py::arg("inbox"), py::arg("stf"), py::arg("forced_window"), py::arg("proof_system"));
    py::class_<ProvenFinality, rollup::FinalityRule, py::smart_holder>(
        m, "ProvenFinality", "Finality rule `proven`: a root is final once the verifier registered it.")
        .def(py::init<Address>(), py::arg("verifier"))
        .def_property_readonly("verifier", &ProvenFinality::verifier);
}

void bind_prover(py::module_& m) {
    py::class_<ProofJob>(m, "ProofJob", "What proving one batch takes: statement, witness, submit_proof args.")
        .def_readonly("statement", &ProofJob::statement)
        .def_readonly("witness", &ProofJob::witness)
        .def_readonly("args", &ProofJob::args)
        .def_property_readonly("post_state", [](const ProofJob& j) -> const rollup::L2State& { return *j.post; },
                               py::return_value_policy::reference_internal);
    m.def("make_proof_job",
          [](const rollup::Derivation& node, const rollup::Sequencer& seq, const rollup::L2State& pre,
             std::uint64_t queue_start, std::uint64_t index, const std::optional<std::shared_ptr<ProofSystem>>& ps) {
              const ProofSystem* roots_of = ps ? ps->get() : nullptr;
              auto p = std::make_shared<const rollup::L2State>(pre.clone());
              std::string why;
              std::optional<ProofJob> job;
              {
                  py::gil_scoped_release r;
                  job = make_proof_job(node, seq, p, queue_start, index, &why, roots_of);
              }
              if (!job) throw StateError(why);
              return *job;
          },
          py::arg("node"), py::arg("sequencer"), py::arg("pre_state"), py::arg("queue_start"),
          py::arg("batch_index"), py::arg("proof_system") = py::none(),
          "The proof job of a derived batch, built as the verifier builds its statement; its roots are "
          "proof_system.state_root() of the two states when given (e.g. the stark commitment), else the "
          "states' own roots. StateError when the sequencer did not post it, its queue range does not "
          "follow, or the proof system cannot commit to the state.");
    py::class_<ProofRecord>(m, "ProofRecord", "One proving attempt of the prover actor.")
        .def_readonly("batch_index", &ProofRecord::batch_index)
        .def_readonly("started_block", &ProofRecord::started_block)
        .def_readonly("ready_block", &ProofRecord::ready_block)
        .def_readonly("prove_seconds", &ProofRecord::prove_seconds)
        .def_readonly("proof_bytes", &ProofRecord::proof_bytes)
        .def_readonly("verify_gas", &ProofRecord::verify_gas)
        .def_readonly("l1_tx_hash", &ProofRecord::l1_tx_hash)
        .def_readonly("included_block", &ProofRecord::included_block)
        .def_readonly("l1_gas_used", &ProofRecord::l1_gas_used)
        .def_readonly("accepted", &ProofRecord::accepted)
        .def_readonly("failure", &ProofRecord::failure);
    py::class_<ProverActor, sim::Actor, py::smart_holder>(
        m, "ProverActor", "Proves each posted diff batch in order and submits it (see prover_actor.hpp).")
        .def_property_readonly("records", &ProverActor::records)
        .def_property_readonly("proven", &ProverActor::proven)
        .def_property_readonly("state", &ProverActor::state, py::return_value_policy::reference_internal)
        .def_property_readonly("stall_reason", &ProverActor::stall_reason)
        .def_property_readonly("in_flight", &ProverActor::in_flight, "Batches being proven or awaiting inclusion.")
        .def_property_readonly("node", &ProverActor::node, py::return_value_policy::reference_internal);
}

void bind_deploy(py::module_& m) {
    py::class_<ZkRollupConfig>(m, "ZkRollupConfig", "What deploy_zk_rollup deploys (see zk_rollup.hpp).")
        .def(py::init([](std::uint64_t chain_id, const std::string& codec, int level, const std::string& da,
                         const std::string& ordering, std::uint64_t w, std::size_t max_txs, std::size_t max_bytes,
                         std::uint64_t post_every, std::uint64_t max_wait, std::uint64_t max_delay, std::size_t cap,
                         const u256& seq_balance, const u256& prover_balance, std::shared_ptr<ProofSystem> ps,
                         bool with_prover) {
                 if (da != "calldata" && da != "blob") throw InvalidArgument("da must be 'calldata' or 'blob'");
                 ZkRollupConfig c;
                 c.chain_id = chain_id;
                 c.codec = rollup::codec_from_name(codec);
                 c.level = level;
                 c.da = da == "blob" ? rollup::DataAvailability::Blob : rollup::DataAvailability::Calldata;
                 c.ordering = rollup::ordering_from_name(ordering);
                 c.forced_window = w;
                 c.max_batch_txs = max_txs;
                 c.max_batch_bytes = max_bytes;
                 c.post_every_blocks = post_every;
                 c.max_wait_blocks = max_wait;
                 c.max_delay_blocks = max_delay;
                 c.max_decompressed = cap;
                 c.sequencer_balance = seq_balance;
                 c.prover_balance = prover_balance;
                 c.proof_system = std::move(ps);
                 c.with_prover = with_prover;
                 return c;
             }),
             py::arg("chain_id") = 901, py::arg("codec") = "zstd", py::arg("level") = 3, py::arg("da") = "calldata",
             py::arg("ordering") = "fifo", py::arg("forced_window") = 10, py::arg("max_batch_txs") = 1000,
             py::arg("max_batch_bytes") = 120'000, py::arg("post_every_blocks") = 1, py::arg("max_wait_blocks") = 64,
             py::arg("max_delay_blocks") = 0, py::arg("max_decompressed") = rollup::kDefaultMaxDecompressed,
             py::arg("sequencer_balance") = ZkRollupConfig{}.sequencer_balance,
             py::arg("prover_balance") = ZkRollupConfig{}.prover_balance, py::arg("proof_system") = nullptr,
             py::arg("with_prover") = true);
    py::class_<ZkRollup>(m, "ZkDeployment", "A deployed zk rollup: addresses, accounts and actors.")
        .def_readonly("inbox", &ZkRollup::inbox)
        .def_readonly("verifier", &ZkRollup::verifier)
        .def_readonly("sequencer_account", &ZkRollup::sequencer_account)
        .def_readonly("prover_account", &ZkRollup::prover_account)
        .def_readonly("stf", &ZkRollup::stf)
        .def_readonly("derivation", &ZkRollup::derivation, "A DerivationConfig in the state_diff format.")
        .def_readonly("sequencer", &ZkRollup::sequencer)
        .def_readonly("prover", &ZkRollup::prover)
        .def_property_readonly("proof_system", [](const ZkRollup& z) { return std::const_pointer_cast<ProofSystem>(z.proof_system); });
    m.def("deploy_zk_rollup", &deploy_zk_rollup, py::arg("world"), py::arg("config"),
          "Deploy inbox (proposer: the verifier, finality: proven), verifier, diff-posting "
          "sequencer and prover on `world`.");

    py::class_<RebuildCheck>(m, "RebuildCheck",
                             "A node's rebuilt states against the verifier's proven roots (check_rebuilt_roots).")
        .def_readonly("proven", &RebuildCheck::proven, "Batches the verifier has proven.")
        .def_readonly("checked", &RebuildCheck::checked, "Proven batches the node derived and matched.")
        .def_readonly("mismatch", &RebuildCheck::mismatch, "First batch not at its proven root, or None.")
        .def_readonly("detail", &RebuildCheck::detail)
        .def_property_readonly("ok", &RebuildCheck::ok)
        .def("__repr__", [](const RebuildCheck& c) {
            return "RebuildCheck(proven=" + std::to_string(c.proven) + ", checked=" + std::to_string(c.checked) +
                   ", mismatch=" + (c.mismatch ? std::to_string(*c.mismatch) : std::string("None")) + ")";
        });
    m.def("check_rebuilt_roots", &check_rebuilt_roots, py::arg("node"), py::arg("chain"), py::arg("verifier"),
          py::arg("proof_system"),
          "Compare the state a state_diff node rebuilt after each proven batch (as proof_system commits "
          "to it) with the root the verifier proved; the frames carry no root.");
    m.def("batch_format", [](const rollup::DerivationConfig& c) { return std::string(rollup::batch_format_name(c.format)); },
          py::arg("config"), "'txs' or 'state_diff'.");
    m.def("state_after_batch", &rollup::Derivation::state_after_batch, py::arg("node"), py::arg("batch_index"),
          release(), "The L2State right after a derived batch (replayed).");
    m.def("batch_queue_range", [](const rollup::Derivation& n, std::size_t i) {
              const auto& b = n.batches().at(i);
              return std::make_pair(b.queue_start, b.queue_end);
          },
          py::arg("node"), py::arg("batch_index"), "(queue_start, queue_end) of a diff batch.");
    m.def("applied_diff", [](const rollup::Derivation& n, std::size_t i) { return n.diffs().at(i); },
          py::arg("node"), py::arg("batch_index"), "The StateDiff a diff-format node applied for a batch, or None.");
    auto posted_dict = [](const rollup::PostedDiffBatch& p) {
        py::dict d;
        d["commitment"] = p.commitment;
        d["queue_start"] = p.queue_start;
        d["queue_end"] = p.queue_end;
        d["txs"] = p.txs;
        d["frame"] = to_py(p.frame);
        return d;
    };
    m.def("posted_diff_batches", [posted_dict](const rollup::Sequencer& s) {
              py::list out;
              for (const auto& p : s.posted_diff_batches()) out.append(posted_dict(p));
              return out;
          },
          py::arg("sequencer"), "Every diff batch a zk-mode sequencer posted (dicts).");
    m.def("posted_diff_batch",
          [posted_dict](const rollup::Sequencer& s, const Hash32& commitment, std::uint64_t l1_block) -> py::object {
              const auto* p = s.posted_diff_batch(commitment, l1_block);
              if (!p) return py::none();
              return posted_dict(*p);
          },
          py::arg("sequencer"), py::arg("commitment"), py::arg("l1_block"),
          "The diff batch (dict) the sequencer posted with this data commitment that landed in L1 "
          "block l1_block, or None (frames carry no root: equal diffs post equal frames).");
}

}  // namespace

void bind_validity_zk(py::module_& m) {
    bind_contract(m);
    bind_prover(m);
    bind_deploy(m);
}

}  // namespace l2lab::bindings
