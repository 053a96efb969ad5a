#pragma once
// Running real programs on the machine the kernel suite runs on: one-shot commands with their
// output and exit status, and background processes (the pods' HTTP servers) that are stopped
// when their owner goes away, whatever happened in between.
#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace kns::kerneltest {

struct HostResult {
    std::string out;
    std::string err;
    int status = 0;  // the exit code; 128 + N when killed by signal N; 127 when it could not start
};

// Runs argv (argv[0] looked up in PATH) with `input` on its standard input, waits for it and
// returns what it printed. Never throws for a failing program.
HostResult runHost(const std::vector<std::string>& argv, const std::string& input = {});

// "ip -n NS addr add ..." as one line, for messages.
std::string commandLine(const std::vector<std::string>& argv);

// A program left running in the background with its standard output readable line by line.
// The destructor sends SIGTERM, then SIGKILL if it has not ended within a second, and reaps it.
class HostProcess {
public:
    explicit HostProcess(const std::vector<std::string>& argv);
    ~HostProcess();
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    pid_t pid() const { return m_pid; }
    bool running();
    // The next complete output line, waiting at most `timeout`; nothing when none came in time
    // or the program ended.
    std::optional<std::string> readLine(std::chrono::milliseconds timeout);
    // Every complete line available now, without waiting.
    std::vector<std::string> drainLines();
    // Standard error so far (for failure messages).
    std::string errorText();
    void stop();

private:
    void pump(int timeoutMs);
    pid_t m_pid = -1;
    int m_out = -1;
    int m_err = -1;
    std::string m_outBuffer;
    std::string m_errBuffer;
};

} // namespace kns::kerneltest
