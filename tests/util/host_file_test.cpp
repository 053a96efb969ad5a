#include <doctest/doctest.h>

#include <kubenetsim/util/host_file.hpp>

#include "../support/temp_dir.hpp"

using namespace kns;

TEST_CASE("a host file is read whole, bytes as they are, and a relative path from the working directory") {
    test::TempDir dir("host-file");
    const std::string bytes = std::string("line 1\r\nzero \0 byte\n", 21) + std::string(100000, 'x');
    const std::string file = dir.write("dump.txt", bytes);
    Expected<std::string> whole = readHostFile(file);
    REQUIRE(whole.ok());
    CHECK(*whole == bytes);
    test::WorkingDirectory cwd(dir.path());
    Expected<std::string> relative = readHostFile("dump.txt");
    REQUIRE(relative.ok());
    CHECK(*relative == bytes);
}

TEST_CASE("a missing host file fails with the C library's words and its path, and a directory reads as empty") {
    test::TempDir dir("host-file-missing");
    Expected<std::string> missing = readHostFile(dir.path("nope.txt"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "No such file or directory");
    CHECK(missing.error().location == dir.path("nope.txt"));
    Expected<std::string> directory = readHostFile(dir.path());
    REQUIRE(directory.ok());
    CHECK(directory->empty());
}
