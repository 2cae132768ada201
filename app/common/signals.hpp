// File: app/common/signals.hpp
// Start-up helpers shared by the executables: block SIGINT/SIGTERM in every thread (call before
// starting any) and wait for one of them on the main thread.
#pragma once

namespace tito::app {
void block_termination_signals();
// Returns the signal number received (SIGINT or SIGTERM).
int wait_for_termination_signal();
}  // namespace tito::app
