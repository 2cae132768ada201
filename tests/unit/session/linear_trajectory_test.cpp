// Tests for session/linear_trajectory.hpp with a toy family whose tokens are readable
// (each message renders as [100+turn-role-code, content chars...]): the rollback table of
// spec 4.3 (examples A-I), append-only role validation (4.5), commit prefix check and
// precondition (4.6), side effects of failed turns (4.7).
#include <gtest/gtest.h>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "session/linear_trajectory.hpp"

namespace tito::session {
namespace {

namespace json = boost::json;

// Toy family: a message is [role code] + bytes of its content; generation prompt is [9].
class toy_family : public chat::family {
public:
    explicit toy_family(bool allow_system = true, std::size_t trim = 0) : allow_system_(allow_system), trim_(trim) {}
    std::string_view name() const override { return "toy"; }
    bool append_role_allowed(std::string_view r) const override {
        return r == "user" || r == "assistant" || r == "tool" || (allow_system_ && r == "system");
    }
    std::string allowed_roles_repr() const override {
        return allow_system_ ? "{'assistant', 'system', 'tool', 'user'}" : "{'assistant', 'tool', 'user'}";
    }
    std::size_t max_trim_tokens() const override { return trim_; }
    const json::object& base_kwargs() const override { return kw_; }
    result<json::object> request_kwargs(const json::object& r) const override { return r; }
    static chat::token_ids render(const json::value& m) {
        chat::token_ids ids;
        const auto role = std::string(m.at("role").as_string());
        ids.push_back(role == "system" ? 1 : role == "user" ? 2 : role == "assistant" ? 3 : 4);
        if (auto* c = m.as_object().if_contains("content"); c && c->is_string())
            for (unsigned char ch : c->get_string()) ids.push_back(ch);
        return ids;
    }
    result<chat::token_ids> first_turn(const json::array& msgs, const json::value&, const json::object&) const override {
        ++renders;
        chat::token_ids ids;
        for (const auto& m : msgs) {
            auto r = render(m);
            ids.insert(ids.end(), r.begin(), r.end());
        }
        ids.push_back(9);
        return ids;
    }
    result<chat::token_ids> merge_tokens(const json::value&, std::size_t stored_count, const json::array& eff,
                                         const chat::token_ids& prefix, const json::value&,
                                         const json::object&) const override {
        ++renders;
        chat::token_ids ids = prefix;
        for (std::size_t i = stored_count; i < eff.size(); ++i) {
            auto r = render(eff[i]);
            ids.insert(ids.end(), r.begin(), r.end());
        }
        ids.push_back(9);
        return ids;
    }
    result<std::vector<chat::mismatch>> compare(const json::array&, const json::value&, const chat::token_ids&) const override {
        return std::vector<chat::mismatch>{};
    }
    mutable int renders = 0;

private:
    bool allow_system_;
    std::size_t trim_;
    json::object kw_;
};

bool strict_like(const json::value& a, const json::value& b) {
    return a.at("role") == b.at("role") && a.as_object().if_contains("content") && b.as_object().if_contains("content") &&
           a.at("content") == b.at("content");
}

json::value msg(const char* role, const char* content) { return json::object{{"role", role}, {"content", content}}; }

struct harness {
    toy_family fam;
    linear_trajectory traj;
    json::value tools;
    json::object kw;
    int turn_no = 0;

