// docs/errors.md must list every errc with the status api::http_status gives it.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "api/error_response.hpp"

namespace tito::api {
namespace {

TEST(error_response, docs_table_matches_the_code) {
    std::ifstream f{std::string(TITO_SOURCE_DIR) + "/docs/errors.md"};
    ASSERT_TRUE(f) << "docs/errors.md missing";
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string doc = ss.str();
    int rows = 0;
    for (int i = 0; i <= static_cast<int>(errc::io); ++i) {
        const auto code = static_cast<errc>(i);
        const std::string row = "| " + std::string(to_string(code)) + " | " + std::to_string(http_status(code)) + " |";
        EXPECT_NE(doc.find(row), std::string::npos) << "missing or wrong row: " << row;
        ++rows;
    }
    const std::regex any_row{R"(\n\| [a-z_]+ \| [0-9]{3} \|)"};
    EXPECT_EQ(std::distance(std::sregex_iterator(doc.begin(), doc.end(), any_row), std::sregex_iterator()), rows);
}

TEST(error_response, body_is_json_error) {
    auto r = to_response(error{errc::session_closed, "session closed: session_id=x"});
    EXPECT_EQ(r.status, 410);
    EXPECT_EQ(r.body, R"({"error":"session closed: session_id=x"})");
}

}  // namespace
}  // namespace tito::api
