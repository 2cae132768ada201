// File: app/tito_server/worker_plan.cpp
#include "tito_server/worker_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <random>
#include <set>
#include <string_view>

namespace tito::app {

namespace {
// Every flag the supervisor sets per worker; each takes exactly one value.
constexpr std::array<std::string_view, 4> per_worker_flags = {"--workers", "--ports", "--port", "--instance-id"};

// 0: not a per-worker flag; 1: `--flag=value`; 2: `--flag value`.
int per_worker_arg_width(std::string_view arg) {
    for (auto flag : per_worker_flags) {
        if (arg == flag) return 2;
        if (arg.size() > flag.size() && arg.substr(0, flag.size()) == flag && arg[flag.size()] == '=') return 1;
    }
    return 0;
}
}  // namespace

bool supervisor_wanted(const worker_options& o) { return o.workers != 1 || !o.ports.empty(); }

result<std::vector<worker_slot>> plan_workers(const worker_plan_input& in) {
    const auto& o = in.options;
    std::vector<std::uint16_t> ports = o.ports;
    if (ports.empty()) {
        if (o.workers == 0) return make_error(errc::config, "--workers must be at least 1");
        const unsigned last = in.base_port + o.workers - 1u;
        if (in.base_port != 0 && last > 65535u)
            return make_error(errc::config, fmt::format("--port {} + --workers {} runs past port 65535", in.base_port, o.workers));
        for (unsigned i = 0; i < o.workers; ++i)
            ports.push_back(in.base_port == 0 ? 0 : static_cast<std::uint16_t>(in.base_port + i));
    } else {
        if (o.workers != 1 && o.workers != ports.size())
            return make_error(errc::config,
                              fmt::format("--workers {} disagrees with --ports ({} ports)", o.workers, ports.size()));
        std::set<std::uint16_t> seen;
        for (auto p : ports) {
            if (p != 0 && !seen.insert(p).second)
                return make_error(errc::config, fmt::format("--ports lists port {} twice", p));
        }
    }
    std::vector<worker_slot> slots;
    for (std::size_t i = 0; i < ports.size(); ++i)
        slots.push_back({i, ports[i], fmt::format("{}-{}", in.instance_prefix, i)});
    return slots;
}

std::vector<std::string> worker_argv(std::span<const char* const> original, const worker_slot& slot) {
    std::vector<std::string> out;
    if (!original.empty()) out.emplace_back(original[0]);
    for (std::size_t i = 1; i < original.size(); ++i) {
        const std::string_view arg = original[i];
        if (arg == "--") {  // everything after is positional; keep verbatim
            out.insert(out.end(), original.begin() + static_cast<std::ptrdiff_t>(i), original.end());
            break;
        }
        const int width = per_worker_arg_width(arg);
        if (width == 0) out.emplace_back(arg);
        else i += static_cast<std::size_t>(width - 1);
    }
    const std::vector<std::string> own = {"--workers", "1", "--port", std::to_string(slot.port), "--instance-id",
                                          slot.instance_id};
    // Before a `--` separator, so they stay options.
    auto at = std::find(out.begin(), out.end(), "--");
    out.insert(at, own.begin(), own.end());
    return out;
}

std::string random_instance_prefix() {
    std::random_device rd;
    std::string s;
    for (int i = 0; i < 4; ++i) s += fmt::format("{:08x}", static_cast<std::uint32_t>(rd()));
    return s;
}

}  // namespace tito::app