    // One full turn: prepare, then commit with a generated assistant "A<n>" and its ids.
    result<void> turn(const json::array& request, const char* reply = nullptr) {
        auto p = traj.prepare(request, tools, kw, fam, strict_like);
        if (!p) return p.error();
        std::string content = reply ? reply : "A" + std::to_string(++turn_no);
        auto assistant = msg("assistant", content.c_str());
        auto completion = toy_family::render(assistant);
        record rec;
        rec.request_json = "{}";
        return traj.commit(std::move(*p), request, assistant, completion, std::move(rec), fam.max_trim_tokens());
    }
    std::vector<std::size_t> ends() const { return traj.snap().ends; }
    std::size_t records() const { return traj.snap().records.size(); }
    json::array history() const { return traj.snap().messages_array(); }
};

json::array with(json::array a, json::value m) {
    a.push_back(std::move(m));
    return a;
}

TEST(linear_trajectory, first_turn_then_append) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "hi")}));
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{2}));
    auto s = h.traj.snap();
    EXPECT_EQ(s.token_ids(), (chat::token_ids{2, 'h', 'i', 9, 3, 'A', '1'}));
    ASSERT_TRUE(h.turn(with(h.history(), msg("tool", "r"))));
    EXPECT_EQ(h.traj.snap().token_ids(), (chat::token_ids{2, 'h', 'i', 9, 3, 'A', '1', 4, 'r', 9, 3, 'A', '2'}));
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{2, 4}));
}

TEST(linear_trajectory, example_A_divergent_tool_result_rolls_back_one_step) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    ASSERT_TRUE(h.turn(with(h.history(), msg("tool", "t1"))));
    auto req = json::array{h.history()[0], h.history()[1], msg("tool", "t1-prime")};
    ASSERT_TRUE(h.turn(req));
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{2, 4}));
    EXPECT_EQ(h.records(), 2u);
    EXPECT_EQ(h.history()[2].at("content").as_string(), "t1-prime");
}

TEST(linear_trajectory, example_C_two_step_rollback_is_400_and_state_unchanged) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    ASSERT_TRUE(h.turn(with(h.history(), msg("tool", "t1"))));
    ASSERT_TRUE(h.turn(with(h.history(), msg("tool", "t2"))));
    const auto before = h.traj.snap();
    auto r = h.turn(json::array{h.history()[0], h.history()[1], msg("tool", "t1-prime")});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), errc::bad_request);
    EXPECT_EQ(r.error().message(),
              "rollback failed: discard_count=2 exceeds max_assistant_rollback_steps=1 (stored has 6 messages, request "
              "has 3 messages)");
    auto after = h.traj.snap();
    EXPECT_EQ(after.ends, before.ends);
    EXPECT_EQ(after.records.size(), 3u);
    EXPECT_EQ(*after.messages, *before.messages);
    ASSERT_TRUE(h.turn(with(h.history(), msg("user", "more"))));  // a proper extension still works
    EXPECT_EQ(h.records(), 4u);
}

TEST(linear_trajectory, example_D_retry_of_first_turn_rolls_back_to_empty) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    const int renders_before = h.fam.renders;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    EXPECT_EQ(h.fam.renders, renders_before + 1);
    EXPECT_EQ(h.records(), 1u);
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{2}));
    ASSERT_TRUE(h.turn(with(h.history(), msg("user", "again"))));
    EXPECT_EQ(h.records(), 2u);
}

TEST(linear_trajectory, example_E_injected_assistant_is_history_not_a_checkpoint) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u0"), msg("assistant", "fs"), msg("user", "u1")}));
    ASSERT_TRUE(h.turn(with(h.history(), msg("tool", "t1"))));
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{4, 6}));
    auto hist = h.history();
    ASSERT_TRUE(h.turn(json::array{hist[0], hist[1], hist[2], hist[3], msg("tool", "t1-prime")}));
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{4, 6}));
    EXPECT_EQ(h.records(), 2u);
}

TEST(linear_trajectory, example_G_shorter_request_rolls_back_and_appends_nothing) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    const auto cp1 = h.traj.snap().token_ids();
    ASSERT_TRUE(h.turn(with(h.history(), msg("tool", "t1"))));
    auto hist = h.history();
    auto p = h.traj.prepare(json::array{hist[0], hist[1]}, h.tools, h.kw, h.fam, strict_like);
    ASSERT_TRUE(p);
    chat::token_ids want = cp1;
    want.push_back(9);  // checkpoint 1 + generation prompt
    EXPECT_EQ(p->prompt_token_ids, want);
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{2}));  // rolled back during prepare
}

