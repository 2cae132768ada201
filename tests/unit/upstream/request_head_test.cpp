// Tests for upstream/request_head: byte for byte the head Beast's serializer writes for the same
// request (the client used Beast's serializer before).
#include "upstream/request_head.hpp"

#include <gtest/gtest.h>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <sstream>

namespace tito::upstream {
namespace {

namespace bhttp = boost::beast::http;
using fields = std::vector<std::pair<std::string, std::string>>;

std::string beast_head(const std::string& method, const std::string& target, const fields& fs, const std::string& host,
                       const std::string& body) {
    bhttp::request<bhttp::string_body> br;
    br.method_string(method);
    br.target(target);
    br.version(11);
    for (const auto& [name, value] : fs) {
        if (boost::beast::iequals(name, "host") || boost::beast::iequals(name, "content-length") ||
            boost::beast::iequals(name, "transfer-encoding") || boost::beast::iequals(name, "connection"))
            continue;
        br.insert(name, value);
    }
    br.set(bhttp::field::host, host);
    br.keep_alive(true);
    br.body() = body;
    br.prepare_payload();
    std::ostringstream os;
    os << br.base();
    return os.str();
}

TEST(request_head, matches_beasts_serializer) {
    const std::vector<fields> sets = {
        {},
        {{"Content-Type", "application/json"}},
        {{"X-Request-Id", "abc"}, {"x-session-routing-key", "s1"}, {"Content-Type", "application/json"}},
        {{"host", "client.example"}, {"Content-Length", "1"}, {"Connection", "close"}, {"Transfer-Encoding", "chunked"},
         {"Accept", "*/*"}},
    };
    for (const char* method : {"POST", "GET", "PUT", "DELETE", "OPTIONS", "PATCH", "HEAD"})
        for (const auto& fs : sets)
            for (const std::string& body : {std::string(), std::string(R"({"input_ids":[1,2]})")}) {
                if (std::string_view(method) == "HEAD" && !body.empty()) continue;
                const std::string target = "/v1/chat/completions?x=1";
                EXPECT_EQ(request_head(method, target, fs, "127.0.0.1:30000", body.size()),
                          beast_head(method, target, fs, "127.0.0.1:30000", body))
                    << method << " body=" << body.size();
            }
}

}  // namespace
}  // namespace tito::upstream
