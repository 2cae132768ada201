// File: app/tito_loadgen/report.hpp
// Output of both modes: a human summary on stderr and TSV rows "name<TAB>run<TAB>metric<TAB>value"
// on stdout (the bench/results format, STYLE.md 3.9).
// Usage:
//   report_fixed(stdout, stderr, "health", "1", run(cfg));
//   report_sessions(stdout, stderr, "sweep_wc2_n400", "1", run_sessions(scfg));
#pragma once

#include <cstdio>
#include <string>

#include "open_loop.hpp"
#include "session_driver.hpp"

namespace tito::loadgen {

void report_fixed(std::FILE* tsv, std::FILE* human, const std::string& name, const std::string& run, const run_result& r);
void report_sessions(std::FILE* tsv, std::FILE* human, const std::string& name, const std::string& run,
                     const sessions_result& r);

}  // namespace tito::loadgen