TEST(linear_trajectory, example_H_exact_resend_is_a_degenerate_extension) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    ASSERT_TRUE(h.turn(h.history()));
    EXPECT_EQ(h.records(), 2u);
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{2, 3}));
}

TEST(linear_trajectory, example_I_two_injected_assistants_make_a_one_step_rollback) {
    harness h;
    ASSERT_TRUE(h.turn({msg("system", "s"), msg("user", "u")}));
    auto hist = h.history();
    ASSERT_TRUE(h.turn(json::array{hist[0], hist[1], hist[2], msg("assistant", "inj1"), msg("assistant", "inj2"),
                                   msg("user", "u2")}));
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{3, 7}));
    hist = h.history();
    ASSERT_TRUE(h.turn(json::array{hist[0], hist[1], hist[2], hist[3], hist[4], hist[5]}));
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{3, 7}));
}

TEST(linear_trajectory, disallowed_appended_role_is_400_after_the_rollback_which_stays) {
    harness h;
    h.fam = toy_family{false};
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    ASSERT_TRUE(h.turn(with(h.history(), msg("tool", "t1"))));
    auto hist = h.history();
    auto r = h.turn(json::array{hist[0], hist[1], msg("system", "late")});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), errc::bad_request);
    EXPECT_EQ(r.error().message(),
              "appended message at index 2 has role='system', allowed={'assistant', 'tool', 'user'}; the selected TITO "
              "fixed template does not support appending this role");
    EXPECT_EQ(h.records(), 1u);  // 4.7: the rollback is not undone
    json::value no_role = json::object{{"content", "x"}};
    auto r2 = h.turn(with(h.history(), no_role));
    ASSERT_FALSE(r2);
    EXPECT_NE(r2.error().message().find("has role=None"), std::string::npos) << r2.error().message();
}

TEST(linear_trajectory, commit_prefix_check_and_trim) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    auto req = with(h.history(), msg("user", "v"));
    auto p = h.traj.prepare(req, h.tools, h.kw, h.fam, strict_like);
    ASSERT_TRUE(p);
    p->prompt_token_ids[1] = 77;  // a prompt that does not extend the stored checkpoint
    auto r = h.traj.commit(*p, req, msg("assistant", "x"), {3}, record{}, 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), errc::internal);
    EXPECT_EQ(r.error().message().rfind("pretokenized prefix mismatch: stored 6 tokens (checking first 6, allowing 0 "
                                        "trailing) are not a prefix of prompt_token_ids + completion_token_ids (",
                                        0),
              0u)
        << r.error().message();
    EXPECT_NE(r.error().message().find("first mismatch at index 1, matched 1/6 prefix tokens\nrequest_messages=["),
              std::string::npos);
    EXPECT_EQ(h.records(), 1u);
    // With max_trim_tokens = 1 the last stored token may differ (GLM).
    auto p2 = h.traj.prepare(req, h.tools, h.kw, h.fam, strict_like);
    ASSERT_TRUE(p2);
    p2->prompt_token_ids[5] = 88;
    EXPECT_TRUE(h.traj.commit(*p2, req, msg("assistant", "x"), {3}, record{}, 1));
}

TEST(linear_trajectory, commit_precondition_conflict_is_409) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    auto req = with(h.history(), msg("user", "v"));
    auto p = h.traj.prepare(req, h.tools, h.kw, h.fam, strict_like);
    ASSERT_TRUE(p);
    ASSERT_TRUE(h.turn(with(h.history(), msg("user", "w"))));  // state moved underneath
    auto r = h.traj.commit(*p, req, msg("assistant", "x"), {3}, record{}, 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), errc::conflict);
    EXPECT_EQ(h.records(), 2u);
}

