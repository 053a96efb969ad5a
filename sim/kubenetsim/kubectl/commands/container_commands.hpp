#pragma once
// What `kubectl exec POD -- CMD ...` can run inside a container. The shell holds one table; the
// built-in entries are small read-only tools (env, hostname, cat /etc/resolv.conf, ls ...), and
// later parts of the simulator add more (curl inside a pod) with add() without touching kubectl.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <kubenetsim/shell/shell.hpp>

namespace kns {
class Simulation;
struct Pod;
struct Container;
}

namespace kns::kubectl {

// What a container command sees. argv[0] is the program name ("env", "/bin/ls" is looked up
// by its base name "ls").
struct ContainerInvocation {
    Simulation& sim;
    const Pod& pod;
    const Container& container;
    std::vector<std::string> argv;
    std::string stdinText;
};

using ContainerCommandFn = std::function<shell::CommandResult(ContainerInvocation&)>;

class ContainerCommands {
public:
    void add(const std::string& program, ContainerCommandFn fn) { m_commands[program] = std::move(fn); }
    const ContainerCommandFn* find(const std::string& program) const;
    std::vector<std::string> programs() const;

private:
    std::map<std::string, ContainerCommandFn> m_commands;
};

// env, printenv, hostname, cat (/etc/resolv.conf, /etc/hosts, /etc/hostname), ls, echo, pwd, whoami.
ContainerCommands builtinContainerCommands();

} // namespace kns::kubectl
