#pragma once
// Files a learner names on a command line (`kubectl apply -f FILE`, `iptables-restore FILE`,
// the shell's `< FILE`) are read from the real filesystem as the process sees it: a relative
// path starts at its working directory.
#include <string>

#include <kubenetsim/util/expected.hpp>

namespace kns {

// The whole file. When it cannot be opened, the error's message is the C library's words for
// why ("No such file or directory", "Permission denied") and its location the path. A directory
// opens but reads as empty: read() fails with EISDIR, which a program reading to the end of its
// input (iptables-restore) takes as that end.
Expected<std::string> readHostFile(const std::string& path);

} // namespace kns
