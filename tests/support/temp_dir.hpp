#pragma once
// A scratch directory of the host's filesystem for tests of commands that read files a learner
// names (`< FILE`, `iptables-restore FILE`, `kubectl apply -f FILE`); removed with its contents
// when the test ends. The process id in its name keeps tests that run in parallel apart.
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <unistd.h>

namespace kns::test {

class TempDir {
public:
    explicit TempDir(const std::string& name)
        : m_path(std::filesystem::temp_directory_path() / ("kns-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // Writes `text` to NAME inside the directory and returns the file's full path.
    std::string write(const std::string& name, const std::string& text) const {
        const std::filesystem::path p = m_path / name;
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    std::string path(const std::string& name = "") const { return (name.empty() ? m_path : m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

// Makes `dir` the working directory until the end of the scope (relative paths are read from
// there), then goes back.
class WorkingDirectory {
public:
    explicit WorkingDirectory(const std::string& dir) : m_previous(std::filesystem::current_path()) { std::filesystem::current_path(dir); }
    ~WorkingDirectory() {
        std::error_code ec;
        std::filesystem::current_path(m_previous, ec);
    }
    WorkingDirectory(const WorkingDirectory&) = delete;
    WorkingDirectory& operator=(const WorkingDirectory&) = delete;

private:
    std::filesystem::path m_previous;
};

} // namespace kns::test
