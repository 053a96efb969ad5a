#pragma once
// A shell over a bare simulation, with two test commands:
//   args ARG...   prints each argument as [ARG] on its own line (shows how words were split)
//   cat           copies stdin to stdout (shows what a pipe delivered)
#include <kubenetsim/core/simulation.hpp>
#include <kubenetsim/shell/shell.hpp>

namespace kns::shell::test {

inline ClusterConfig testConfig() {
    ClusterConfig c;
    c.latency.commandDefault = SimTime::ms(300);
    return c;
}

struct ShellFixture {
    Simulation sim{testConfig(), 7};
    Shell shell{sim};
    ShellFixture() {
        shell.registerCommand("args", CommandInfo{[](Invocation& inv) {
                                                      CommandResult r;
                                                      for (std::size_t i = 1; i < inv.argv.size(); ++i) r.out += "[" + inv.argv[i] + "]\n";
                                                      return r;
                                                  },
                                                  "print arguments", "args ARG..."});
        shell.registerCommand("cat", CommandInfo{[](Invocation& inv) { return CommandResult{inv.stdinText, "", 0}; }, "copy stdin", "cat"});
    }
    CommandResult run(const std::string& line) { return shell.run(line); }
};

} // namespace kns::shell::test