TEST(linear_trajectory, stored_spelling_of_the_prefix_is_kept) {
    harness h;
    // A matcher that ignores content lets a re-spelled prefix through; the stored one stays.
    ASSERT_TRUE(h.turn({msg("user", "original")}));
    auto respelled = json::array{msg("user", "respelled"), h.history()[1], msg("user", "next")};
    auto loose = [](const json::value& a, const json::value& b) { return a.at("role") == b.at("role"); };
    auto p = h.traj.prepare(respelled, h.tools, h.kw, h.fam, loose);
    ASSERT_TRUE(p);
    ASSERT_TRUE(h.traj.commit(*p, respelled, msg("assistant", "A2"), {3}, record{}, 0));
    EXPECT_EQ(h.history()[0].at("content").as_string(), "original");
    EXPECT_EQ(h.history()[2].at("content").as_string(), "next");
}


}  // namespace
}  // namespace tito::session

namespace tito::session {
namespace {

TEST(linear_trajectory, committed_messages_do_not_point_into_the_request_arena) {
    harness h;
    auto arena = boost::json::make_shared_resource<boost::json::monotonic_resource>();
    json::array request(arena);
    request.push_back(msg("user", "a request parsed into a per-request arena"));
    auto p = h.traj.prepare(request, h.tools, h.kw, h.fam, strict_like);
    ASSERT_TRUE(p);
    json::value assistant(msg("assistant", "reply"), arena);
    ASSERT_TRUE(h.traj.commit(std::move(*p), std::move(request), std::move(assistant), {3}, record{}, 0));
    const auto snap = h.traj.snap();
    ASSERT_EQ(snap.messages->size(), 2u);
    for (const auto& m : *snap.messages) {
        EXPECT_EQ(m->storage().get(), boost::json::storage_ptr().get());
        EXPECT_EQ(m->get_object().storage().get(), boost::json::storage_ptr().get());
    }
    EXPECT_EQ(snap.messages->at(0)->at("content").as_string(), "a request parsed into a per-request arena");
}

// The next upstream body reuses a record's ids text through these; fields that do not fit the
// record give nothing (the body then writes every id).
TEST(linear_trajectory, record_prompt_ids_and_their_text) {
    record rec;
    rec.request_json = R"({"messages":[],"input_ids":[7,8,9]})";
    rec.checkpoint = {7, 8, 9, 100, 101};
    rec.prompt_ids_at = rec.request_json.find('[', 14) + 1;
    rec.prompt_ids_len = 5;
    rec.prompt_ids_count = 3;
    EXPECT_EQ(rec.prompt_ids_text(), "7,8,9");
    EXPECT_EQ(std::vector<chat::token_id>(rec.prompt_ids().begin(), rec.prompt_ids().end()),
              (std::vector<chat::token_id>{7, 8, 9}));
    record bad = rec;
    bad.prompt_ids_count = 6;
    EXPECT_TRUE(bad.prompt_ids().empty());
    EXPECT_TRUE(bad.prompt_ids_text().empty());
    bad = rec;
    bad.prompt_ids_len = 100;
    EXPECT_TRUE(bad.prompt_ids_text().empty());
    EXPECT_TRUE(record{}.prompt_ids().empty());
}


// A request whose first messages are known (the latest record's request, by text) may carry
// null stand-ins for them: extends_latest confirms the stored history is that request plus one
// matching assistant message; prepare then neither matches nor renders them, and the commit
// keeps the stored messages, never the stand-ins.
TEST(linear_trajectory, known_messages_are_neither_matched_nor_rendered) {
    harness h;
    const json::array first{msg("system", "s"), msg("user", "u")};
    ASSERT_TRUE(h.turn(first));
    const auto latest = h.traj.latest();
    ASSERT_TRUE(latest);
    json::array req{nullptr, nullptr, msg("assistant", "A1"), msg("user", "v")};
    EXPECT_TRUE(h.traj.extends_latest(latest, 2, req, strict_like));
    const int renders = h.fam.renders;
    auto p = h.traj.prepare(req, h.tools, h.kw, h.fam, strict_like, 2);
    ASSERT_TRUE(p) << p.error().message();
    EXPECT_EQ(h.fam.renders, renders + 1);
    auto full = with(with(first, msg("assistant", "A1")), msg("user", "v"));
    auto p_full = h.traj.prepare(full, h.tools, h.kw, h.fam, strict_like);
    ASSERT_TRUE(p_full);
    EXPECT_EQ(p->prompt_token_ids, p_full->prompt_token_ids);
    auto assistant = msg("assistant", "A2");
    ASSERT_TRUE(h.traj.commit(std::move(*p), req, assistant, toy_family::render(assistant), record{}, 0));
    EXPECT_EQ(json::serialize(h.history()), json::serialize(with(full, assistant)));
    EXPECT_EQ(h.ends(), (std::vector<std::size_t>{3, 5}));
}

TEST(linear_trajectory, extends_latest_only_while_nothing_moved) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    const auto r1 = h.traj.latest();
    const json::array req{nullptr, msg("assistant", "A1"), msg("user", "v")};
    EXPECT_TRUE(h.traj.extends_latest(r1, 1, req, strict_like));
    EXPECT_FALSE(h.traj.extends_latest(nullptr, 1, req, strict_like));
    EXPECT_FALSE(h.traj.extends_latest(r1, 2, req, strict_like));                    // not that record's count
    EXPECT_FALSE(h.traj.extends_latest(r1, 1, {nullptr}, strict_like));              // nothing after the known ones
    EXPECT_FALSE(h.traj.extends_latest(r1, 1, {nullptr, msg("assistant", "edited"), msg("user", "v")}, strict_like));
    EXPECT_FALSE(h.traj.extends_latest(r1, 1, {nullptr, msg("user", "w")}, strict_like));
    ASSERT_TRUE(h.turn({msg("user", "u"), msg("assistant", "A1"), msg("user", "v")}));
    EXPECT_FALSE(h.traj.extends_latest(r1, 1, req, strict_like));  // another turn committed since
    // A turn that rolls back to r1 and then fails leaves r1 latest with its history again.
    EXPECT_FALSE(h.turn({msg("user", "u"), msg("assistant", "A1"), msg("weird", "z")}));
    EXPECT_EQ(h.records(), 1u);
    EXPECT_EQ(h.traj.latest(), r1);
    EXPECT_TRUE(h.traj.extends_latest(r1, 1, req, strict_like));
}

TEST(linear_trajectory, prepare_refuses_known_messages_that_do_not_fit) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    const auto before = json::serialize(h.history());
    auto p = h.traj.prepare({nullptr, nullptr, nullptr, msg("user", "v")}, h.tools, h.kw, h.fam, strict_like, 3);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code(), errc::internal);
    EXPECT_EQ(json::serialize(h.history()), before);
    linear_trajectory empty;
    auto q = empty.prepare({nullptr, msg("user", "v")}, h.tools, h.kw, h.fam, strict_like, 1);
    ASSERT_FALSE(q);
    EXPECT_EQ(q.error().code(), errc::internal);
}

TEST(linear_trajectory, the_prefix_mismatch_message_quotes_the_given_list_text) {
    harness h;
    ASSERT_TRUE(h.turn({msg("user", "u")}));
    json::array req{nullptr, msg("assistant", "A1"), msg("user", "v")};
    auto p = h.traj.prepare(req, h.tools, h.kw, h.fam, strict_like, 1);
    ASSERT_TRUE(p);
    p->prompt_token_ids[1] = 77;
    const std::string text = R"([{"role":"user","content":"u"},{"role":"assistant","content":"A1"},{"role":"user","content":"v"}])";
    auto r = h.traj.commit(*p, req, msg("assistant", "x"), {3}, record{}, 0, text);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message().find("\nrequest_messages=" + text + "\nassistant_message="), std::string::npos)
        << r.error().message();
}

}  // namespace
}  // namespace tito::session
