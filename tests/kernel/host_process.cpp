#include "host_process.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kns::kerneltest {

namespace {

struct Pipe {
    int read = -1;
    int write = -1;
    Pipe() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) == 0) { read = fds[0]; write = fds[1]; }
    }
};

void closeFd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// Forks and execs argv with the given descriptors as its standard streams. In the child, every
// other descriptor is close-on-exec.
pid_t spawn(const std::vector<std::string>& argv, int in, int out, int err) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        signal(SIGPIPE, SIG_DFL);
        execvp(args[0], args.data());
        _exit(127);
    }
    return pid;
}

int statusOf(int wstatus) {
    if (WIFEXITED(wstatus)) return WEXITSTATUS(wstatus);
    if (WIFSIGNALED(wstatus)) return 128 + WTERMSIG(wstatus);
    return 255;
}

bool readInto(int fd, std::string& into) {
    char buf[4096];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) into.append(buf, static_cast<std::size_t>(n));
    return n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR));
}

} // namespace

std::string commandLine(const std::vector<std::string>& argv) {
    std::string line;
    for (const auto& a : argv) line += (line.empty() ? "" : " ") + a;
    return line;
}

HostResult runHost(const std::vector<std::string>& argv, const std::string& input) {
    Pipe in, out, err;
    HostResult r;
    const pid_t pid = spawn(argv, in.read, out.write, err.write);
    closeFd(in.read);
    closeFd(out.write);
    closeFd(err.write);
    if (pid < 0) {
        closeFd(in.write), closeFd(out.read), closeFd(err.read);
        return HostResult{"", "fork failed", 127};
    }
    std::size_t written = 0;
    if (input.empty()) closeFd(in.write);
    else fcntl(in.write, F_SETFL, O_NONBLOCK);
    // One loop feeds stdin and drains stdout/stderr so that neither side can block the other.
    while (out.read >= 0 || err.read >= 0) {
        pollfd fds[3];
        int n = 0;
        if (out.read >= 0) fds[n++] = {out.read, POLLIN, 0};
        if (err.read >= 0) fds[n++] = {err.read, POLLIN, 0};
        if (in.write >= 0) fds[n++] = {in.write, POLLOUT, 0};
        if (poll(fds, n, -1) < 0 && errno != EINTR) break;
        for (int i = 0; i < n; ++i) {
            if (!fds[i].revents) continue;
            if (fds[i].fd == in.write) {
                const ssize_t w = ::write(in.write, input.data() + written, input.size() - written);
                if (w > 0) written += static_cast<std::size_t>(w);
                if (w < 0 && errno != EAGAIN && errno != EINTR) written = input.size();
                if (written == input.size()) closeFd(in.write);
            } else if (fds[i].fd == out.read) {
                if (!readInto(out.read, r.out)) closeFd(out.read);
            } else if (!readInto(err.read, r.err)) {
                closeFd(err.read);
            }
        }
    }
    closeFd(in.write);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {}
    r.status = statusOf(wstatus);
    return r;
}

HostProcess::HostProcess(const std::vector<std::string>& argv) {
    Pipe out, err;
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    m_pid = spawn(argv, devNull, out.write, err.write);
    ::close(devNull);
    closeFd(out.write);
    closeFd(err.write);
    m_out = out.read;
    m_err = err.read;
    fcntl(m_out, F_SETFL, O_NONBLOCK);
    fcntl(m_err, F_SETFL, O_NONBLOCK);
}

HostProcess::~HostProcess() { stop(); }

void HostProcess::stop() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        int wstatus = 0;
        bool reaped = false;
        for (int i = 0; i < 100 && !reaped; ++i) {
            reaped = waitpid(m_pid, &wstatus, WNOHANG) == m_pid;
            if (!reaped) usleep(10000);
        }
        if (!reaped) {
            ::kill(m_pid, SIGKILL);
            waitpid(m_pid, &wstatus, 0);
        }
        m_pid = -1;
    }
    closeFd(m_out);
    closeFd(m_err);
}

bool HostProcess::running() {
    if (m_pid <= 0) return false;
    int wstatus = 0;
    if (waitpid(m_pid, &wstatus, WNOHANG) == m_pid) {
        m_pid = -1;
        return false;
    }
    return true;
}

void HostProcess::pump(int timeoutMs) {
    pollfd fds[2];
    int n = 0;
    if (m_out >= 0) fds[n++] = {m_out, POLLIN, 0};
    if (m_err >= 0) fds[n++] = {m_err, POLLIN, 0};
    if (n == 0 || poll(fds, n, timeoutMs) <= 0) return;
    for (int i = 0; i < n; ++i) {
        if (!fds[i].revents) continue;
        if (fds[i].fd == m_out && !readInto(m_out, m_outBuffer)) closeFd(m_out);
        if (fds[i].fd == m_err && !readInto(m_err, m_errBuffer)) closeFd(m_err);
    }
}

std::optional<std::string> HostProcess::readLine(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto nl = m_outBuffer.find('\n');
        if (nl != std::string::npos) {
            std::string line = m_outBuffer.substr(0, nl);
            m_outBuffer.erase(0, nl + 1);
            return line;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || m_out < 0) return std::nullopt;
        pump(static_cast<int>(left.count()));
    }
}

std::vector<std::string> HostProcess::drainLines() {
    pump(0);
    std::vector<std::string> lines;
    while (auto l = readLine(std::chrono::milliseconds(0))) lines.push_back(*l);
    return lines;
}

std::string HostProcess::errorText() {
    pump(0);
    return m_errBuffer;
}

} // namespace kns::kerneltest
