// libFuzzer target: Party::load_bytes, Engine::load_bytes and Watchtower::load_bytes on arbitrary
// bytes. The first byte picks the loader, the rest is the image. Anything not a canonical image
// must be refused with DecodeError (no other exception, no crash, no UB) and leave the object as
// it was; an accepted image must save back to exactly the same bytes (the encoding is canonical)
// and a loaded engine must still answer resend().
#include <cstddef>
#include <cstdint>
#include <memory>

#include "l2lab/channel/party.hpp"
#include "l2lab/channel/watchtower.hpp"
#include "l2lab/core/error.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::channel;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

struct Env {
    sim::World world{3};
    Address adj;
    std::vector<sim::Account> accts;
    ChannelParams params;
    Env() {
        adj = deploy_adjudicator(world);
        accts = {world.new_account(u256(1) << 70), world.new_account(u256(1) << 70)};
        params = ChannelParams{{accts[0].address, accts[1].address}, {u256(1000), u256(1000)}, 8, 5,
                               DisputePolicy::Penalty, 0};
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Env env;
    if (size == 0 || size > 64 * 1024) return 0;
    const BytesView image(data + 1, size - 1);
    try {
        switch (data[0] % 3) {
            case 0: {
                Party p("p", env.accts[0]);
                p.attach(env.world, env.params, 0, env.adj);
                const Bytes before = p.save_bytes();
                try {
                    p.load_bytes(image);
                } catch (const DecodeError&) {
                    check(p.save_bytes() == before);
                    return 0;
                }
                check(p.save_bytes() == Bytes(image.begin(), image.end()));
                break;
            }
            case 1: {
                Engine e(env.params, 1, env.accts[1].key, env.world.chain().config().chain_id, env.adj,
                         std::make_shared<MemoryStore>());
                try {
                    e.load_bytes(image);
                } catch (const DecodeError&) {
                    return 0;
                }
                check(e.save_bytes() == Bytes(image.begin(), image.end()));
                (void)e.resend();
                break;
            }
            default: {
                Watchtower t("t", env.accts[1], env.adj);
                try {
                    t.load_bytes(image);
                } catch (const DecodeError&) {
                    check(t.blobs_held() == 0);
                    return 0;
                }
                check(t.save_bytes() == Bytes(image.begin(), image.end()));
            }
        }
    } catch (const DecodeError&) {
        return 0;
    }
    return 0;
}
