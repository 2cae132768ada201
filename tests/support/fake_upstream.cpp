// File: tests/support/fake_upstream.cpp
#include "support/fake_upstream.hpp"

#include <stdexcept>

namespace tito::test {

fake_upstream::fake_upstream(script s) : script_(std::move(s)) {
    start([this](const http::request& q, http::responder r) { r.send(script_(q)); });
}

fake_upstream::fake_upstream(async_script s) { start(std::move(s)); }

void fake_upstream::start(async_script s) {
    http::server_config cfg;
    cfg.server_name = "fake-upstream";
    server_ = std::make_unique<http::server>(rt_, cfg, [this, s = std::move(s)](http::request q, http::responder r) {
        {
            std::lock_guard lk{mu_};
            received_.push_back(q);
        }
        s(q, std::move(r));
    });
    if (!server_->start()) throw std::runtime_error("fake upstream failed to start");
    rt_.start();
}

fake_upstream::~fake_upstream() {
    server_->shutdown(std::chrono::milliseconds{200});
    rt_.force_stop();
    rt_.join();
}

std::string fake_upstream::url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

std::vector<http::request> fake_upstream::received() const {
    std::lock_guard lk{mu_};
    return received_;
}

}  // namespace tito::test
