#include <kubenetsim/util/host_file.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace kns {

Expected<std::string> readHostFile(const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return Error{std::strerror(errno), path};
    std::string text;
    char buffer[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, n);
    return text;
}

} // namespace kns
