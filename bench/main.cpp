// kubenetsim-bench: figures, not tests. Each subcommand prints one JSON line.
#include <cstring>
#include <iostream>
#include <string>

#include "bench_kernel.hpp"
#include "bench_sync.hpp"

namespace {
void usage(std::ostream& o) {
    o << "usage: kubenetsim-bench kernel [--events N] [--pending P] [--dispatch template|function] [--json]\n"
         "\n"
         "  kernel   the classic hold model: P pending events; each dispatched event schedules\n"
         "           one new event at now + Exp(mean 1us); N dispatches; no observers attached.\n"
         "           --dispatch template (default) runs Kernel::run(handler), the handler inlined in\n"
         "           the loop; --dispatch function installs it as the kernel's std::function handler.\n"
         "       kubenetsim-bench sync --services S --endpoints E --profile legacy|modern [--write-dump FILE] [--json]\n"
         "\n"
         "  sync     kube-proxy's full sync of S ClusterIP services with E endpoints each into the\n"
         "           engine (wall time), then one endpoint change; prints the rule count and the\n"
         "           modelled iptables-restore duration. --write-dump writes the resulting ruleset\n"
         "           as iptables-save prints it (what a real iptables-restore takes).\n"
         "       kubenetsim-bench classify --services S --endpoints E --packets N [--profile P] [--json]\n"
         "\n"
         "  classify first packets (new connections to random services) through the nat table at\n"
         "           PREROUTING, with counters and statistic draws, traces off; prints packets per\n"
         "           second and the mean number of rules a linear walk (the kernel's) evaluates.\n";
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage(argc < 2 ? std::cerr : std::cout);
        return argc < 2 ? 2 : 0;
    }
    std::string cmd = argv[1];
    if (cmd == "kernel") return kns::bench::runKernel(argc - 2, argv + 2, std::cout, std::cerr);
    if (cmd == "sync") return kns::bench::runSync(argc - 2, argv + 2, std::cout, std::cerr);
    if (cmd == "classify") return kns::bench::runClassify(argc - 2, argv + 2, std::cout, std::cerr);
    std::cerr << "kubenetsim-bench: unknown benchmark '" << cmd << "'\n";
    usage(std::cerr);
    return 2;
}
