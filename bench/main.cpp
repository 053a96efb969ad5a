// kubenetsim-bench: figures, not tests. Each subcommand prints one JSON line.
#include <cstring>
#include <iostream>
#include <string>

#include "bench_kernel.hpp"

namespace {
void usage(std::ostream& o) {
    o << "usage: kubenetsim-bench kernel [--events N] [--pending P] [--dispatch template|function] [--json]\n"
         "\n"
         "  kernel   the classic hold model: P pending events; each dispatched event schedules\n"
         "           one new event at now + Exp(mean 1us); N dispatches; no observers attached.\n"
         "           --dispatch template (default) runs Kernel::run(handler), the handler inlined in\n"
         "           the loop; --dispatch function installs it as the kernel's std::function handler.\n";
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage(argc < 2 ? std::cerr : std::cout);
        return argc < 2 ? 2 : 0;
    }
    std::string cmd = argv[1];
    if (cmd == "kernel") return kns::bench::runKernel(argc - 2, argv + 2, std::cout, std::cerr);
    std::cerr << "kubenetsim-bench: unknown benchmark '" << cmd << "'\n";
    usage(std::cerr);
    return 2;
}
